import type { HostKind } from './url';

// Parses Strict-Transport-Security (RFC 6797 section 6.1). Lenient on spacing and case, strict on
// values: a header a browser would ignore is reported as giving no protection. judgeHsts() is the
// one judgement of a page's header: the popup's HSTS fact and the no-hsts finding both read it.

export interface HstsPolicy {
  maxAge: number;
  includeSubDomains: boolean;
  preload: boolean;
}

/** The policy a header sets, or null when the header is malformed or lacks max-age. */
export function parseHsts(value: string): HstsPolicy | null {
  let maxAge: number | null = null;
  let includeSubDomains = false;
  let preload = false;
  const seen = new Set<string>();
  for (const part of value.split(';')) {
    const [rawName = '', ...rest] = part.split('=');
    const name = rawName.trim().toLowerCase();
    if (name === '') continue;
    if (seen.has(name)) return null; // A directive given twice makes the header invalid.
    seen.add(name);
    const raw = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'max-age') {
      if (!/^\d{1,12}$/.test(raw)) return null;
      maxAge = Number(raw);
    } else if (name === 'includesubdomains') {
      includeSubDomains = true;
    } else if (name === 'preload') {
      preload = true;
    }
  }
  return maxAge === null ? null : { maxAge, includeSubDomains, preload };
}

/** Below this max-age (180 days), HSTS counts as too short to protect (the no-hsts finding). */
export const HSTS_MIN_MAX_AGE = 180 * 24 * 60 * 60;

export interface HstsView {
  state: 'present' | 'short' | 'absent' | 'invalid' | 'unknown' | 'not-applicable';
  maxAge?: number;
  includeSubDomains?: boolean;
  preload?: boolean;
}

/**
 * What a page's Strict-Transport-Security header protects: `hsts` null when the response had
 * none, undefined when no response was seen (a cached or restored load: unknown, not absent).
 * Browsers ignore it over http and for IP literals.
 */
export function judgeHsts(
  hsts: string | null | undefined,
  scheme: string,
  hostKind: HostKind,
): HstsView {
  if (scheme !== 'https' || hostKind !== 'domain') return { state: 'not-applicable' };
  if (hsts === undefined) return { state: 'unknown' };
  if (hsts === null) return { state: 'absent' };
  const policy = parseHsts(hsts);
  if (!policy) return { state: 'invalid' };
  return {
    state: policy.maxAge >= HSTS_MIN_MAX_AGE ? 'present' : 'short',
    maxAge: policy.maxAge,
    includeSubDomains: policy.includeSubDomains,
    preload: policy.preload,
  };
}
