import browser from 'webextension-polyfill';
import {
  applyManaged,
  keepPersonal,
  lockedKeys,
  NO_POLICY,
  readManaged,
  type ManagedPolicy,
} from '../core/managed';
import {
  DEFAULT_SETTINGS,
  readSettings,
  type CoreSettings,
  type SettingKey,
} from '../core/settings';
import { logError } from './log';

// Settings come from two places: the person's, in storage.local (they outlive the browser
// session), and an organisation's policy, in storage.managed (read-only; core/managed.ts). The
// settings in force are the person's with the policy's values over them. Both are read once per
// background start, validated, and kept current through their areas' change events.

export const SETTINGS_KEY = 'settings';

let personal: CoreSettings = DEFAULT_SETTINGS;
let policy: ManagedPolicy = NO_POLICY;

/**
 * The organisation's policy. storage.managed rejects when there is none: Firefox when no
 * enterprise policy names the add-on, Chrome when it finds no schema. Either way, no policy.
 */
async function readPolicy(): Promise<ManagedPolicy> {
  try {
    return readManaged(await browser.storage.managed.get());
  } catch {
    return NO_POLICY;
  }
}

async function refreshPolicy(): Promise<void> {
  policy = await readPolicy();
}

let ready: Promise<unknown> = Promise.all([
  browser.storage.local
    .get(SETTINGS_KEY)
    .then((stored) => {
      personal = readSettings(stored[SETTINGS_KEY]);
    })
    .catch((error: unknown) => logError('settings read', error)),
  refreshPolicy(),
]);

/** The settings in force. */
export async function getSettings(): Promise<CoreSettings> {
  await ready;
  return applyManaged(personal, policy);
}

/** The settings the organisation's policy sets (the popup offers no change to them). */
export async function lockedSettings(): Promise<SettingKey[]> {
  await ready;
  return lockedKeys(policy);
}

/**
 * The organisation's policy, read afresh: the options page asks for it as it opens and when the
 * policy changes, and must not get the old one because its event came first.
 */
export async function getPolicy(): Promise<ManagedPolicy> {
  await ready;
  ready = refreshPolicy();
  await ready;
  return policy;
}

/**
 * Stores the person's settings; every view and tab follows through storage.local.onChanged. A
 * value the policy sets is not theirs to change: their own stays stored (core/managed.ts).
 */
export async function saveSettings(settings: CoreSettings): Promise<CoreSettings> {
  await ready;
  personal = keepPersonal(settings, personal, policy);
  await browser.storage.local.set({ [SETTINGS_KEY]: personal });
  return applyManaged(personal, policy);
}

/** Puts back the defaults of every setting the person has, those the policy sets too. */
export async function resetSettings(): Promise<CoreSettings> {
  await ready;
  personal = DEFAULT_SETTINGS;
  await browser.storage.local.set({ [SETTINGS_KEY]: personal });
  return applyManaged(personal, policy);
}

/** Call from a storage.local.onChanged listener; returns whether the settings changed. */
export function applySettingsChange(
  changes: Record<string, browser.Storage.StorageChange>,
): boolean {
  const change = changes[SETTINGS_KEY];
  if (!change) return false;
  personal = readSettings(change.newValue);
  return true;
}

/** Call when the policy changes (Chrome re-reads it while running); resolves once it is read. */
export function applyPolicyChange(): Promise<void> {
  const read = ready.then(refreshPolicy);
  ready = read;
  return read;
}
