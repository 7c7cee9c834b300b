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
import { sha256 } from '@noble/hashes/sha2.js';
import { siteOf } from './site';
import { bound, utf8Length } from './text';
import type { UrlInfo } from './url';
import { DAY_MS } from './time';

// What Portwatch remembers about hosts, to catch what one page alone cannot show: a host always
// reached over HTTPS now served over plain HTTP (SSL stripping), and a host whose certificate
// now comes from a CA it did not use (a rogue or compromised CA, an interception box: see
// cert-change.ts). Local only, bounded, oldest forgotten first.
//
// Hosts are spread over SHARDS stored apart (by a keyed hash of the host's site), so remembering
// one host rewrites one small shard rather than everything. Each shard keeps PER_SHARD hosts and
// forgets the one seen longest ago when full, and each site at most PER_SITE: a page that walks
// through its own subdomains cannot erase another site's memory (which would silence
// https-stripped for it). Every entry is bounded, so the whole memory is too.

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

/** A site keeps at most this many hosts remembered: its subdomains cannot push out others. */
export const PER_SITE = 16;

/** The host of a memory key (`host` or `host:port`; IPv6 literals keep their brackets). */
function hostOfKey(key: string): string {
  if (key.startsWith('[')) return key.slice(0, key.indexOf(']') + 1) || key;
  const colon = key.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(key.slice(colon + 1)) ? key.slice(0, colon) : key;
}

/** The site (registrable domain) a memory key belongs to: its hosts share a shard. */
export function siteOfKey(key: string): string {
  return siteOf(hostOfKey(key));
}

/** The keys of `shard` whose site is `site`: only a host equal to it or under it can be. */
function keysOfSite(shard: Shard, site: string): string[] {
  const under = `.${site}`;
  return Object.keys(shard).filter((k) => {
    const host = hostOfKey(k);
    return (host === site || host.endsWith(under)) && siteOfKey(k) === site;
  });
}

/**
 * The shard holding `key`: a keyed hash (SHA-256 over this install's secret `salt` and the key's
 * site), so no page can compute which of its subdomains share a shard with another site's host,
 * and every host of one site shares its shard, where PER_SITE bounds it.
 */
export function shardOf(key: string, salt: string): number {
  const digest = sha256(new TextEncoder().encode(`${salt} ${siteOfKey(key)}`));
  return (
    (((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0) % SHARDS
  );
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

/**
 * A shard within its bounds, as learn() keeps it: at most PER_SITE hosts of a site and PER_SHARD
 * in all, the ones seen most recently (for hosts moved between shards, whose counts were others').
 */
export function fitShard(shard: Shard): Shard {
  const out: Shard = {};
  const perSite = new Map<string, number>();
  const newestFirst = Object.entries(shard).sort((a, b) => b[1].seen - a[1].seen);
  for (const [key, entry] of newestFirst) {
    const site = siteOfKey(key);
    const n = perSite.get(site) ?? 0;
    if (n >= PER_SITE || Object.keys(out).length >= PER_SHARD) continue;
    perSite.set(site, n + 1);
    out[key] = entry;
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
  if (!old) makeRoom(shard, key);
  shard[key] = fitted(key, entry(now, https, certs));
  return true;
}

/** Room for a new `key`: the oldest host of its site goes when the site is at PER_SITE, else the
 * oldest host of the shard when it is full. */
function makeRoom(shard: Shard, key: string): void {
  const sameSite = keysOfSite(shard, siteOfKey(key));
  if (sameSite.length >= PER_SITE) forgetOldest(shard, sameSite);
  else if (Object.keys(shard).length >= PER_SHARD) forgetOldest(shard, Object.keys(shard));
}

function forgetOldest(shard: Shard, keys: readonly string[]): void {
  let oldest: string | undefined;
  let seen = Infinity;
  for (const key of keys) {
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
