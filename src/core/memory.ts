import type { CertificateInfo } from './cert/model';
import { finite, isRecord } from './checked';
import { bound } from './text';
import type { UrlInfo } from './url';
import { DAY_MS } from './time';

// What Portwatch remembers about hosts, to catch what one page alone cannot show: a host always
// reached over HTTPS now served over plain HTTP (SSL stripping), and a host whose certificate
// key changed (a rogue or compromised CA). Local only, bounded, oldest forgotten first.
//
// Hosts are spread over SHARDS stored apart (by a hash of the host), so remembering one host
// rewrites one small shard rather than everything. Each shard keeps PER_SHARD hosts and forgets
// the one seen longest ago when full; every entry is bounded, so the whole memory is too.

export const SHARDS = 64;
export const PER_SHARD = 128;
/** SHARDS × PER_SHARD: 8,192 hosts. */
export const MAX_HOSTS = SHARDS * PER_SHARD;
/**
 * What the whole memory can take in storage, JSON in UTF-8, with every field at its bound (a
 * 259-character host:port, a 64-character issuer of 3-byte characters): test/unit/memory.test.ts
 * fills it with 100,000 such hosts and measures. Typical hosts take a fifth of that.
 */
export const MAX_MEMORY_BYTES = 5 * 1024 * 1024;
const MAX_KEY = 260;
const MAX_ISSUER = 64;
const MAX_SPKI = 64;
/** A repeat visit refreshes "last seen" at most this often, so browsing does not mean writing. */
export const REFRESH_MS = 3_600_000;
/** An old certificate this close to its expiry is expected to be replaced, key and all. */
export const RENEWAL_WINDOW_MS = 30 * DAY_MS;

export interface RememberedCert {
  /** SHA-256 of the key (SubjectPublicKeyInfo), base64. */
  spki: string;
  issuer: string;
  /** Epoch ms. */
  notAfter?: number;
}

export interface HostMemory {
  /** Epoch ms this host was last seen over HTTPS with a certificate the browser accepted. */
  https?: number;
  cert?: RememberedCert;
  /** Epoch ms last seen; the oldest is forgotten first. */
  seen: number;
}

export type Shard = Record<string, HostMemory>;

/** The key of a page's host: `host`, or `host:port` when the port is not the scheme's default. */
export function memoryKey(url: UrlInfo): string {
  const defaultPort = url.secure ? 443 : 80;
  return bound(url.port === defaultPort ? url.host : `${url.host}:${url.port}`, MAX_KEY);
}

/** The shard holding `key` (FNV-1a over its UTF-16 units): stable across starts and browsers. */
export function shardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % SHARDS;
}

/** The certificate as remembered: its key and issuer (what a swap would change). */
export function rememberedCert(leaf: CertificateInfo): RememberedCert | null {
  if (leaf.spkiSha256 === undefined) return null;
  return {
    spki: bound(leaf.spkiSha256, MAX_SPKI),
    issuer: bound(leaf.issuer, MAX_ISSUER),
    ...(leaf.notAfter !== undefined ? { notAfter: leaf.notAfter } : {}),
  };
}

function readCert(c: unknown): RememberedCert | undefined {
  if (!isRecord(c)) return undefined;
  if (typeof c.spki !== 'string' || typeof c.issuer !== 'string') return undefined;
  const notAfter = finite(c.notAfter);
  return {
    spki: bound(c.spki, MAX_SPKI),
    issuer: bound(c.issuer, MAX_ISSUER),
    ...(notAfter !== undefined ? { notAfter } : {}),
  };
}

export function readHostMemory(e: unknown): HostMemory | undefined {
  if (!isRecord(e)) return undefined;
  const seen = finite(e.seen);
  if (seen === undefined) return undefined;
  const https = finite(e.https);
  const cert = readCert(e.cert);
  if (https === undefined && cert === undefined) return undefined;
  return { seen, ...(https !== undefined ? { https } : {}), ...(cert ? { cert } : {}) };
}

/** A stored shard, validated: bad entries dropped, the rest kept, at most PER_SHARD. */
export function readShard(raw: unknown): Shard {
  const out: Shard = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  let count = 0;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (count >= PER_SHARD || key === '' || key.length > MAX_KEY) continue;
    const entry = readHostMemory(value);
    if (entry) {
      out[key] = entry;
      count++;
    }
  }
  return out;
}

/** Whether an entry is still remembered at `now`, given how many days memories are kept. */
export function isFresh(entry: HostMemory, now: number, days: number): boolean {
  return now - entry.seen <= days * DAY_MS;
}

/** What one visit teaches: the host was reached over HTTPS, with this certificate if known. */
export interface Lesson {
  https: boolean;
  cert: RememberedCert | null;
}

/**
 * Records a visit in `shard` (changed in place: the caller owns it, freshly read from storage)
 * and says whether anything worth writing changed: a repeat visit within REFRESH_MS with the
 * same certificate changes nothing. A full shard forgets the host seen longest ago.
 */
export function learn(shard: Shard, key: string, lesson: Lesson, now: number): boolean {
  if (key.length > MAX_KEY) return false;
  const old = shard[key];
  const fresh = lesson.cert ? readCert(lesson.cert) : undefined;
  const cert = fresh ?? old?.cert;
  const sameCert = old?.cert?.spki === cert?.spki && old?.cert?.issuer === cert?.issuer;
  if (old && sameCert && now - old.seen < REFRESH_MS && (!lesson.https || old.https !== undefined))
    return false;
  const https = lesson.https ? now : old?.https;
  if (https === undefined && cert === undefined) return false;
  if (!old && Object.keys(shard).length >= PER_SHARD) forgetOldest(shard);
  shard[key] = { seen: now, ...(https !== undefined ? { https } : {}), ...(cert ? { cert } : {}) };
  return true;
}

function forgetOldest(shard: Shard): void {
  let oldest: string | undefined;
  let seen = Infinity;
  for (const key in shard) {
    const entry = shard[key]!;
    if (entry.seen < seen) {
      seen = entry.seen;
      oldest = key;
    }
  }
  if (oldest !== undefined) delete shard[oldest];
}

/** The shard without what is no longer kept: entries past `days`, or a kind the person cleared. */
export function prune(
  shard: Shard,
  now: number,
  days: number,
  keep: { https: boolean; certificates: boolean },
): Shard {
  const out: Shard = {};
  for (const [key, entry] of Object.entries(shard)) {
    if (!isFresh(entry, now, days)) continue;
    const kept: HostMemory = {
      seen: entry.seen,
      ...(keep.https && entry.https !== undefined ? { https: entry.https } : {}),
      ...(keep.certificates && entry.cert ? { cert: entry.cert } : {}),
    };
    if (kept.https !== undefined || kept.cert) out[key] = kept;
  }
  return out;
}
