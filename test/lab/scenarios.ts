// Every lab scenario, once: what the servers serve, how a person reaches it, and what Portwatch
// must show. The lab (lab.ts) builds its servers and index page from this list; the end-to-end
// tests (test/e2e/scenarios-*.test.ts) walk it in Chromium and Firefox.
//
// Each concern has its own `*.test` host names: a browser remembers HSTS per host, so a host
// that ever sends a long HSTS header is never also visited over http (the browser would upgrade).
import type { Scenario } from './scenario-types';
import { CONNECTION_SCENARIOS } from './scenarios/connection';
import { CONTENT_SCENARIOS } from './scenarios/content';
import { HSTS_SCENARIOS } from './scenarios/hsts';
import { NAVIGATION_SCENARIOS } from './scenarios/navigation';
import { REDIRECT_SCENARIOS } from './scenarios/redirects';
import { UPGRADE_SCENARIOS } from './scenarios/upgrades';

export const SCENARIOS: Scenario[] = [
  ...CONNECTION_SCENARIOS,
  ...HSTS_SCENARIOS,
  ...REDIRECT_SCENARIOS,
  ...NAVIGATION_SCENARIOS,
  ...CONTENT_SCENARIOS,
  ...UPGRADE_SCENARIOS,
];

export function scenario(id: string): Scenario {
  const found = SCENARIOS.find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}
