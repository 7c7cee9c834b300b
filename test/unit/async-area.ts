import type { LocalArea } from '../../src/background/host-memory';

// A stand-in for storage.local for the storage adapters' tests: in memory, each call answering
// after a random few milliseconds as the browser's does, so concurrent writes really race.

export interface TestArea extends LocalArea {
  items: Map<string, unknown>;
  /** How many set() calls were made. */
  writes: number;
}

export function asyncArea(): TestArea {
  const items = new Map<string, unknown>();
  const later = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
  const a: TestArea = {
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
  };
  return a;
}
