import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/background/history-store';
import { dayKey, MAX_HISTORY, type HistoryEntry } from '../../src/core/history';
import { asyncArea } from './async-area';

// The history's storage adapter over an in-memory area that answers asynchronously, as the
// browser's does: a burst of findings is written in a few writes, none is lost, the caps hold.

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 30, 12);

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
    const a = asyncArea();
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
    const store = new HistoryStore(asyncArea());
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
    const a = asyncArea();
    const store = new HistoryStore(a);
    await store.append([entry(T0, 1)], T0, 0);
    expect(await store.all()).toEqual([]);
    await store.append([entry(T0, 1)], T0, 30);
    await store.clear();
    expect(await store.all()).toEqual([]);
    expect([...a.items.keys()]).toEqual([]);
  });
});
