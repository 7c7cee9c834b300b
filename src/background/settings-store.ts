import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, readSettings, type CoreSettings } from '../core/settings';
import { logError } from './log';

// Settings live in storage.local (they outlive the browser session). Read once per background
// start, validated, and kept current through storage.local.onChanged so a change applies at once.

export const SETTINGS_KEY = 'settings';

let current: CoreSettings = DEFAULT_SETTINGS;
const ready: Promise<void> = browser.storage.local
  .get(SETTINGS_KEY)
  .then((stored) => {
    current = readSettings(stored[SETTINGS_KEY]);
  })
  .catch((error: unknown) => logError('settings read', error));

export async function getSettings(): Promise<CoreSettings> {
  await ready;
  return current;
}

/** Stores new settings; every view and tab follows through storage.local.onChanged. */
export async function saveSettings(settings: CoreSettings): Promise<void> {
  current = settings;
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}

/** Call from a storage.local.onChanged listener; returns whether the settings changed. */
export function applySettingsChange(
  changes: Record<string, browser.Storage.StorageChange>,
): boolean {
  const change = changes[SETTINGS_KEY];
  if (!change) return false;
  current = readSettings(change.newValue);
  return true;
}
