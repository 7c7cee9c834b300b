import type { Scenario } from '../lab/scenario-types';

// Which scenario groups each end-to-end file (test/e2e/scenarios-<name>.test.ts) walks. Split so
// a failure points at a kind of scenario, and each file launches each browser only once. A unit
// test checks that together they cover every scenario.
export const SCENARIO_FILES = {
  connection: ['connection', 'hsts'],
  downgrades: ['redirect', 'navigation'],
  content: ['content'],
  upgrades: ['upgrade'],
} as const satisfies Record<string, ReadonlyArray<Scenario['group']>>;

export type ScenarioFile = keyof typeof SCENARIO_FILES;
