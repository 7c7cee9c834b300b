import type { TlsInfo } from './cert/model';
import { finite, flag, isRecord } from './checked';
import { bound } from './text';

// The certificates remembered for one host (see memory.ts): a few recent ones, because a host
// rarely has just one. ACME clients renew every few weeks, Certbot with a new key each time, and
// CDNs serve several valid certificates for a name at once, some from another CA (docs/
// certificates.md, "Renewals"). Each is kept as what tells renewals from swaps: its key, its
// certificate authority, the root its chain ended at, its validity, and when it was last seen.

/** Certificates kept per host: renewals, CDN siblings and a backup CA's fit. */
export const CERTS_PER_HOST = 4;
/**
 * Keys are kept as the first 128 bits of their SHA-256 (22 base64 characters): a chance match
 * is 1 in 2^128, and the host's entry stays small enough for several certificates.
 */
export const KEY_CHARS = 22;
/** A CA's organisation name as kept: real ones are 5 to 35 characters. */
export const MAX_CA = 64;

export interface RememberedCert {
  /** The leaf's key: SHA-256 of its SubjectPublicKeyInfo, base64, first KEY_CHARS characters. */
  key: string;
  /** Who issued it: the issuer's organisation, else its common name, else the whole issuer. */
  ca: string;
  /** The key of the last certificate of the chain the browser gave (its root, or the top). */
  root?: string;
  /** Firefox: whether the chain ended at a root that ships with Firefox. */
  builtInRoot?: boolean;
  /** Validity, epoch ms. */
  from?: number;
  until?: number;
  /** Epoch ms this certificate was last seen for the host. */
  seen: number;
}

/** As stored: a tuple, since a host keeps several and the memory has a byte budget. */
export type StoredCert = [
  key: string,
  ca: string,
  root: string,
  from: number,
  until: number,
  seen: number,
  builtInRoot: 0 | 1 | 2,
];

export const shortKey = (spkiSha256: string): string => spkiSha256.slice(0, KEY_CHARS);

/** The CA as compared: "Google Trust Services LLC" and "Google Trust Services" are one CA. */
export function caIdentity(ca: string): string {
  return ca
    .toLowerCase()
    .replace(/[.,\s]+/g, ' ')
    .trim()
    .replace(/ (inc|llc|ltd|limited|corp|corporation|gmbh|ag|sa|s a|nv-sa|co|b v|bv)$/, '');
}

/** The connection's leaf certificate as remembered, or null when the browser gave no key. */
export function certOfConnection(tls: TlsInfo, now: number): RememberedCert | null {
  const leaf = tls.chain[0];
  if (leaf?.spkiSha256 === undefined) return null;
  const top = tls.chain.length > 1 ? tls.chain[tls.chain.length - 1] : undefined;
  return {
    key: shortKey(leaf.spkiSha256),
    ca: bound(leaf.issuerOrg ?? leaf.issuerCn ?? leaf.issuer, MAX_CA),
    ...(top?.spkiSha256 !== undefined ? { root: shortKey(top.spkiSha256) } : {}),
    ...(top?.builtInRoot !== undefined ? { builtInRoot: top.builtInRoot } : {}),
    ...(leaf.notBefore !== undefined ? { from: leaf.notBefore } : {}),
    ...(leaf.notAfter !== undefined ? { until: leaf.notAfter } : {}),
    seen: now,
  };
}

/** A key as kept: a full SHA-256 (the one-key memory kept those) is cut to KEY_CHARS. */
const keyText = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? shortKey(v) : undefined;
/** A stored time: 0 stands for "not known". */
const time = (v: unknown): number | undefined => {
  const n = finite(v);
  return n !== undefined && n > 0 ? n : undefined;
};

