import { describe, expect, it } from 'vitest';
import { HostMemoryStore, shardKey } from '../../src/background/host-memory';
import { shardOf } from '../../src/core/memory';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { asyncArea } from './async-area';

// The memory's storage adapter over an in-memory storage area that answers asynchronously, as
// the browser's does: concurrent visits must not lose each other's writes.

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

/** Host names that fall in the same shard, to make writes to it race. */
function sameShard(count: number): string[] {
  const target = shardOf('h0.example');
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    if (shardOf(`h${i}.example`) === target) out.push(`h${i}.example`);
  }
  return out;
}

describe('HostMemoryStore', () => {
  it('keeps every one of many concurrent visits to hosts of one shard', async () => {
    const store = new HostMemoryStore(asyncArea());
    const hosts = sameShard(20);
    await Promise.all(hosts.map((h) => store.learn(h, { https: true, cert: null }, T0)));
    for (const h of hosts) expect(await store.lookup(h)).toEqual({ seen: T0, https: T0 });
    expect(await store.count()).toEqual({ hosts: 20, https: 20, certificates: 0 });
  });

  it('does not write for a repeat visit, and reads a corrupt shard as empty', async () => {
    const a = asyncArea();
    const store = new HostMemoryStore(a);
    await store.learn('a.example', { https: true, cert: null }, T0);
    await store.learn('a.example', { https: true, cert: null }, T0 + 1000);
    expect(a.writes).toBe(1);
    a.items.set(shardKey(shardOf('a.example')), 'garbage');
    expect(await store.lookup('a.example')).toBeNull();
  });

  it('prunes at most daily unless forced, forgetting what a switch turned off', async () => {
    const a = asyncArea();
    const store = new HostMemoryStore(a);
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
    expect([...a.items.keys()]).toEqual(['memory:pruned']);
  });
});
