import { describe, expect, it } from 'vitest';
import { HostMemoryStore, shardKey } from '../../src/background/host-memory';
import { PER_SITE, shardOf } from '../../src/core/memory';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { asyncArea } from './async-area';

// The memory's storage adapter over an in-memory storage area that answers asynchronously, as
// the browser's does: concurrent visits must not lose each other's writes.

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
const SALT = 'AAAAAAAAAAAAAAAAAAAAAA==';
const makeStore = (area = asyncArea()) => new HostMemoryStore(area, () => SALT);

/** Host names of distinct sites that fall in the same shard, to make writes to it race. */
function sameShard(count: number): string[] {
  const target = shardOf('h0.example', SALT);
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    if (shardOf(`h${i}.example`, SALT) === target) out.push(`h${i}.example`);
  }
  return out;
}

describe('HostMemoryStore', () => {
  it('keeps every one of many concurrent visits to hosts of one shard', async () => {
    const store = makeStore();
    const hosts = sameShard(20);
    await Promise.all(hosts.map((h) => store.learn(h, { https: true, cert: null }, T0)));
    for (const h of hosts) expect(await store.lookup(h)).toEqual({ seen: T0, https: T0 });
    expect(await store.count()).toEqual({ hosts: 20, https: 20, certificates: 0 });
  });

  it('does not write for a repeat visit, and reads a corrupt shard as empty', async () => {
    const a = asyncArea();
    const store = makeStore(a);
    await store.learn('a.example', { https: true, cert: null }, T0);
    const writes = a.writes;
    await store.learn('a.example', { https: true, cert: null }, T0 + 1000);
    expect(a.writes).toBe(writes);
    a.items.set(shardKey(shardOf('a.example', SALT)), 'garbage');
    expect(await store.lookup('a.example')).toBeNull();
  });

  it('prunes at most daily unless forced, forgetting what a switch turned off', async () => {
    const a = asyncArea();
    const store = makeStore(a);
    const cert = { key: 'K', ca: 'CA', seen: T0 };
    await store.learn('a.example', { https: true, cert }, T0);
    await store.pruneIfDue(T0 + DAY, DEFAULT_SETTINGS, false);
    const off = { ...DEFAULT_SETTINGS, rememberCertificates: false };
    await store.pruneIfDue(T0 + DAY + 1, off, false);
    expect((await store.lookup('a.example'))?.certs).toEqual([cert]);
    await store.pruneIfDue(T0 + DAY + 2, off, true);
    expect(await store.lookup('a.example')).toEqual({ seen: T0, https: T0 });
    await store.pruneIfDue(T0 + 400 * DAY, DEFAULT_SETTINGS, true);
    expect(await store.lookup('a.example')).toBeNull();
    expect([...a.items.keys()].sort()).toEqual(['memory:pruned', 'memory:salt']);
  });

  it("moves what an earlier version remembered under the unsalted hash to this install's shards", async () => {
    const a = asyncArea();
    // An earlier version's layout: hosts in whatever shard, no salt stored.
    a.items.set(shardKey(5), { 'bank.example': { seen: T0, https: T0 } });
    a.items.set(shardKey(9), { 'shop.example': { seen: T0, https: T0 } });
    const store = makeStore(a);
    expect(await store.lookup('bank.example')).toEqual({ seen: T0, https: T0 });
    expect(await store.lookup('shop.example')).toEqual({ seen: T0, https: T0 });
    expect(a.items.get('memory:salt')).toBe(SALT);
    expect(Object.keys(a.items.get(shardKey(shardOf('bank.example', SALT))) as object)).toContain(
      'bank.example',
    );
    // A new store (a restarted background) keeps the salt and finds them again.
    expect(await new HostMemoryStore(a, () => 'another').lookup('bank.example')).not.toBeNull();
  });

  it("a page walking through a thousand of its subdomains cannot erase another site's memory", async () => {
    const a = asyncArea();
    const store = makeStore(a);
    await store.learn('bank.example', { https: true, cert: null }, T0);
    for (let i = 0; i < 1000; i++)
      await store.learn(`s${i}.evil.example`, { https: true, cert: null }, T0 + (i + 1) * 1000);
    expect(await store.lookup('bank.example')).toEqual({ seen: T0, https: T0 });
    expect((await store.count()).hosts).toBe(1 + PER_SITE);
  });
});
