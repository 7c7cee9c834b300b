// Shared by the two spies below, inside the recorder's service worker: the tab whose update is
// running, and the events reduced so far, in order, each with its tab.
import type { TabEvent } from '../../src/core/events';

export const TRACE_GLOBAL = '__portwatchTrace';

let currentTab: number | undefined;
const events: Array<[number, TabEvent]> = [];
(globalThis as Record<string, unknown>)[TRACE_GLOBAL] = events;

export function setCurrentTab(tabId: number | undefined): void {
  currentTab = tabId;
}

export function record(event: TabEvent): void {
  // Structured-clone safe and detached from the state the reducer keeps.
  events.push([currentTab ?? -1, JSON.parse(JSON.stringify(event)) as TabEvent]);
}
