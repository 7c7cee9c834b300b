import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  learn,
  MAX_HOSTS,
  MAX_MEMORY_BYTES,
  memoryKey,
  PER_SHARD,
  prune,
  readShard,
  REFRESH_MS,
  SHARDS,
  shardOf,
  type Lesson,
  type Shard,
} from '../../src/core/memory';
import { parseUrl } from '../../src/core/url';

// The memory of hosts, as the background keeps it in storage.local: one shard per hash bucket,
// each bounded, oldest forgotten first, validated when read.

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
const https: Lesson = { https: true, cert: null };
/** Learns on a copy: the shard after the visit, or null when nothing changed. */
function learned(shard: Shard, key: string, lesson: Lesson, now: number): Shard | null {
  const copy = structuredClone(shard);
  return learn(copy, key, lesson, now) ? copy : null;
}
const cert = (spki: string, issuer = 'Example CA'): Lesson => ({
  https: true,
  cert: { spki, issuer, notAfter: T0 + 365 * DAY },
});

describe('memoryKey', () => {
  it('is the host on the default port of either scheme, host:port otherwise', () => {
    const key = (u: string) => memoryKey(parseUrl(u)!);
    expect(key('https://Bank.example/login')).toBe('bank.example');
    expect(key('http://bank.example/')).toBe('bank.example');
    expect(key('https://localhost:8443/')).toBe('localhost:8443');
    expect(key('http://localhost:3000/')).toBe('localhost:3000');
    expect(key('https://[::1]:8443/')).toBe('[::1]:8443');
  });

  it('spreads over every shard', () => {
    const used = new Set(Array.from({ length: 5000 }, (_, i) => shardOf(`host${i}.example`)));
    expect(used.size).toBe(SHARDS);
  });
});

describe('learn', () => {
  it('remembers a host, and writes nothing for a repeat visit within the hour', () => {
    const one = learned({}, 'a.example', cert('K1'), T0)!;
    expect(one['a.example']).toEqual({
      seen: T0,
      https: T0,
      cert: { spki: 'K1', issuer: 'Example CA', notAfter: T0 + 365 * DAY },
    });
    expect(learned(one, 'a.example', cert('K1'), T0 + REFRESH_MS - 1)).toBeNull();
    expect(learned(one, 'a.example', cert('K1'), T0 + REFRESH_MS)?.['a.example']?.seen).toBe(
      T0 + REFRESH_MS,
    );
  });

  it('takes a new key at once, and keeps the certificate when a visit brings none', () => {
    const one = learned({}, 'a.example', cert('K1'), T0)!;
    expect(learned(one, 'a.example', cert('K2'), T0 + 1)?.['a.example']?.cert?.spki).toBe('K2');
    const later = learned(one, 'a.example', https, T0 + 2 * REFRESH_MS)!;
    expect(later['a.example']?.cert?.spki).toBe('K1');
  });

  it('forgets the host seen longest ago when a shard is full', () => {
    let shard: Shard = {};
    for (let i = 0; i < PER_SHARD; i++) shard = learned(shard, `h${i}`, https, T0 + i)!;
    shard = learned(shard, 'h0', https, T0 + 10 * REFRESH_MS)!; // h0 seen again: now the newest
    shard = learned(shard, 'new', https, T0 + 11 * REFRESH_MS)!;
    expect(Object.keys(shard)).toHaveLength(PER_SHARD);
    expect(shard.h0).toBeDefined();
    expect(shard.h1).toBeUndefined();
    expect(shard.new).toBeDefined();
  });
});

describe('storage', () => {
  it('reads a corrupt shard as far as it is valid', () => {
    const good = learned({}, 'a.example', cert('K1'), T0)!;
    const raw = {
      ...good,
      'b.example': { seen: 'yesterday', https: T0 },
      'c.example': { seen: T0 },
      'd.example': { seen: T0, cert: { spki: 7, issuer: 'x' } },
      'e.example': null,
    };
    expect(readShard(raw)).toEqual(good);
    for (const junk of [null, 'x', [1, 2], 42]) expect(readShard(junk)).toEqual({});
    fc.assert(fc.property(fc.anything(), (v) => void readShard(v)));
  });

  it('prunes what is past the limit in days, and each kind the person clears', () => {
    let shard = learned({}, 'old.example', cert('K0'), T0)!;
    shard = learned(shard, 'new.example', cert('K1'), T0 + 40 * DAY)!;
    const now = T0 + 45 * DAY;
    expect(Object.keys(prune(shard, now, 30, { https: true, certificates: true }))).toEqual([
      'new.example',
    ]);
    const noCerts = prune(shard, now, 365, { https: true, certificates: false });
    expect(noCerts['new.example']).toEqual({ seen: T0 + 40 * DAY, https: T0 + 40 * DAY });
    expect(prune(shard, now, 365, { https: false, certificates: false })).toEqual({});
  });

  it(`keeps at most ${MAX_HOSTS} hosts in ${MAX_MEMORY_BYTES / 1048576} MB, whatever 100,000 hosts it sees`, () => {
    const shards: Shard[] = Array.from({ length: SHARDS }, () => ({}));
    // Every field at its bound: a 259-character host:port and a long issuer of 3-byte characters.
    const issuer = '証'.repeat(500);
    for (let i = 0; i < 100_000; i++) {
      const key = `${String(i).padStart(6, '0')}${'x'.repeat(247)}.ex:65535`.slice(0, 259);
      const s = shardOf(key);
      learn(shards[s]!, key, cert('A'.repeat(44), issuer), T0 + i);
    }
    const hosts = shards.reduce((n, s) => n + Object.keys(s).length, 0);
    const bytes = shards.reduce(
      (n, s, i) => n + Buffer.byteLength(`memory:${i}`) + Buffer.byteLength(JSON.stringify(s)),
      0,
    );
    expect(hosts).toBeLessThanOrEqual(MAX_HOSTS);
    expect(hosts).toBeGreaterThan(MAX_HOSTS * 0.95);
    expect(bytes).toBeLessThanOrEqual(MAX_MEMORY_BYTES);
    // Oldest forgotten first: the last host seen is there, the first is not.
    const first = `000000${'x'.repeat(247)}.ex:65535`.slice(0, 259);
    expect(shards[shardOf(first)]![first]).toBeUndefined();
  }, 60_000);
});
