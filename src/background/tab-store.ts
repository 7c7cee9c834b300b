import type { TabState } from '../core/tab-state';
import { EMPTY_TAB } from '../core/tab-state';
import { readTabState } from '../core/tab-state-read';
import { shed, withinBudget } from '../core/tab-budget';
import { utf8Length } from '../core/text';
import { InOrder } from './in-order';
import { logError } from './log';

// Per-tab state, kept in storage.session so that a stopped service worker or suspended event
// page loses nothing; a memory cache spares a read per event. Updates to one tab run strictly
// in order. Writes are gathered: a tab's state is written at most once per `writeDelayMs`, and
// at most one write per tab is in flight, always of the latest state. A page load brings a few
// hundred updates, and each write copies the whole state into the browser's process; the
// background flushes a tab before it shows anything of it (index.ts), so what a person sees is
// never only in memory.

/** The part of storage.session the store uses (storage.StorageArea in the browser). */
export interface SessionArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

export const tabKey = (tabId: number): string => `tab:${tabId}`;

export class TabStore {
  private readonly cache = new Map<number, TabState>();
  private readonly queue = new InOrder<number>((tabId) => `tab ${tabId} update`);
  private readonly pending = new Map<number, number>();
  /** Tabs with an update since their last onBurstApplied that was not quiet. */
  private readonly unsettled = new Set<number>();
  /** Tabs changed since their last write. */
  private readonly dirty = new Set<number>();
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly writes = new Map<number, Promise<void>>();

  constructor(
    private readonly area: SessionArea,
    /** Called once a burst of updates to a tab has been applied. */
    private readonly onBurstApplied: (tabId: number, state: TabState) => void,
    /** The longest a change waits to be written unless flushed. */
    private readonly writeDelayMs = 100,
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

  /**
   * Applies `change` to the tab's state after every earlier update to that tab. A `quiet` update
   * (the alerts' own claim) does not by itself call onBurstApplied: nothing on screen depends on it.
   * One quiet `unless-changed` does only when it changed the state (an origin's address: most such
   * updates change nothing, and there is one per response the page gets).
   */
  update(
    tabId: number,
    change: (state: TabState) => TabState,
    options: { quiet?: boolean | 'unless-changed' } = {},
  ): Promise<void> {
    this.pending.set(tabId, (this.pending.get(tabId) ?? 0) + 1);
    if (!options.quiet) this.unsettled.add(tabId);
    return this.queue.run(tabId, async () => {
      try {
        const before = await this.get(tabId);
        const after = change(before);
        if (after !== before) {
          this.cache.set(tabId, after);
          this.persist(tabId);
          if (options.quiet === 'unless-changed') this.unsettled.add(tabId);
        }
      } catch (error) {
        logError(`tab ${tabId} update`, error);
      } finally {
        this.settle(tabId);
      }
    });
  }

  /** Writes the tab's latest state now, if it changed since its last write. */
  flush(tabId: number): Promise<void> {
    clearTimeout(this.timers.get(tabId));
    this.timers.delete(tabId);
    const inFlight = this.writes.get(tabId);
    // One write at a time: once it is done, this state may still be newer than what it wrote.
    if (inFlight) return inFlight.then(() => this.flush(tabId));
    if (!this.dirty.delete(tabId)) return Promise.resolve();
    const cached = this.cache.get(tabId);
    if (!cached) return Promise.resolve();
    // What is written is what is shown: the tab sheds in memory too (core/tab-budget.ts).
    const state = withinBudget(cached);
    if (state !== cached) this.cache.set(tabId, state);
    const write = this.write(tabId, state)
      .catch((error: unknown) => logError(`tab ${tabId} write`, error))
      .finally(() => this.writes.delete(tabId));
    this.writes.set(tabId, write);
    return write;
  }

  /**
   * Writes a tab's state. When storage.session is full (Chrome: 10 MB for every tab), the largest
   * other tab sheds its details (core/tab-budget.ts shed) and the write is tried once more; with
   * no other tab, this one sheds. One tab's write failing must not make every tab's fail.
   */
  private async write(tabId: number, state: TabState): Promise<void> {
    try {
      await this.area.set({ [tabKey(tabId)]: state });
    } catch (error) {
      if (!/quota/i.test(String(error))) throw error;
      const shedOther = await this.shedLargest(tabId);
      const retry = shedOther ? state : shed(state);
      if (!shedOther) this.cache.set(tabId, retry);
      await this.area.set({ [tabKey(tabId)]: retry });
    }
  }

  /** Sheds the largest stored tab but `except`; false when there is none. */
  private async shedLargest(except: number): Promise<boolean> {
    const stored = await this.area.get(null);
    let largest: string | undefined;
    let size = 0;
    for (const [key, value] of Object.entries(stored)) {
      if (!key.startsWith('tab:') || key === tabKey(except)) continue;
      const bytes = utf8Length(JSON.stringify(value));
      if (bytes > size) [largest, size] = [key, bytes];
    }
    if (largest === undefined) return false;
    const id = Number(largest.slice('tab:'.length));
    const cached = this.cache.get(id);
    const slim = shed(cached ?? readTabState(stored[largest]));
    if (cached) this.cache.set(id, slim);
    await this.area.set({ [largest]: slim });
    return true;
  }

  /** Forgets a closed tab, in memory and in storage. */
  async remove(tabId: number): Promise<void> {
    await this.queue.idle(tabId);
    clearTimeout(this.timers.get(tabId));
    this.timers.delete(tabId);
    this.dirty.delete(tabId);
    // A write still in flight would put the state back after the removal.
    await this.writes.get(tabId);
    this.cache.delete(tabId);
    this.queue.forget(tabId);
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
    if (this.unsettled.delete(tabId))
      this.onBurstApplied(tabId, this.cache.get(tabId) ?? EMPTY_TAB);
  }

  private persist(tabId: number): void {
    this.dirty.add(tabId);
    if (this.timers.has(tabId)) return;
    this.timers.set(
      tabId,
      setTimeout(() => void this.flush(tabId), this.writeDelayMs),
    );
  }
}
