import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/background/history-store';
import type { LocalArea } from '../../src/background/host-memory';
import { dayKey, MAX_HISTORY, type HistoryEntry } from '../../src/core/history';
import { PER_SITE_PER_DAY, readDay } from '../../src/core/history-day';
import { asyncArea, type TestArea } from './async-area';

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
  count: 1,
  first: time,
});

/** The area as a background that is stopped at its `n`th write sees it: that write and every
 * later one fail (the worker is gone), the earlier ones are stored. */
function stopsAtWrite(area: TestArea, n: number): LocalArea {
  let writes = 0;
  const write =
    <A>(call: (arg: A) => Promise<void>) =>
    (arg: A) => {
      writes++;
      return writes >= n ? Promise.reject(new Error('stopped')) : call(arg);
    };
  return { get: area.get, set: write(area.set), remove: write(area.remove) };
}

/** How many entries the stored days hold, whatever the index says. */
const storedEntries = (area: TestArea): number =>
  [...area.items]
    .filter(([k]) => /^history:\d/.test(k))
    .reduce((n, [, day]) => n + readDay(day).length, 0);

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

  it('keeps one entry with a count for a site raising one finding on every load', async () => {
    const store = new HistoryStore(asyncArea());
    const others = Array.from({ length: 300 }, (_, n) => entry(T0 + n, n));
    await store.append(others, T0 + 300, 30);
    // https → 302 → http → script → https, 3,000 times over the afternoon.
    const loop = (n: number): HistoryEntry => ({
      ...entry(T0 + 1000 + n, 0),
      host: 'loop.example',
    });
    await Promise.all(
      Array.from({ length: 3000 }, (_, n) => store.append([loop(n)], T0 + 1000 + n, 30)),
    );
    const all = await store.all();
    // No other site was pushed out.
    expect(all.filter((e) => e.host !== 'loop.example').map((e) => e.host)).toEqual(
      others.map((e) => e.host),
    );
    const looped = all.filter((e) => e.host === 'loop.example');
    expect(looped).toHaveLength(1);
    expect(looped[0]).toMatchObject({ count: 3000, first: T0 + 1000, time: T0 + 1000 + 2999 });
  });

  it('keeps other sites when one site raises a finding on a new host at every load', async () => {
    const store = new HistoryStore(asyncArea());
    const others = Array.from({ length: 300 }, (_, n) => entry(T0 + n, n));
    await store.append(others, T0 + 300, 30);
    // Wildcard DNS: every load a new subdomain, so no repeat merges with another.
    const wildcard = (n: number): HistoryEntry => ({
      ...entry(T0 + 1000 + n, 0),
      page: `https://a${n}.wild.example.com/`,
      host: `a${n}.wild.example.com`,
    });
    await Promise.all(
      Array.from({ length: 3000 }, (_, n) => store.append([wildcard(n)], T0 + 1000 + n, 30)),
    );
    const all = await store.all();
    expect(all.filter((e) => !e.host.endsWith('.wild.example.com')).map((e) => e.host)).toEqual(
      others.map((e) => e.host),
    );
    // The site keeps its latest hosts, no more.
    const wild = all.filter((e) => e.host.endsWith('.wild.example.com')).map((e) => e.host);
    expect(wild).toHaveLength(PER_SITE_PER_DAY);
    expect(wild).toContain('a2999.wild.example.com');
    expect(wild).not.toContain('a0.wild.example.com');
  });

  it('leaves no day unshown, unpruned or uncleared when stopped between two writes', async () => {
    for (let stopAt = 1; stopAt <= 4; stopAt++) {
      const area = asyncArea();
      const before = new HistoryStore(area);
      await before.append([entry(T0 - 40 * DAY, 1)], T0 - 40 * DAY, 365);
      await before.append([entry(T0 - DAY, 2)], T0 - DAY, 365);
      // Today's finding, with the 30-day retention: the day 40 days ago is forgotten.
      await new HistoryStore(stopsAtWrite(area, stopAt))
        .append([entry(T0, 3)], T0, 30)
        .catch(() => undefined);
      // The background starts again over what was stored.
      const after = new HistoryStore(area);
      expect(await after.all(), `stopped at write ${stopAt}`).toHaveLength(storedEntries(area));
      await after.prune(T0, 30);
      expect(area.items.has(dayKey(T0 - 40 * DAY)), `stopped at write ${stopAt}`).toBe(false);
      await after.clear();
      expect([...area.items.keys()], `stopped at write ${stopAt}`).toEqual([]);
    }
  });
});
