import type { TabState } from '../core/tab-state';
import { EMPTY_TAB } from '../core/tab-state';
import { readTabState } from '../core/tab-state-read';
import { logError } from './log';

// Per-tab state, kept in storage.session so that a stopped service worker or suspended event
// page loses nothing; a memory cache spares a read per event. Updates to one tab run strictly
// in order; writes are coalesced so at most one is in flight per tab, always of the latest state.

/** The part of storage.session the store uses (storage.StorageArea in the browser). */
export interface SessionArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

export const tabKey = (tabId: number): string => `tab:${tabId}`;

export class TabStore {
  private readonly cache = new Map<number, TabState>();
  private readonly queues = new Map<number, Promise<void>>();
  private readonly pending = new Map<number, number>();
  private readonly writing = new Set<number>();
  private readonly dirty = new Set<number>();

  constructor(
    private readonly area: SessionArea,
    /** Called once a burst of updates to a tab has been applied. */
    private readonly onSettled: (tabId: number, state: TabState) => void,
  ) {}

  async get(tabId: number): Promise<TabState> {
    const cached = this.cache.get(tabId);
    if (cached) return cached;
    const stored = await this.area.get(tabKey(tabId));
    const state = readTabState(stored[tabKey(tabId)]);
    // A concurrent update may have filled the cache while we read.
    if (!this.cache.has(tabId)) this.cache.set(tabId, state);
    return this.cache.get(tabId)!;
  }

  /** Applies `change` to the tab's state after every earlier update to that tab. */
  update(tabId: number, change: (state: TabState) => TabState): Promise<void> {
    this.pending.set(tabId, (this.pending.get(tabId) ?? 0) + 1);
    const previous = this.queues.get(tabId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const before = await this.get(tabId);
        const after = change(before);
        if (after !== before) {
          this.cache.set(tabId, after);
          this.persist(tabId);
        }
      } catch (error) {
        logError(`tab ${tabId} update`, error);
      } finally {
        this.settle(tabId);
      }
    });
    this.queues.set(tabId, next);
    return next;
  }

  /** Forgets a closed tab, in memory and in storage. */
  async remove(tabId: number): Promise<void> {
    await this.queues.get(tabId);
    this.cache.delete(tabId);
    this.queues.delete(tabId);
    await this.area.remove(tabKey(tabId));
  }

  /** Forgets every stored tab whose id is not in `openTabs` (tabs closed while we were stopped). */
  async dropAllBut(openTabs: Promise<number[]>): Promise<void> {
    try {
      const open = new Set(await openTabs);
      const stored = await this.area.get(null);
      // A tab this store has touched since it started is live, even if it opened after the query.
      const stale = Object.keys(stored)
        .filter((key) => key.startsWith('tab:'))
        .map((key) => Number(key.slice(4)))
        .filter((id) => !open.has(id) && !this.cache.has(id))
        .map(tabKey);
      await Promise.all(stale.map((key) => this.area.remove(key)));
    } catch (error) {
      logError('dropping closed tabs', error);
    }
  }

  private settle(tabId: number): void {
    const left = (this.pending.get(tabId) ?? 1) - 1;
    if (left > 0) {
      this.pending.set(tabId, left);
      return;
    }
    this.pending.delete(tabId);
    this.onSettled(tabId, this.cache.get(tabId) ?? EMPTY_TAB);
  }

  private persist(tabId: number): void {
    if (this.writing.has(tabId)) {
      this.dirty.add(tabId);
      return;
    }
    this.writing.add(tabId);
    void (async () => {
      try {
        do {
          this.dirty.delete(tabId);
          const state = this.cache.get(tabId);
          if (state) await this.area.set({ [tabKey(tabId)]: state });
        } while (this.dirty.has(tabId));
      } catch (error) {
        logError(`tab ${tabId} write`, error);
      } finally {
        this.writing.delete(tabId);
      }
    })();
  }
}
