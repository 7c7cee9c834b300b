import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  entryBytes,
  learn,
  MAX_ENTRY_BYTES,
  MAX_HOSTS,
  MAX_MEMORY_BYTES,
  memoryKey,
  PER_SHARD,
  prune,
  readShard,
  REFRESH_MS,
  SHARDS,
  shardOf,
  storedShard,
  type Lesson,
  type Shard,
} from '../../src/core/memory';
import { CERTS_PER_HOST, type RememberedCert } from '../../src/core/remembered-cert';
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
const remembered = (key: string, ca = 'Example CA'): RememberedCert => ({
  key,
  ca,
  root: 'R'.repeat(22),
  builtInRoot: true,
  from: T0 - 30 * DAY,
  until: T0 + 60 * DAY,
  seen: T0,
});
const cert = (key: string, ca?: string): Lesson => ({ https: true, cert: remembered(key, ca) });

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
    const used = new Set(
      Array.from({ length: 5000 }, (_, i) => shardOf(`host${i}.example`, 'salt')),
    );
    expect(used.size).toBe(SHARDS);
  });
});

describe('learn', () => {
  it('remembers a host, and writes nothing for a repeat visit within the hour', () => {
    const one = learned({}, 'a.example', cert('K1'), T0)!;
    expect(one['a.example']).toEqual({ seen: T0, https: T0, certs: [remembered('K1')] });
    expect(learned(one, 'a.example', cert('K1'), T0 + REFRESH_MS - 1)).toBeNull();
    expect(learned(one, 'a.example', cert('K1'), T0 + REFRESH_MS)?.['a.example']?.seen).toBe(
      T0 + REFRESH_MS,
    );
  });

  it('adds a new key at once beside the ones kept, and keeps them when a visit brings none', () => {
    const one = learned({}, 'a.example', cert('K1'), T0)!;
    const two = learned(one, 'a.example', cert('K2'), T0 + 1)!;
    expect(two['a.example']?.certs?.map((c) => [c.key, c.seen])).toEqual([
      ['K2', T0 + 1],
      ['K1', T0],
    ]);
    const later = learned(two, 'a.example', https, T0 + 2 * REFRESH_MS)!;
    expect(later['a.example']?.certs?.map((c) => c.key)).toEqual(['K2', 'K1']);
    // A key seen again is refreshed, not added twice.
    const again = learned(later, 'a.example', cert('K1'), T0 + 3 * REFRESH_MS)!;
    expect(again['a.example']?.certs?.map((c) => c.key)).toEqual(['K1', 'K2']);
  });

  it(`keeps ${CERTS_PER_HOST} certificates, never forgetting the last one of a CA`, () => {
    let shard = learned({}, 'cdn.example', cert('BACKUP', 'Backup CA'), T0)!;
    for (let i = 0; i < 2 * CERTS_PER_HOST; i++)
      shard = learned(shard, 'cdn.example', cert(`MAIN${i}`, 'Main CA'), T0 + (i + 1) * DAY)!;
    const certs = shard['cdn.example']!.certs!;
    expect(certs).toHaveLength(CERTS_PER_HOST);
    expect(certs.map((c) => c.key)).toContain('BACKUP');
    expect(certs[0]!.key).toBe(`MAIN${2 * CERTS_PER_HOST - 1}`);
  });

  it('keeps a host within its byte budget, down to one certificate', () => {
    const host = `${'x'.repeat(250)}.example`;
    let shard: Shard = {};
    for (let i = 0; i < CERTS_PER_HOST; i++)
      shard = learned(shard, host, cert(`K${i}`.padEnd(22, '='), '証'.repeat(64)), T0 + i * DAY)!;
    expect(entryBytes(host, shard[host]!)).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
    expect(shard[host]!.certs!.length).toBeGreaterThanOrEqual(1);
    expect(shard[host]!.certs![0]!.key).toBe(`K${CERTS_PER_HOST - 1}`.padEnd(22, '='));
    // A typical host keeps them all.
    let typical: Shard = {};
    for (let i = 0; i < CERTS_PER_HOST; i++)
      typical = learned(
        typical,
        'www.example.com',
        cert(`K${i}`.padEnd(22, '='), 'Google Trust Services'),
        T0 + i * DAY,
      )!;
    expect(typical['www.example.com']!.certs).toHaveLength(CERTS_PER_HOST);
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
      'd.example': { seen: T0, certs: [[7, 'x', '', 0, 0, T0, 2]] },
      'e.example': null,
    };
    expect(readShard(raw)).toEqual(good);
    // What storage holds: the certificates as tuples, read back the same.
    expect(readShard(JSON.parse(JSON.stringify(storedShard(good))))).toEqual(good);
    expect(JSON.stringify(storedShard(good))).toContain('"certs":[["K1","Example CA","RRRR');
    for (const junk of [null, 'x', [1, 2], 42]) expect(readShard(junk)).toEqual({});
    fc.assert(fc.property(fc.anything(), (v) => void readShard(v)));
  });

  it('reads and migrates a host remembered with one key, as kept before several were', () => {
    const key = 'n7mm5ulWsy4ht2I8TZnNrBcwJzq0k2vjaQY5eDPHY7Q=';
    const old = {
      'a.example': {
        seen: T0,
        https: T0,
        cert: { spki: key, issuer: "CN=R11,O=Let's Encrypt,C=US", notAfter: T0 + 60 * DAY },
      },
    };
    const read = readShard(old);
    expect(read['a.example']).toEqual({
      seen: T0,
      https: T0,
      certs: [
        {
          key: key.slice(0, 22),
          ca: "Let's Encrypt",
          until: T0 + 60 * DAY,
          seen: T0,
        },
      ],
    });
    // Learning on it writes the new form, the old certificate kept beside the new one.
    const next = learned(read, 'a.example', cert('K2'), T0 + DAY)!;
    expect(next['a.example']!.certs!.map((c) => c.key)).toEqual(['K2', key.slice(0, 22)]);
    expect(JSON.stringify(storedShard(next))).not.toContain('"cert":');
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
    expect(prune(shard, now, 365, { https: false, certificates: true })['new.example']).toEqual({
      seen: T0 + 40 * DAY,
      certs: [remembered('K1')].map((c) => ({ ...c, seen: T0 + 40 * DAY })),
    });
    expect(prune(shard, now, 365, { https: false, certificates: false })).toEqual({});
  });

  it(`keeps at most ${MAX_HOSTS} hosts in ${MAX_MEMORY_BYTES / 1048576} MB, whatever 100,000 hosts it sees`, () => {
    const shards: Shard[] = Array.from({ length: SHARDS }, () => ({}));
    // Every field at its bound: a 259-character host:port, CA names of 3-byte characters (cut
    // to their bound), and more certificates than a host keeps, each with its own key and CA.
    const ca = '証'.repeat(500);
    for (let i = 0; i < 100_000; i++) {
      const key = `${String(i).padStart(6, '0')}${'x'.repeat(247)}.ex:65535`.slice(0, 259);
      const s = shardOf(key, 'salt');
      for (let c = 0; c <= CERTS_PER_HOST; c++)
        learn(shards[s]!, key, cert(`${i}-${c}`.padEnd(44, 'A'), `${c}${ca}`), T0 + i);
    }
    const hosts = shards.reduce((n, s) => n + Object.keys(s).length, 0);
    const bytes = shards.reduce(
      (n, s, i) =>
        n + Buffer.byteLength(`memory:${i}`) + Buffer.byteLength(JSON.stringify(storedShard(s))),
      0,
    );
    expect(hosts).toBeLessThanOrEqual(MAX_HOSTS);
    expect(hosts).toBeGreaterThan(MAX_HOSTS * 0.95);
    expect(bytes).toBeLessThanOrEqual(MAX_MEMORY_BYTES);
    // Oldest forgotten first: the last host seen is there, the first is not.
    const first = `000000${'x'.repeat(247)}.ex:65535`.slice(0, 259);
    expect(shards[shardOf(first, 'salt')]![first]).toBeUndefined();
  }, 60_000);
});
