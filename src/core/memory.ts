import { finite, isRecord, listOf } from './checked';
import {
  CERTS_PER_HOST,
  evictable,
  readRememberedCert,
  storedCert,
  withCert,
  type RememberedCert,
  type StoredCert,
} from './remembered-cert';
import { bound, utf8Length } from './text';
import type { UrlInfo } from './url';
import { DAY_MS } from './time';

// What Portwatch remembers about hosts, to catch what one page alone cannot show: a host always
// reached over HTTPS now served over plain HTTP (SSL stripping), and a host whose certificate
// now comes from a CA it did not use (a rogue or compromised CA, an interception box: see
// cert-change.ts). Local only, bounded, oldest forgotten first.
//
// Hosts are spread over SHARDS stored apart (by a hash of the host), so remembering one host
// rewrites one small shard rather than everything. Each shard keeps PER_SHARD hosts and forgets
// the one seen longest ago when full; every entry is bounded, so the whole memory is too.

export const SHARDS = 64;
export const PER_SHARD = 128;
/** SHARDS × PER_SHARD: 8,192 hosts. */
export const MAX_HOSTS = SHARDS * PER_SHARD;
/**
 * What the whole memory can take in storage, JSON in UTF-8: MAX_HOSTS entries of at most
 * MAX_ENTRY_BYTES each. test/unit/memory.test.ts fills it with 100,000 hosts at the longest
 * allowed fields, each with more certificates than it keeps, and measures.
 */
export const MAX_MEMORY_BYTES = 5 * 1024 * 1024;
/**
 * One host's entry, its key included, as stored (UTF-8 JSON). A host with a long name or CA
 * names keeps fewer certificates (never fewer than one); a typical host keeps CERTS_PER_HOST.
 */
export const MAX_ENTRY_BYTES = MAX_MEMORY_BYTES / MAX_HOSTS;
const MAX_KEY = 260;
/** A repeat visit refreshes "last seen" at most this often, so browsing does not mean writing. */
export const REFRESH_MS = 3_600_000;

export interface HostMemory {
  /** Epoch ms this host was last seen over HTTPS with a certificate the browser accepted. */
  https?: number;
  /** Its certificates, newest seen first (remembered-cert.ts). */
  certs?: RememberedCert[];
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

/** An entry as any version wrote it (see readRememberedCert), or undefined when it is not one. */
export function readHostMemory(e: unknown): HostMemory | undefined {
  if (!isRecord(e)) return undefined;
  const seen = finite(e.seen);
  if (seen === undefined) return undefined;
  const https = finite(e.https);
  const certs = Array.isArray(e.certs)
    ? listOf(e.certs, CERTS_PER_HOST, (c) => readRememberedCert(c))
    : listOf([e.cert], 1, (c) => readRememberedCert(c, seen));
  if (https === undefined && certs.length === 0) return undefined;
  return entry(seen, https, certs);
}

function entry(seen: number, https: number | undefined, certs: RememberedCert[]): HostMemory {
  return {
    seen,
    ...(https !== undefined ? { https } : {}),
    ...(certs.length > 0 ? { certs } : {}),
  };
}

/** The entry as stored: certificates as tuples. */
function stored(e: HostMemory): StoredHost {
  const { certs, ...rest } = e;
  return certs ? { ...rest, certs: certs.map(storedCert) } : rest;
}
type StoredHost = Omit<HostMemory, 'certs'> & { certs?: StoredCert[] };

/** The shard as written to storage. */
export function storedShard(shard: Shard): Record<string, StoredHost> {
  const out: Record<string, StoredHost> = {};
  for (const key in shard) out[key] = stored(shard[key]!);
  return out;
}

/** Bytes of `key` and its entry in the stored shard's JSON. */
export function entryBytes(key: string, e: HostMemory): number {
  return utf8Length(JSON.stringify({ [key]: stored(e) })) - 2;
}

/** A stored shard, validated: bad entries dropped, the rest kept, at most PER_SHARD. */
export function readShard(raw: unknown): Shard {
  const out: Shard = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  let count = 0;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (count >= PER_SHARD || key === '' || key.length > MAX_KEY) continue;
    const read = readHostMemory(value);
    if (read) {
      out[key] = fitted(key, read);
      count++;
    }
  }
  return out;
}

/** The entry within MAX_ENTRY_BYTES: certificates forgotten as withCert would, down to one. */
function fitted(key: string, e: HostMemory): HostMemory {
  let certs = e.certs ?? [];
  while (certs.length > 1 && entryBytes(key, entry(e.seen, e.https, certs)) > MAX_ENTRY_BYTES) {
    certs = certs.filter((_, i) => i !== evictable(certs));
  }
  return entry(e.seen, e.https, certs);
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
 * and says whether anything worth writing changed: a repeat visit within REFRESH_MS with a
 * certificate already remembered changes nothing. A full shard forgets the host seen longest ago.
 */
export function learn(shard: Shard, key: string, lesson: Lesson, now: number): boolean {
  if (key.length > MAX_KEY) return false;
  const old = shard[key];
  const fresh = lesson.cert ? readRememberedCert(lesson.cert) : undefined;
  const known = fresh !== undefined && old?.certs?.some((c) => c.key === fresh.key);
  if (
    old &&
    (fresh === undefined || known) &&
    now - old.seen < REFRESH_MS &&
    (!lesson.https || old.https !== undefined)
  )
    return false;
  const https = lesson.https ? now : old?.https;
  const certs = fresh ? withCert(old?.certs ?? [], { ...fresh, seen: now }) : (old?.certs ?? []);
  if (https === undefined && certs.length === 0) return false;
  if (!old && Object.keys(shard).length >= PER_SHARD) forgetOldest(shard);
  shard[key] = fitted(key, entry(now, https, certs));
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
      ...(keep.certificates && entry.certs ? { certs: entry.certs } : {}),
    };
    if (kept.https !== undefined || kept.certs) out[key] = kept;
  }
  return out;
}
