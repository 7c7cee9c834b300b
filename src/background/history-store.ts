import { dayKey, isKeptDay, MAX_HISTORY, type HistoryEntry } from '../core/history';
import { addToDay, readDay } from '../core/history-day';
import type { LocalArea } from './host-memory';
import { InOrder } from './in-order';

// The history in storage.local, one key per day plus an index of the days and their counts.
// Every change runs in order on fresh reads; the total stays under MAX_HISTORY by forgetting
// the oldest days first. A day and the index are written in one set(), and days are forgotten
// before the index stops naming them: a background stopped between two calls never leaves a
// stored day the index does not name (one it names and is gone reads as empty).

const INDEX_KEY = 'history:index';
const DAY_KEY = /^history:\d{4}-\d\d-\d\d$/;

type Index = Record<string, number>;

function readIndex(raw: unknown): Index | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: Index = {};
  for (const [key, count] of Object.entries(raw as Record<string, unknown>)) {
    if (!DAY_KEY.test(key) || !Number.isInteger(count) || (count as number) < 0) return null;
    out[key] = count as number;
  }
  return out;
}

export class HistoryStore {
  private readonly queue = new InOrder<'history'>(() => 'history');

  constructor(private readonly area: LocalArea) {}

  private inOrder<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run('history', task);
  }

  /** The index, rebuilt from the stored days when it is missing or corrupt. */
  private async index(): Promise<Index> {
    const stored = await this.area.get(INDEX_KEY);
    const index = readIndex(stored[INDEX_KEY]);
    if (index) return index;
    const all = await this.area.get(null);
    const rebuilt: Index = {};
    for (const [key, value] of Object.entries(all)) {
      if (DAY_KEY.test(key)) rebuilt[key] = readDay(value).length;
    }
    return rebuilt;
  }

  /** Entries waiting for the next write, and the retention they were added under. */
  private waiting: HistoryEntry[] = [];
  private retention = { now: 0, days: 0 };
  private flush: Promise<void> | null = null;

  /**
   * Adds entries to their day, then forgets days past `days` and the oldest beyond the cap.
   * Entries that arrive while a write is under way wait and go together in the next one: a
   * burst of findings costs a few writes of the day, not one write of the whole day each.
   */
  append(entries: readonly HistoryEntry[], now: number, days: number): Promise<void> {
    if (entries.length === 0 || days <= 0) return Promise.resolve();
    this.waiting.push(...entries);
    this.retention = { now, days };
    this.flush ??= this.inOrder(async () => {
      this.flush = null;
      const batch = this.waiting;
      this.waiting = [];
      const { now: at, days: keep } = this.retention;
      const index = await this.index();
      const byDay = new Map<string, HistoryEntry[]>();
      for (const e of batch) {
        const key = dayKey(e.time);
        byDay.set(key, [...(byDay.get(key) ?? []), e]);
      }
      const stored = await this.area.get([...byDay.keys()]);
      const days: Record<string, HistoryEntry[]> = {};
      for (const [key, added] of byDay) {
        days[key] = addToDay(readDay(stored[key]), added);
        index[key] = days[key].length;
      }
      await this.trim(index, at, keep, days);
    });
    return this.flush;
  }

  /** The days to forget: those past the retention, then the oldest while over MAX_HISTORY. */
  private static dropped(index: Index, now: number, days: number): string[] {
    const keys = Object.keys(index).sort();
    const drop = keys.filter((k) => !isKeptDay(k, now, days));
    let total = keys.reduce((n, k) => n + (drop.includes(k) ? 0 : index[k]!), 0);
    for (const k of keys) {
      if (total <= MAX_HISTORY) break;
      if (drop.includes(k)) continue;
      drop.push(k);
      total -= index[k]!;
    }
    return drop;
  }

  /** Forgets the days `dropped` names, then writes `days` with the index in one call. */
  private async trim(
    index: Index,
    now: number,
    keep: number,
    days: Record<string, HistoryEntry[]> = {},
  ): Promise<void> {
    const drop = HistoryStore.dropped(index, now, keep);
    for (const k of drop) {
      delete index[k];
      delete days[k];
    }
    if (drop.length > 0) await this.area.remove(drop);
    await this.area.set({ ...days, [INDEX_KEY]: index });
  }

  /** Forgets what the retention setting no longer keeps (at start, and when it changes). */
  prune(now: number, days: number): Promise<void> {
    return this.inOrder(async () => this.trim(await this.index(), now, days));
  }

  /** Every entry kept, oldest day first. */
  all(): Promise<HistoryEntry[]> {
    return this.inOrder(async () => {
      const keys = Object.keys(await this.index()).sort();
      if (keys.length === 0) return [];
      const stored = await this.area.get(keys);
      return keys.flatMap((k) => readDay(stored[k]));
    });
  }

  clear(): Promise<void> {
    return this.inOrder(async () => {
      const keys = Object.keys(await this.index());
      await this.area.remove([...keys, INDEX_KEY]);
    });
  }
}