function cert(parts: {
  key: unknown;
  ca: unknown;
  root: unknown;
  builtInRoot: boolean | undefined;
  from: unknown;
  until: unknown;
  seen: unknown;
}): RememberedCert | undefined {
  const key = keyText(parts.key);
  const ca = typeof parts.ca === 'string' ? bound(parts.ca, MAX_CA) : undefined;
  const seen = time(parts.seen);
  if (key === undefined || ca === undefined || seen === undefined) return undefined;
  const root = keyText(parts.root);
  const from = time(parts.from);
  const until = time(parts.until);
  return {
    key,
    ca,
    ...(root !== undefined ? { root } : {}),
    ...(parts.builtInRoot !== undefined ? { builtInRoot: parts.builtInRoot } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(until !== undefined ? { until } : {}),
    seen,
  };
}

/**
 * One remembered certificate in any form it was written in: the stored tuple, the object (a
 * tab's saved state), or the single certificate a host kept before several were
 * (`{spki, issuer, notAfter}`, seen when its host was: `legacySeen`). Anything else: undefined.
 */
export function readRememberedCert(v: unknown, legacySeen?: number): RememberedCert | undefined {
  if (Array.isArray(v)) {
    const [key, ca, root, from, until, seen, builtIn] = v as unknown[];
    const builtInRoot = builtIn === 1 ? true : builtIn === 0 ? false : undefined;
    return cert({ key, ca, root, builtInRoot, from, until, seen });
  }
  if (!isRecord(v)) return undefined;
  if (legacySeen !== undefined)
    return cert({
      key: v.spki,
      ca: typeof v.issuer === 'string' ? caOfIssuer(v.issuer) : undefined,
      root: undefined,
      builtInRoot: undefined,
      from: undefined,
      until: v.notAfter,
      seen: legacySeen,
    });
  return cert({
    key: v.key,
    ca: v.ca,
    root: v.root,
    builtInRoot: flag(v.builtInRoot),
    from: v.from,
    until: v.until,
    seen: v.seen,
  });
}

/**
 * The CA in an issuer written as RFC 4514 (`CN=R11,O=Let's Encrypt,C=US`), as the one-key memory
 * kept it: its organisation, else its common name, else all of it.
 */
export function caOfIssuer(issuer: string): string {
  const part = (type: string) =>
    new RegExp(`(?:^|,)${type}=((?:[^,\\\\]|\\\\.)*)`).exec(issuer)?.[1]?.replace(/\\(.)/g, '$1');
  return bound(part('O') ?? part('CN') ?? issuer, MAX_CA);
}

export function storedCert(c: RememberedCert): StoredCert {
  const builtIn = c.builtInRoot === undefined ? 2 : c.builtInRoot ? 1 : 0;
  return [c.key, c.ca, c.root ?? '', c.from ?? 0, c.until ?? 0, c.seen, builtIn];
}

/** Newest seen first. */
const byRecency = (a: RememberedCert, b: RememberedCert): number => b.seen - a.seen;

/**
 * The host's certificates after seeing `seen`: the one with its key refreshed, or added; then,
 * past `max`, the one seen longest ago forgotten, though never the last one of its CA (a CDN's
 * backup CA, seen now and then, must stay known while its main CA renews often).
 */
export function withCert(
  certs: readonly RememberedCert[],
  seen: RememberedCert,
  max = CERTS_PER_HOST,
): RememberedCert[] {
  const out = [seen, ...certs.filter((c) => c.key !== seen.key)].sort(byRecency);
  while (out.length > Math.max(1, max)) out.splice(evictable(out), 1);
  return out;
}

/** Which certificate to forget from a list sorted newest first: see withCert. */
export function evictable(certs: readonly RememberedCert[]): number {
  const perCa = new Map<string, number>();
  for (const c of certs) perCa.set(caIdentity(c.ca), (perCa.get(caIdentity(c.ca)) ?? 0) + 1);
  for (let i = certs.length - 1; i > 0; i--) {
    if (perCa.get(caIdentity(certs[i]!.ca))! > 1) return i;
  }
  return certs.length - 1;
}
