import { describe, expect, it } from 'vitest';
import type { LocalArea } from '../../src/background/host-memory';
import { HistoryStore } from '../../src/background/history-store';
import { dayKey, MAX_HISTORY, type HistoryEntry } from '../../src/core/history';

// The history's storage adapter over an in-memory area that answers asynchronously, as the
// browser's does: a burst of findings is written in a few writes, none is lost, the caps hold.

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 30, 12);

function area() {
  const items = new Map<string, unknown>();
  const later = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
  const a = {
    items,
    writes: 0,
    async get(keys: string | string[] | null) {
      await later();
      const list = keys === null ? [...items.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(
        list.filter((k) => items.has(k)).map((k) => [k, structuredClone(items.get(k))]),
      );
    },
    async set(values: Record<string, unknown>) {
      await later();
      a.writes++;
      for (const [k, v] of Object.entries(values)) items.set(k, structuredClone(v));
    },
    async remove(keys: string | string[]) {
      await later();
      for (const k of Array.isArray(keys) ? keys : [keys]) items.delete(k);
    },
  } satisfies LocalArea & { items: Map<string, unknown>; writes: number };
  return a;
}

const entry = (time: number, n: number): HistoryEntry => ({
  time,
  page: `https://h${n}.example/`,
  host: `h${n}.example`,
  id: 'no-hsts',
  severity: 'info',
  evidence: { url: `https://h${n}.example/` },
});

describe('HistoryStore', () => {
  it('keeps every entry of a burst, written together rather than one write each', async () => {
    const a = area();
    const store = new HistoryStore(a);
    await Promise.all(
      Array.from({ length: 100 }, (_, n) => store.append([entry(T0 + n, n)], T0 + n, 30)),
    );
    const all = await store.all();
    expect(all).toHaveLength(100);
    expect(new Set(all.map((e) => e.host)).size).toBe(100);
    // One write of the day and one of the index per batch: far fewer than 100 of each.
    expect(a.writes).toBeLessThan(20);
  });

  it('forgets days past the retention, and the oldest beyond the cap', async () => {
    const store = new HistoryStore(area());
    await store.append([entry(T0 - 40 * DAY, 1)], T0 - 40 * DAY, 365);
    await store.append([entry(T0, 2)], T0, 30);
    expect((await store.all()).map((e) => e.host)).toEqual(['h2.example']);
    for (let d = 0; d < 5; d++) {
      const time = T0 + d * DAY;
      const day = Array.from({ length: 500 }, (_, n) => entry(time + n, n));
      await store.append(day, time, 30);
    }
    const kept = await store.all();
    expect(kept.length).toBeLessThanOrEqual(MAX_HISTORY);
    expect(dayKey(kept[0]!.time)).toBe(dayKey(T0 + DAY));
  });

  it('clears everything, and keeps nothing when the retention is 0', async () => {
    const a = area();
    const store = new HistoryStore(a);
    await store.append([entry(T0, 1)], T0, 0);
    expect(await store.all()).toEqual([]);
    await store.append([entry(T0, 1)], T0, 30);
    await store.clear();
    expect(await store.all()).toEqual([]);
    expect([...a.items.keys()]).toEqual([]);
  });
});
