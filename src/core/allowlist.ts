import { toASCII } from 'punycode/punycode.es6.js';
import { classifyIp } from './ip';
import { msg, type Message } from './message';

// Allowlist patterns: `host`, `host:port`, `*.host` or `*.host:port`, where host is a domain
// (Unicode or punycode), an IPv4 address or a bracketed IPv6 address. A pattern is stored in
// one canonical form (lower case, punycode), so matching is a plain comparison.

export const MAX_PATTERNS = 500;
export const MAX_PATTERN = 260;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** The host part in canonical form, or null when it is not a host. */
function canonicalHost(host: string): string | null {
  if (host.startsWith('[') && host.endsWith(']')) {
    return classifyIp(host.slice(1, -1))?.family === 'IPv6' ? host : null;
  }
  if (classifyIp(host)?.family === 'IPv4') return host;
  let ascii: string;
  try {
    ascii = toASCII(host).toLowerCase();
  } catch {
    return null;
  }
  const labels = ascii.split('.');
  return ascii.length <= 253 && labels.every((l) => LABEL.test(l)) ? ascii : null;
}

export type PatternCheck = { pattern: string } | { error: Message };

/** Reads what a person typed as a pattern: its canonical form, or what is wrong with it. */
export function checkPattern(input: string): PatternCheck {
  const text = input.trim().toLowerCase();
  if (text === '') return { error: msg('pattern_error_empty') };
  if (text.length > MAX_PATTERN) return { error: msg('pattern_error_long', MAX_PATTERN) };
  // A URL pasted whole: no scheme or path belongs in a pattern.
  if (/[/\\?#@\s]/.test(text)) return { error: msg('pattern_error_host', input.trim()) };
  const colon = text.lastIndexOf(':');
  const hasPort = colon !== -1 && colon > text.lastIndexOf(']');
  let port = '';
  if (hasPort) {
    port = text.slice(colon + 1);
    const n = Number(port);
    if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535)
      return { error: msg('pattern_error_port', input.trim()) };
    port = String(n);
  }
  let host = hasPort ? text.slice(0, colon) : text;
  const wildcard = host.startsWith('*.');
  if (wildcard) host = host.slice(2);
  if (host.includes('*')) return { error: msg('pattern_error_wildcard', input.trim()) };
  const canonical = canonicalHost(host);
  if (canonical === null || (wildcard && canonical.startsWith('[')))
    return { error: msg('pattern_error_host', input.trim()) };
  return { pattern: `${wildcard ? '*.' : ''}${canonical}${hasPort ? `:${port}` : ''}` };
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

/** The allowlist with `pattern` (already checked) added once: the same list when it is there. */
export function withPattern(allowlist: readonly string[], pattern: string): readonly string[] {
  return allowlist.includes(pattern) ? allowlist : [...allowlist, pattern];
}
