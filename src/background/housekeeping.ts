import browser from 'webextension-polyfill';
import type { CoreSettings } from '../core/settings';
import type { HistoryStore } from './history-store';
import type { HostMemoryStore } from './host-memory';
import { getSettings } from './settings-store';
import type { TabStore } from './tab-store';

// What the background tidies: at each start, tabs closed while it was stopped and memories and
// history past their time; after a settings change, what the new limits no longer keep.

export interface Kept {
  store: TabStore;
  memory: HostMemoryStore;
  history: HistoryStore;
}

async function prune(kept: Kept, settings: CoreSettings, settingsChanged: boolean) {
  await kept.memory.pruneIfDue(Date.now(), settings, settingsChanged);
  await kept.history.prune(Date.now(), settings.historyDays);
}

export function tidyAtStart(kept: Kept): void {
  // A tab closed while the background was stopped (Chrome can miss tabs.onRemoved for a tab
  // closed just before a stop) leaves its state behind: drop what belongs to no open tab.
  void kept.store.dropAllBut(browser.tabs.query({}).then((tabs) => tabs.map((t) => t.id ?? -1)));
  // Memories at most daily (pruneIfDue), history at every start.
  void getSettings().then((settings) => prune(kept, settings, false));
}

export function tidyAfterSettingsChange(kept: Kept): void {
  void getSettings().then((settings) => prune(kept, settings, true));
}
