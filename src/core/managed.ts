import { isRecord } from './checked';
import { readField, SETTING_KEYS, type CoreSettings, type SettingKey } from './settings';
import { bound } from './text';

// Settings an organisation sets by policy (Chrome: `storage.managed`, declared in
// managed-schema.json; Firefox: the `3rdparty.Extensions` enterprise policy). A policy uses the
// names of the settings file (docs/managed-settings.md), and a value it sets wins over the
// person's: the options page shows it locked, and what the person chose stays stored underneath,
// back in force when the policy goes.
//
// Chrome drops a value that breaks the schema before the extension sees it; Firefox checks
// nothing. So a policy is read like any untrusted data: each usable value applies, and the names
// of the rest are kept to tell the administrator what was not applied.

export interface ManagedPolicy {
  /** The settings the policy sets, each valid. */
  values: Partial<CoreSettings>;
  /** Names the policy gave that are not settings, or whose values could not be used. */
  ignored: string[];
}

export const NO_POLICY: ManagedPolicy = { values: {}, ignored: [] };

/** Bounds on what an unusable policy is quoted back with. */
const MAX_IGNORED = 20;
const MAX_IGNORED_NAME = 64;

export function readManaged(raw: unknown): ManagedPolicy {
  if (!isRecord(raw)) return NO_POLICY;
  const values: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const key = SETTING_KEYS.find((k) => k === name);
    const read = key === undefined ? undefined : readField(key, value);
    if (key !== undefined && read !== undefined) values[key] = read;
    else if (ignored.length < MAX_IGNORED) ignored.push(bound(name, MAX_IGNORED_NAME));
  }
  return { values: values as Partial<CoreSettings>, ignored };
}

/** The settings in force: the person's, with every value the policy sets put over them. */
export function applyManaged(personal: CoreSettings, policy: ManagedPolicy): CoreSettings {
  return { ...personal, ...policy.values };
}

/** The settings the person cannot change, in the settings' own order. */
export function lockedKeys(policy: ManagedPolicy): SettingKey[] {
  return SETTING_KEYS.filter((key) => policy.values[key] !== undefined);
}

/**
 * What to store as the person's settings when `next` is saved: the locked fields keep the
 * person's own value, so a page that sends back the settings in force (policy values included)
 * never turns them into the person's choice.
 */
export function keepPersonal(
  next: CoreSettings,
  personal: CoreSettings,
  policy: ManagedPolicy,
): CoreSettings {
  const kept: Record<string, unknown> = { ...next };
  for (const key of lockedKeys(policy)) kept[key] = personal[key];
  return kept as unknown as CoreSettings;
}
