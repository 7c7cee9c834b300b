import { describe, expect, it } from 'vitest';
import { tabKey, TabStore } from '../../src/background/tab-store';
import { reduceTab } from '../../src/core/reducer';
import type { TabState } from '../../src/core/tab-state';
import { load } from './events';
import { MemoryArea } from './memory-area';

/** Writes take 1 ms: later updates arrive while one is in flight. */
const WRITE_MS = 1;

describe('TabStore', () => {
  it("does not settle again for the alerts' quiet claim, which changes nothing shown", async () => {
    const store = new TabStore(new MemoryArea(WRITE_MS), () => settled++, 5);
    let settled = 0;
    const events = load({ chain: ['https://a.test/'] });
    await Promise.all(events.map((e) => store.update(1, (s) => reduceTab(s, e))));
    expect(settled).toBe(1);
    const claim = (s: TabState): TabState => ({
      ...s,
      page: { ...s.page!, notified: ['no-hsts'] },
    });
    await store.update(1, claim, { quiet: true });
    expect(settled).toBe(1);
    expect((await store.get(1)).page?.notified).toEqual(['no-hsts']);
    // Queued with an update that is not quiet, it settles once, with the latest state.
    await Promise.all([store.update(1, (s) => s), store.update(1, claim, { quiet: true })]);
    expect(settled).toBe(2);
  });

  it('applies events in order, coalesces writes, and settles once per burst', async () => {
    const area = new MemoryArea(WRITE_MS);
    const settled: TabState[] = [];
    const store = new TabStore(area, (_id, s) => settled.push(s), 5);
    const events = load({ chain: ['https://a.test/', 'https://b.test/', 'http://c.test/'] });
    await Promise.all(events.map((e) => store.update(1, (s) => reduceTab(s, e))));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toHaveLength(1);
    expect(settled[0]!.page?.url).toBe('http://c.test/');
    expect(area.writes).toBeLessThan(events.length);
    expect((area.data.get(tabKey(1)) as TabState).page?.hops).toHaveLength(2);
  });

  it('writes a burst of updates once, after the delay, and at once when flushed', async () => {
    const area = new MemoryArea(WRITE_MS);
    const store = new TabStore(area, () => {}, 50);
    const events = load({ chain: ['https://a.test/', 'http://b.test/'] });
    await Promise.all(events.map((e) => store.update(1, (s) => reduceTab(s, e))));
    expect(area.writes).toBe(0);
    await store.flush(1);
    expect(area.writes).toBe(1);
    expect((area.data.get(tabKey(1)) as TabState).page?.url).toBe('http://b.test/');
    // Nothing changed since: neither a flush nor the delay writes again.
    await store.flush(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(area.writes).toBe(1);
    // A change with no flush is written once the delay is over.
    await store.update(1, (s) => reduceTab(s, load({ chain: ['https://c.test/'] })[0]!));
    expect(area.writes).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(area.writes).toBe(2);
  });

  it('a flush during a write waits for it, then writes the newer state', async () => {
    const area = new MemoryArea(WRITE_MS);
    const store = new TabStore(area, () => {}, 1000);
    const apply = (url: string) =>
      Promise.all(load({ chain: [url] }).map((e) => store.update(1, (s) => reduceTab(s, e))));
    await apply('https://a.test/');
    const writing = store.flush(1);
    await apply('https://b.test/');
    await Promise.all([writing, store.flush(1)]);
    expect(area.writes).toBe(2);
    expect(JSON.stringify(area.data.get(tabKey(1)))).toContain('https://b.test/');
  });

  it('a closed tab pending a write leaves nothing in storage', async () => {
    const area = new MemoryArea(WRITE_MS);
    const store = new TabStore(area, () => {}, 10);
    await store.update(5, (s) => reduceTab(s, load({ chain: ['https://a.test/'] })[0]!));
    void store.flush(5);
    await store.remove(5);
    await new Promise((r) => setTimeout(r, 30));
    expect(area.data.has(tabKey(5))).toBe(false);
  });

  it('a new store (a restarted background) reads the state back from storage', async () => {
    const area = new MemoryArea(WRITE_MS);
    const first = new TabStore(area, () => {}, 5);
    for (const e of load({ chain: ['https://a.test/'] }))
      await first.update(2, (s) => reduceTab(s, e));
    await new Promise((r) => setTimeout(r, 20));
    const second = new TabStore(area, () => {}, 5);
    expect((await second.get(2)).page?.url).toBe('https://a.test/');
  });

  it('falls back to an empty tab when storage holds garbage, and forgets closed tabs', async () => {
    const area = new MemoryArea(WRITE_MS);
    area.data.set(tabKey(3), { page: 'corrupt' });
    const store = new TabStore(area, () => {}, 5);
    expect((await store.get(3)).page).toBeNull();
    await store.update(3, (s) => reduceTab(s, load({ chain: ['https://a.test/'] })[0]!));
    await new Promise((r) => setTimeout(r, 20));
    await store.remove(3);
    expect(area.data.has(tabKey(3))).toBe(false);
  });

  it('drops stored tabs that are no longer open, keeping open and live ones', async () => {
    const area = new MemoryArea(WRITE_MS);
    for (const id of [1, 2, 3]) area.data.set(tabKey(id), { page: null });
    area.data.set('settings-like-key', { keep: true });
    const store = new TabStore(area, () => {}, 5);
    await store.update(4, (s) => reduceTab(s, load({ chain: ['https://a.test/'] })[0]!));
    await new Promise((r) => setTimeout(r, 20));
    await store.dropAllBut(Promise.resolve([2]));
    expect([...area.data.keys()].sort()).toEqual(['settings-like-key', tabKey(2), tabKey(4)]);
  });
});
