import { checkPattern, MAX_PATTERNS } from './allowlist';
import { readKnownRoots, type KnownRoot } from './known-roots';

// The person's settings. Stored data is validated when read: anything malformed falls back to
// the default for that field and keeps the rest (an imported file is held to a stricter
// standard: see settings-file.ts).

export { isAllowlisted } from './allowlist';

/** Which findings raise a desktop notification. */
export type NotifyLevel = 'off' | 'danger' | 'warning';
export const NOTIFY_LEVELS: readonly NotifyLevel[] = ['off', 'danger', 'warning'];

export interface CoreSettings {
  /** `host`, `host:port`, `*.host` or `*.host:port` patterns that never raise nonstandard-port. */
  allowlist: string[];
  /** Loopback hosts (development servers): insecure-page and nonstandard-port at `info`. */
  softenLoopback: boolean;
  notify: NotifyLevel;
  /** Remember hosts seen over HTTPS, to catch SSL stripping (https-stripped). */
  rememberHttps: boolean;
  /** Remember each host's certificate key and issuer (certificate-changed). */
  rememberCertificates: boolean;
  /** Days a remembered host is kept after it was last seen. */
  rememberDays: number;
  /** Days findings are kept in the history; 0 keeps none. */
  historyDays: number;
  /** Chrome: read every https page's certificate through the debugger, without a click. */
  alwaysInspect: boolean;
  /** Roots installed on this computer that the person knows: they raise no local-root. */
  knownRoots: KnownRoot[];
}

export const DEFAULT_SETTINGS: CoreSettings = {
  allowlist: [],
  softenLoopback: true,
  notify: 'danger',
  rememberHttps: true,
  rememberCertificates: true,
  rememberDays: 365,
  historyDays: 30,
  alwaysInspect: false,
  knownRoots: [],
};

/** The whole-number settings and their bounds. */
export const RANGES = {
  rememberDays: { min: 1, max: 3650 },
  historyDays: { min: 0, max: 365 },
} as const;

export type BooleanSetting =
  'softenLoopback' | 'rememberHttps' | 'rememberCertificates' | 'alwaysInspect';
export const BOOLEAN_SETTINGS: readonly BooleanSetting[] = [
  'softenLoopback',
  'rememberHttps',
  'rememberCertificates',
  'alwaysInspect',
];

type Obj = Record<string, unknown>;

function wholeIn(value: unknown, range: { min: number; max: number }): value is number {
  return (
    Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max
  );
}

/** The stored allowlist: each valid pattern in canonical form, once; the rest dropped. */
function readAllowlist(value: unknown[]): string[] {
  const out = new Set<string>();
  for (const item of value.slice(0, MAX_PATTERNS)) {
    if (typeof item !== 'string') continue;
    const checked = checkPattern(item);
    if ('pattern' in checked) out.add(checked.pattern);
  }
  return [...out];
}

const aBoolean = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const days =
  (range: { min: number; max: number }) =>
  (v: unknown): number | undefined =>
    wholeIn(v, range) ? v : undefined;

/**
 * How each field is read from untrusted data (storage, a page's message, an organisation's
 * policy): its value when usable, else undefined. A list keeps its valid entries.
 */
const FIELD_READERS: { [K in keyof CoreSettings]: (v: unknown) => CoreSettings[K] | undefined } = {
  allowlist: (v) => (Array.isArray(v) ? readAllowlist(v) : undefined),
  softenLoopback: aBoolean,
  notify: (v) => (NOTIFY_LEVELS.includes(v as NotifyLevel) ? (v as NotifyLevel) : undefined),
  rememberHttps: aBoolean,
  rememberCertificates: aBoolean,
  rememberDays: days(RANGES.rememberDays),
  historyDays: days(RANGES.historyDays),
  alwaysInspect: aBoolean,
  knownRoots: (v) => (Array.isArray(v) ? readKnownRoots(v) : undefined),
};

export type SettingKey = keyof CoreSettings;
export const SETTING_KEYS = Object.keys(FIELD_READERS) as SettingKey[];

/** One field read from untrusted data: its value, or undefined when it is not usable. */
export function readField<K extends SettingKey>(
  key: K,
  value: unknown,
): CoreSettings[K] | undefined {
  return FIELD_READERS[key](value);
}

export function readSettings(raw: unknown): CoreSettings {
  const obj: Obj = typeof raw === 'object' && raw !== null ? (raw as Obj) : {};
  const settings: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) settings[key] = readField(key, obj[key]) ?? DEFAULT_SETTINGS[key];
  return settings as unknown as CoreSettings;
}
