import {
  fitShard,
  learn,
  prune,
  readShard,
  SHARDS,
  shardOf,
  storedShard,
  type HostMemory,
  type Lesson,
  type Shard,
} from '../core/memory';
import type { CoreSettings } from '../core/settings';
import { InOrder } from './in-order';
import { DAY_MS } from '../core/time';

// The memory of hosts in storage.local (it outlives the browser session), one key per shard
// (see core/memory.ts). Changes to one shard run in order, each on a fresh read, so two tabs
// learning at once cannot lose each other's writes, even across a background restart.

/** The part of storage.local used here (storage.StorageArea in the browser). */
export interface LocalArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const shardKey = (n: number): string => `memory:${n}`;
const PRUNED_KEY = 'memory:pruned';
/** This install's secret for the shard hash (core/memory.ts shardOf). */
export const SALT_KEY = 'memory:salt';
const ALL_KEYS = Array.from({ length: SHARDS }, (_, n) => shardKey(n));
const SALT = /^[A-Za-z0-9+/]{22}==$/;

/** 16 random bytes, base64: the salt of a new install. */
function randomSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export class HostMemoryStore {
  private readonly queue = new InOrder<number>((n) => `memory shard ${n}`);
  private salt?: Promise<string>;

  constructor(
    private readonly area: LocalArea,
    private readonly newSalt: () => string = randomSalt,
  ) {}

  /** The install's salt; made on first use, when the hosts already remembered move to it. */
  private saltOnce(): Promise<string> {
    this.salt ??= this.loadSalt();
    return this.salt;
  }

  private async loadSalt(): Promise<string> {
    const stored = (await this.area.get(SALT_KEY))[SALT_KEY];
    if (typeof stored === 'string' && SALT.test(stored)) return stored;
    // Hosts remembered under another hash (an earlier version, or a salt lost to a corrupt
    // store) move to their new shards, all in one write with the salt: a stop before it leaves
    // the old layout, read again next time.
    const salt = this.newSalt();
    const all = await this.area.get(ALL_KEYS);
    const shards: Shard[] = Array.from({ length: SHARDS }, () => ({}));
    for (const key of ALL_KEYS) {
      for (const [host, entry] of Object.entries(readShard(all[key])))
        shards[shardOf(host, salt)]![host] = entry;
    }
    await this.area.set({
      ...Object.fromEntries(shards.map((s, n) => [shardKey(n), storedShard(fitShard(s))])),
      [SALT_KEY]: salt,
    });
    return salt;
  }

  private async read(n: number): Promise<Shard> {
    const stored = await this.area.get(shardKey(n));
    return readShard(stored[shardKey(n)]);
  }

  /** Runs `task` on shard `n` after every earlier task on it. */
  private inOrder<T>(n: number, task: () => Promise<T>): Promise<T> {
    return this.queue.run(n, task);
  }

  /** What is remembered of `key`, or null. */
  async lookup(key: string): Promise<HostMemory | null> {
    const n = shardOf(key, await this.saltOnce());
    return this.inOrder(n, async () => (await this.read(n))[key] ?? null);
  }

  /** Records a visit; writes only when something worth keeping changed. */
  async learn(key: string, lesson: Lesson, now: number): Promise<void> {
    const n = shardOf(key, await this.saltOnce());
    return this.inOrder(n, async () => {
      const shard = await this.read(n);
      if (learn(shard, key, lesson, now))
        await this.area.set({ [shardKey(n)]: storedShard(shard) });
    });
  }

  /** Drops what is no longer kept (too old, or of a kind switched off or cleared). */
  async prune(now: number, days: number, keep: { https: boolean; certificates: boolean }) {
    await this.saltOnce();
    await Promise.all(
      ALL_KEYS.map((_, n) =>
        this.inOrder(n, async () => {
          const before = await this.read(n);
          const after = prune(before, now, days, keep);
          if (Object.keys(after).length === 0) await this.area.remove(shardKey(n));
          else if (JSON.stringify(after) !== JSON.stringify(before))
            await this.area.set({ [shardKey(n)]: storedShard(after) });
        }),
      ),
    );
  }

  /**
   * Prunes once a day (`force`: now, after a settings change): forgets hosts not seen for the
   * days kept, and each kind whose remembering is switched off.
   */
  async pruneIfDue(now: number, settings: CoreSettings, force: boolean): Promise<void> {
    const stored = await this.area.get(PRUNED_KEY);
    const last = stored[PRUNED_KEY];
    if (!force && typeof last === 'number' && last <= now && now - last < DAY_MS) return;
    await this.prune(now, settings.rememberDays, {
      https: settings.rememberHttps,
      certificates: settings.rememberCertificates,
    });
    await this.area.set({ [PRUNED_KEY]: now });
  }

  /** How many hosts are remembered, and how many with a certificate. */
  async count(): Promise<{ hosts: number; https: number; certificates: number }> {
    await this.saltOnce();
    const stored = await this.area.get(ALL_KEYS);
    let hosts = 0;
    let https = 0;
    let certificates = 0;
    for (const key of ALL_KEYS) {
      for (const entry of Object.values(readShard(stored[key]))) {
        hosts++;
        if (entry.https !== undefined) https++;
        if (entry.certs) certificates++;
      }
    }
    return { hosts, https, certificates };
  }
}
