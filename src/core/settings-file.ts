import { checkPattern, MAX_PATTERNS } from './allowlist';
import { MAX_KNOWN_ROOTS, readKnownRoot, readKnownRoots } from './known-roots';
import { msg, type Message } from './message';
import {
  BOOLEAN_SETTINGS,
  DEFAULT_SETTINGS,
  NOTIFY_LEVELS,
  RANGES,
  type CoreSettings,
  type NotifyLevel,
} from './settings';

// Settings exported to a file and imported back. An imported file is refused whole, with a
// message that says what is wrong, unless every part of it is right: nothing half-applies.

export const SETTINGS_FORMAT = 'portwatch-settings';
export const SETTINGS_VERSION = 1;
/** A real settings file is a few KB even with a full allowlist. */
export const MAX_SETTINGS_FILE = 64 * 1024;

export interface SettingsFile {
  format: typeof SETTINGS_FORMAT;
  version: number;
  settings: CoreSettings;
}

export function settingsToFile(settings: CoreSettings): string {
  const file: SettingsFile = {
    format: SETTINGS_FORMAT,
    version: SETTINGS_VERSION,
    settings,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ImportResult = { settings: CoreSettings } | { error: Message };

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The file's size refused, in the words the options page also uses before it sends one. */
export const sizeError = (): Message => msg('import_error_size', MAX_SETTINGS_FILE / 1024);

/** Longest version quoted back: a file's words, shown to the person importing it. */
const MAX_VERSION_TEXT = 20;

/**
 * Why the version is refused. Only a number or a short string is quoted: String() of anything
 * else runs the file's structure (a deep array overflows the stack, an object may not convert).
 */
function versionError(version: unknown): Message {
  const quoted =
    typeof version === 'number'
      ? String(version)
      : typeof version === 'string' && version.length <= MAX_VERSION_TEXT
        ? version
        : null;
  return quoted === null
    ? msg('import_error_version_unreadable')
    : msg('import_error_version', quoted);
}

/** The file as JSON, or null: any failure of the parser (RangeError on deep input too). */
function parseJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/** What one field of the file sets, or why it is wrong. */
function field(key: string, value: unknown): Partial<CoreSettings> | Message {
  if ((BOOLEAN_SETTINGS as readonly string[]).includes(key)) {
    return typeof value === 'boolean'
      ? { [key]: value }
      : msg('import_error_type', key, 'true/false');
  }
  if (key === 'notify') {
    return NOTIFY_LEVELS.includes(value as NotifyLevel)
      ? { notify: value as NotifyLevel }
      : msg('import_error_type', key, NOTIFY_LEVELS.join(' / '));
  }
  if (key === 'rememberDays' || key === 'historyDays') {
    const { min, max } = RANGES[key];
    return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? { [key]: value }
      : msg('import_error_range', key, min, max);
  }
  if (key === 'allowlist') return allowlist(value);
  if (key === 'knownRoots') return knownRoots(value);
  return msg('import_error_unknown', key.slice(0, 60));
}

function allowlist(value: unknown): Partial<CoreSettings> | Message {
  if (!Array.isArray(value)) return msg('import_error_type', 'allowlist', '[…]');
  if (value.length > MAX_PATTERNS) return msg('import_error_too_many', MAX_PATTERNS);
  const patterns = new Set<string>();
  for (const item of value) {
    if (typeof item !== 'string') return msg('import_error_type', 'allowlist', '"host:port"');
    const checked = checkPattern(item);
    if ('error' in checked) return checked.error;
    patterns.add(checked.pattern);
  }
  return { allowlist: [...patterns] };
}

function knownRoots(value: unknown): Partial<CoreSettings> | Message {
  if (!Array.isArray(value)) return msg('import_error_type', 'knownRoots', '[…]');
  if (value.length > MAX_KNOWN_ROOTS) return msg('import_error_too_many_roots', MAX_KNOWN_ROOTS);
  const roots = value.map(readKnownRoot);
  if (roots.some((r) => r === undefined))
    return msg('import_error_type', 'knownRoots', '{ "spki": "…=", "name": "…" }');
  return { knownRoots: readKnownRoots(roots) };
}

/**
 * Reads an exported file. Keys it does not name keep the values in `current`; anything unknown,
 * mistyped or out of range refuses the whole file.
 */
export function settingsFromFile(
  text: string,
  current: CoreSettings = DEFAULT_SETTINGS,
): ImportResult {
  if (text.length > MAX_SETTINGS_FILE) return { error: sizeError() };
  const json = parseJson(text);
  if (!json) return { error: msg('import_error_json') };
  const parsed = json.value;
  if (!isObj(parsed) || parsed.format !== SETTINGS_FORMAT || !isObj(parsed.settings))
    return { error: msg('import_error_format') };
  if (parsed.version !== SETTINGS_VERSION) return { error: versionError(parsed.version) };
  let settings: CoreSettings = { ...current };
  for (const [key, value] of Object.entries(parsed.settings)) {
    const part = field(key, value);
    if ('key' in part) return { error: part };
    settings = { ...settings, ...part };
  }
  return { settings };
}
