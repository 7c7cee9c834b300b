// The settings the core's decisions depend on. Stored data is validated when read: anything
// malformed falls back to the default for that field and keeps the rest.

export interface CoreSettings {
  /** `host`, `host:port` or `*.host` patterns that never raise nonstandard-port. */
  allowlist: string[];
  /** Loopback hosts (development servers): insecure-page and nonstandard-port at `info`. */
  softenLoopback: boolean;
}

export const DEFAULT_SETTINGS: CoreSettings = { allowlist: [], softenLoopback: true };

const MAX_PATTERNS = 500;
const MAX_PATTERN = 260;

export function readSettings(raw: unknown): CoreSettings {
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const allowlist = Array.isArray(obj.allowlist)
    ? obj.allowlist
        .filter(
          (p): p is string => typeof p === 'string' && p.length > 0 && p.length <= MAX_PATTERN,
        )
        .slice(0, MAX_PATTERNS)
        .map((p) => p.toLowerCase())
    : DEFAULT_SETTINGS.allowlist;
  const softenLoopback =
    typeof obj.softenLoopback === 'boolean' ? obj.softenLoopback : DEFAULT_SETTINGS.softenLoopback;
  return { allowlist, softenLoopback };
}

/** Whether host:port matches a pattern: `host`, `host:port`, `*.host` or `*.host:port`. */
export function isAllowlisted(host: string, port: number, patterns: readonly string[]): boolean {
  const h = host.toLowerCase();
  return patterns.some((pattern) => {
    const colon = pattern.lastIndexOf(':');
    const hasPort = colon > pattern.lastIndexOf(']') && colon !== -1;
    const hostPart = hasPort ? pattern.slice(0, colon) : pattern;
    if (hasPort && pattern.slice(colon + 1) !== String(port)) return false;
    if (hostPart.startsWith('*.')) return h.endsWith(hostPart.slice(1)) && h !== hostPart.slice(2);
    return h === hostPart;
  });
}
