import type { OptionsHandlers } from '../../src/options/section';

// The options page's handlers for a test that renders the page and clicks nothing.

const noop = (): void => undefined;

export const NOOP_OPTIONS_HANDLERS: OptionsHandlers = {
  change: noop,
  checkPattern: () => Promise.resolve({ pattern: 'a.example' }),
  clearMemory: noop,
  exportSettings: noop,
  importSettings: () => Promise.resolve(null),
  reset: noop,
  grantDebugger: noop,
  removeDebugger: noop,
  openHistory: noop,
};
