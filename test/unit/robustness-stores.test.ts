import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every error the background logs (in-order.ts, tab-store.ts…): none is expected but a full
// storage.session, which the quota below can make happen.
const logged = vi.hoisted(() => [] as Array<{ where: string; error: unknown }>);
vi.mock('../../src/background/log', () => ({
  logError: (where: string, error: unknown) => void logged.push({ where, error }),
  guard: <A extends unknown[]>(_where: string, listener: (...args: A) => unknown) => listener,
}));

import { HistoryStore } from '../../src/background/history-store';
import {
  HostMemoryStore,
  SALT_KEY,
  shardKey,
  type LocalArea,
} from '../../src/background/host-memory';
import { TabStore, tabKey, type SessionArea } from '../../src/background/tab-store';
import { consultMemory, learnVisit, type VisitDeps } from '../../src/background/visits';
import { alertsFor, markAlerted, newAlerts, NO_ALERTS, type Alerts } from '../../src/core/alerts';
import type { TabEvent } from '../../src/core/events';
import {
  ALL_FINDINGS,
  filterHistory,
  historyEntry,
  historyToCsv,
  historyToJson,
  MAX_HISTORY,
} from '../../src/core/history';
import { MAX_PER_DAY, readDay } from '../../src/core/history-day';
import {
  fitShard,
  PER_SHARD,
  PER_SITE,
  readShard,
  SHARDS,
  shardOf,
  siteOfKey,
  storedShard,
} from '../../src/core/memory';
import { reduceTab } from '../../src/core/reducer';
import { buildReport } from '../../src/core/report';
import type { CoreSettings } from '../../src/core/settings';
import { TAB_BUDGET_BYTES } from '../../src/core/tab-budget';
import { EMPTY_TAB, type TabState } from '../../src/core/tab-state';
import { readTabState } from '../../src/core/tab-state-read';
import { utf8Length } from '../../src/core/text';
import { DAY_MS } from '../../src/core/time';
import * as arb from './robustness-arbitraries';
import { t } from './translate';

// The three stores the background keeps (tab-store.ts in storage.session; host-memory.ts and
// history-store.ts in storage.local) driven as the background drives them (index.ts, visits.ts,
// refresh.ts, raise-alerts.ts, housekeeping.ts) by random browser events, over storage areas
// whose every call is carried out and answered when the test says (each area in the order its
// calls came, as the browsers do): so the stores' writes interleave at random with each other and
// with the events. Between any two of those answers the browser may stop the background: the
// stores are dropped with whatever they were waiting for, each area carried out the first few of
// the calls in flight, and a new background starts over what storage holds. What storage holds
// must stay valid and bounded throughout, and read back whole at the end.

/** Sequences run here (PORTWATCH_FUZZ_RUNS: its share of them, see runs()). */
const SEQUENCES = arb.runs(300, 0.3);
const TABS = [1, 2, 3];
const WRITE_DELAY_MS = 100;
/** The salts each new install would make (a background stopped before storing its own). */
const SALTS = ['AAAAAAAAAAAAAAAAAAAAAA==', 'BBBBBBBBBBBBBBBBBBBBBB==', 'CCCCCCCCCCCCCCCCCCCCCC=='];
const SALT = /^[A-Za-z0-9+/]{22}==$/;
const DAY_KEY = /^history:\d{4}-\d\d-\d\d$/;

// --- Storage whose calls answer when the test says -------------------------------------------

interface Call {
  /** Which area it went to: each carries out its calls in the order they came. */
  area: string;
  run: () => unknown;
  settle: (ok: boolean, value: unknown) => void;
}

/**
 * The browser's side of storage: calls in flight. Each area carries out its own in the order they
 * came, as the browsers do; which area goes next, and when, against what the background does
 * meanwhile, is the test's choice.
 */
class Calls {
  pending: Call[] = [];

  make<T>(area: string, run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({
        area,
        run,
        settle: (ok, value) => (ok ? resolve(value as T) : reject(value as Error)),
      });
    });
  }

  /** The oldest call of one of the areas with calls in flight (`pick` says which) is answered. */
  answer(pick: number): void {
    const areas = [...new Set(this.pending.map((c) => c.area))];
    const area = areas[pick % areas.length];
    const call = this.pending.splice(
      this.pending.findIndex((c) => c.area === area),
      1,
    )[0]!;
    let value: unknown;
    try {
      value = call.run();
    } catch (error) {
      call.settle(false, error);
      return;
    }
    call.settle(true, value);
  }

  /**
   * The background stopped: of the calls it had in flight, each area carried out the first few
   * (`carried` says how many of its `n`), and none of them ever answers.
   */
  stop(carried: (n: number) => number): void {
    for (const area of new Set(this.pending.map((c) => c.area))) {
      const calls = this.pending.filter((c) => c.area === area);
      for (const call of calls.slice(0, carried(calls.length))) {
        try {
          call.run();
        } catch {
          // Not carried out after all (a full storage): the background never hears of it.
        }
      }
    }
    this.pending = [];
  }
}

/** A storage area: structured copies, as the browser's. `quota`: bytes it holds (session). */
class Area {
  readonly items = new Map<string, unknown>();
  /** Keys a store wrote since they were last checked. */
  readonly changed = new Set<string>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly name: string,
    private readonly calls: Calls,
    readonly quota = Infinity,
  ) {}

  /** The area as the background sees it: each call answers when the test says. */
  port(): SessionArea & LocalArea {
    return {
      get: (keys: string | string[] | null) => this.calls.make(this.name, () => this.read(keys)),
      set: (values: Record<string, unknown>) =>
        this.calls.make(this.name, () => this.write(values)),
      remove: (keys: string | string[]) => this.calls.make(this.name, () => this.remove(keys)),
    };
  }

  seed(key: string, value: unknown): void {
    this.items.set(key, value);
    this.resize(key, value);
  }

  private read(keys: string | string[] | null): Record<string, unknown> {
    const list = keys === null ? [...this.items.keys()] : Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(
      list.filter((k) => this.items.has(k)).map((k) => [k, structuredClone(this.items.get(k))]),
    );
  }

  private write(values: Record<string, unknown>): void {
    if (this.quota !== Infinity) {
      let after = this.bytes;
      for (const [k, v] of Object.entries(values))
        after += k.length + utf8Length(JSON.stringify(v)) - (this.sizes.get(k) ?? 0);
      if (after > this.quota)
        throw new Error('Session storage quota bytes exceeded. Values were not stored.');
    }
    for (const [k, v] of Object.entries(values)) {
      this.items.set(k, structuredClone(v));
      this.resize(k, v);
      this.changed.add(k);
    }
  }

  private remove(keys: string | string[]): void {
    for (const k of Array.isArray(keys) ? keys : [keys]) {
      this.items.delete(k);
      this.resize(k, undefined);
      this.changed.delete(k);
    }
  }

  private resize(key: string, value: unknown): void {
    if (this.quota === Infinity) return;
    this.bytes -= this.sizes.get(key) ?? 0;
    if (value === undefined) this.sizes.delete(key);
    else {
      const size = key.length + utf8Length(JSON.stringify(value));
      this.sizes.set(key, size);
      this.bytes += size;
    }
  }
}

/** A small deterministic generator, for the choices a step makes many of. */
function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0);
}

/** Lets every promise that can go on go on: the stores then wait on storage or on a timer. */
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// --- The world: storage, the tabs, what was notified ------------------------------------------

class World {
  readonly calls = new Calls();
  readonly session: Area;
  readonly local = new Area('local', this.calls);
  readonly open = new Set(TABS);
  readonly errors: unknown[] = [];
  /** `tab page kind` notified, by the background generation that did it. */
  private readonly notified = new Map<string, number>();
  /** `tab page kind` whose claim storage holds: a later background must see it. */
  private readonly durable = new Set<string>();
  gen = 0;

  constructor(
    public settings: CoreSettings,
    quota: number,
  ) {
    this.session = new Area('session', this.calls, quota);
  }

  /** A promise the background leaves running (`void` in index.ts): it must never reject. */
  watch(p: Promise<unknown>): void {
    p.catch((error: unknown) => this.errors.push(error));
  }

  /** What raise-alerts.ts notified: never a kind twice for one page. */
  notify(tabId: number, page: TabState['page'], claimed: Alerts): void {
    for (const f of claimed.notify) {
      const key = `${tabId} ${pageKey(page)} ${f.id}`;
      expect(this.durable.has(key), `${key}: notified again after a restart`).toBe(false);
      expect(this.notified.get(key), `${key}: notified twice`).not.toBe(this.gen);
      this.notified.set(key, this.gen);
    }
  }

  /** The stored claims: once storage holds one, no later background makes it again. */
  noteDurable(key: string, state: unknown): void {
    const page = (state as TabState).page;
    for (const kind of page?.notified ?? [])
      this.durable.add(`${key.slice(4)} ${pageKey(page)} ${kind}`);
  }
}

/** A page as the test tells pages apart: every commit has a time of its own. */
const pageKey = (page: TabState['page']): string => `${page?.url} ${page?.committedAt}`;

// --- The background, as index.ts wires it ----------------------------------------------------

class Background {
  readonly store: TabStore;
  readonly memory: HostMemoryStore;
  readonly history: HistoryStore;
  /** Tabs whose refresher timer is set (refresh.ts): a burst of updates was applied. */
  readonly due = new Set<number>();
  private readonly visits: VisitDeps;

  constructor(private readonly w: World) {
    const gen = w.gen;
    this.store = new TabStore(w.session.port(), (tabId) => this.due.add(tabId), WRITE_DELAY_MS);
    this.memory = new HostMemoryStore(w.local.port(), () => SALTS[gen % SALTS.length]!);
    this.history = new HistoryStore(w.local.port());
    this.visits = {
      memory: this.memory,
      settings: async () => w.settings,
      dispatch: (tabId, e) => this.dispatch(tabId, e),
      state: (tabId) => this.store.get(tabId),
    };
  }

  private dispatch(tabId: number, e: TabEvent): Promise<void> {
    // index.ts: an origin's address is a quiet update unless it changed something.
    const options = e.type === 'origin-ip' ? { quiet: 'unless-changed' as const } : {};
    return this.store.update(tabId, (state) => reduceTab(state, e), options);
  }

  /** housekeeping.ts tidyAtStart: closed tabs dropped, the memory and history pruned. */
  start(): void {
    const { w } = this;
    w.watch(this.store.dropAllBut(Promise.resolve([...w.open])));
    this.prune(false);
  }

  /** housekeeping.ts prune (force: after a settings change). */
  prune(force: boolean): void {
    const { w } = this;
    const now = Date.now();
    w.watch(
      this.memory
        .pruneIfDue(now, w.settings, force)
        .then(() => this.history.prune(now, w.settings.historyDays)),
    );
  }

  /** A browser event for the tab, through index.ts's listeners. */
  event(tabId: number, e: TabEvent): void {
    const { w } = this;
    const applied = this.dispatch(tabId, e);
    w.watch(applied);
    if (e.type === 'commit') w.watch(consultMemory(this.visits, tabId, e.url));
    if (e.type === 'security' && e.kind !== 'sub_frame')
      w.watch(applied.then(() => learnVisit(this.visits, tabId)));
  }

  /** tabs.onRemoved. */
  close(tabId: number): void {
    this.due.delete(tabId);
    this.w.watch(this.store.remove(tabId));
  }

  /** The refresher's timer for the tab fires (refresh.ts), if it was set. */
  refresh(tabId: number): void {
    if (!this.due.delete(tabId)) return;
    this.w.watch(this.refreshNow(tabId));
  }

  /** A view asks for the tab's report (refresh.ts reportFor): written first, then built. */
  popup(tabId: number): void {
    this.w.watch(this.build(tabId));
  }

  private async build(tabId: number) {
    await this.store.flush(tabId);
    const state = await this.store.get(tabId);
    const now = Date.now();
    return {
      state,
      now,
      report: buildReport(tabId, state, this.w.settings, { now, tlsSource: 'firefox' }),
    };
  }

  /** refresh.ts refresh, then raise-alerts.ts: the claim on the latest state, then the history. */
  private async refreshNow(tabId: number): Promise<void> {
    const { w } = this;
    const { state, now, report } = await this.build(tabId);
    const settings = w.settings;
    const logging = settings.historyDays > 0;
    const wanted = (s: TabState): Alerts =>
      s === state
        ? newAlerts(s.page, report.findings, settings.notify, logging)
        : alertsFor(s, settings, now);
    const first = wanted(state);
    if (first.notify.length === 0 && first.log.length === 0) return;
    let claimed = NO_ALERTS;
    let page: TabState['page'] = null;
    await this.store.update(
      tabId,
      (latest) => {
        claimed = wanted(latest);
        page = latest.page;
        return markAlerted(latest, claimed);
      },
      { quiet: true },
    );
    w.notify(tabId, page, claimed);
    const entries = claimed.log.map((f) => historyEntry(f, page?.url ?? '', now));
    w.watch(this.history.append(entries, now, settings.historyDays));
  }
}

// --- What storage must hold, at every moment ---------------------------------------------------

/** toEqual, quicker where they are equal. */
function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, what).toEqual(expected);
}

/** Each value a store wrote since the last look: valid as its reader reads it, and bounded. */
function checkStorage(w: World): void {
  for (const key of w.session.changed) {
    const value = w.session.items.get(key);
    if (!key.startsWith('tab:')) continue;
    const bytes = utf8Length(JSON.stringify(value));
    expect(bytes, `${key} within its budget`).toBeLessThanOrEqual(TAB_BUDGET_BYTES);
    expectEqual(
      arb.storedForm(readTabState(value)),
      arb.storedForm(value as TabState),
      `${key} reads back`,
    );
    w.noteDurable(key, value);
  }
  w.session.changed.clear();
  for (const key of w.local.changed) checkLocal(w, key, w.local.items.get(key));
  w.local.changed.clear();
}

function checkLocal(w: World, key: string, value: unknown): void {
  if (key === SALT_KEY) {
    expect(value).toMatch(SALT);
  } else if (/^memory:\d+$/.test(key)) {
    const hosts = Object.keys(value as object);
    expect(hosts.length, `${key}: hosts`).toBeLessThanOrEqual(PER_SHARD);
    const perSite = new Map<string, number>();
    for (const host of hosts) perSite.set(siteOfKey(host), (perSite.get(siteOfKey(host)) ?? 0) + 1);
    expect(Math.max(0, ...perSite.values()), `${key}: hosts of one site`).toBeLessThanOrEqual(
      PER_SITE,
    );
    expectEqual(storedShard(readShard(value)) as unknown, value, `${key} reads back`);
    // Each host in the shard its hash names, or lookup() would never find it.
    const salt = w.local.items.get(SALT_KEY);
    if (typeof salt === 'string') {
      for (const host of hosts)
        expect(shardKey(shardOf(host, salt)), `${host} in ${key}`).toBe(key);
    }
  } else if (DAY_KEY.test(key)) {
    const day = readDay(value);
    expect(day.length).toBeLessThanOrEqual(MAX_PER_DAY);
    expectEqual(day as unknown, value, `${key} reads back`);
    // A day and the index are written together: the index names each stored day.
    const index = w.local.items.get('history:index') as Record<string, number> | undefined;
    expect(index?.[key], `the index counts ${key}`).toBe(day.length);
  } else if (key === 'history:index') {
    const index = value as Record<string, unknown>;
    for (const [day, count] of Object.entries(index)) {
      expect(day).toMatch(DAY_KEY);
      expect(Number.isSafeInteger(count) && (count as number) >= 0).toBe(true);
    }
  }
}

// --- The steps -----------------------------------------------------------------------------------

type Op =
  /** Browser events for a tab (one, or a whole load), `dt` ms on: timers due fire first. */
  | { do: 'events'; tab: number; events: TabEvent[]; dt: number }
  /** The page walks through `count` of its own subdomains over https (each remembered). */
  | { do: 'walk'; tab: number; count: number }
  /** One storage area (`pick` says which) carries out its oldest call in flight, and answers. */
  | { do: 'answer'; pick: number }
  /** The next timer fires (a tab's write, 100 ms after its change). */
  | { do: 'timer' }
  /** A tab's refresher fires; a view asks for a tab's report; a tab is closed. */
  | { do: 'refresh' | 'popup' | 'close'; tab: number }
  /** The person changes the settings: what is no longer kept is pruned. */
  | { do: 'settings'; settings: CoreSettings }
  /** Everything in flight is answered and every timer fires, in an order `seed` picks. */
  | { do: 'settle'; seed: number }
  /** The browser stops the background; `seed` picks how many calls in flight were carried out. */
  | { do: 'stop'; seed: number };

/** Real chains only: what the stores do with a certificate does not depend on how it parsed. */
const browser = arb.browserEvents(arb.realTls);
const tab = fc.constantFrom(...TABS);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      do: fc.constant('events' as const),
      tab,
      events: fc.oneof(
        { weight: 3, arbitrary: browser.event.map((e) => [e]) },
        { weight: 3, arbitrary: browser.load },
        { weight: 1, arbitrary: browser.flood },
      ),
      dt: fc.oneof(fc.nat(150), fc.constantFrom(DAY_MS, 40 * DAY_MS)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('walk' as const),
      tab,
      count: fc.integer({ min: 1, max: 24 }),
    }),
  },
  { weight: 16, arbitrary: fc.record({ do: fc.constant('answer' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('timer' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({ do: fc.constantFrom('refresh' as const, 'popup' as const), tab }),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('close' as const), tab }) },
  {
    weight: 1,
    arbitrary: fc.record({ do: fc.constant('settings' as const), settings: arb.settings }),
  },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('settle' as const), seed: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('stop' as const), seed: fc.nat() }) },
);

/** What storage held before the first background: an older layout, or damage. */
interface Seed {
  salt: 'stored' | 'none' | 'corrupt';
  hosts: number;
  damage: boolean;
}

const seed: fc.Arbitrary<Seed> = fc.record({
  salt: fc.constantFrom('stored', 'none', 'corrupt'),
  hosts: fc.constantFrom(0, 0, 20, 200),
  damage: fc.boolean(),
});

let neighbours: string[] | undefined;

/** Hosts of 200 sites that share a.example's shard under the stored salt (SALTS[2]). */
function neighboursOfA(): string[] {
  if (!neighbours) {
    const target = shardOf('a.example', SALTS[2]!);
    neighbours = [];
    for (let i = 0; neighbours.length < 200; i++)
      if (shardOf(`h${i}.example`, SALTS[2]!) === target) neighbours.push(`h${i}.example`);
  }
  return neighbours;
}

function plant(w: World, s: Seed): void {
  if (s.salt === 'stored') w.local.seed(SALT_KEY, SALTS[2]);
  if (s.salt === 'corrupt') w.local.seed(SALT_KEY, 'not a salt');
  // Hosts remembered before: in a.example's shard under the stored salt (as many sites as it
  // can hold, and more), or in any shard (an older layout, moved on first use); a few of them
  // subdomains of a.example.
  const shard: Record<string, unknown> = {};
  for (let i = 0; i < s.hosts; i++) {
    const host = i % 20 === 0 ? `x${i}.a.example` : neighboursOfA()[i]!;
    shard[host] = { seen: arb.T0 - i * 60_000, https: arb.T0 - i * 60_000 };
  }
  const n = s.salt === 'stored' ? shardOf('a.example', SALTS[2]!) : s.hosts % SHARDS;
  // Under the stored salt, as this version writes a shard: within PER_SITE and PER_SHARD.
  const stored = s.salt === 'stored' ? storedShard(fitShard(readShard(shard))) : shard;
  if (s.hosts > 0) w.local.seed(shardKey(n), stored);
  if (!s.damage) return;
  w.local.seed(shardKey((n + 1) % SHARDS), 'garbage');
  w.local.seed('history:index', { 'history:2026-02-09': 'x' });
  w.local.seed('history:2026-02-09', [
    { time: 'x' },
    ...Array.from({ length: 600 }, (_, i) => ({
      time: arb.T0 - DAY_MS + i,
      page: 'https://a.example/',
      host: `h${i}.example`,
      id: 'no-hsts',
      severity: 'info',
      evidence: {},
    })),
  ]);
  w.session.seed(tabKey(2), { nav: 5, page: { url: 7 }, recent: 'x' });
  w.session.seed(tabKey(3), { page: { url: 'https://a.example/', hops: [{ from: 1 }] } });
}

/** https pages on subdomains of one site, each with a certificate: memories to bound. */
function walk(count: number): TabEvent[] {
  const pool = arb.realTlsPool();
  return Array.from({ length: count }, (_, i): TabEvent[] => {
    const url = `https://s${i}.walk.example/`;
    const requestId = `w${i}`;
    return [
      { type: 'request', requestId, url, kind: 'main_frame', method: 'GET', time: 0 },
      { type: 'security', requestId, url, tls: pool[i % pool.length]!, time: 0 },
      {
        type: 'response',
        requestId,
        url,
        kind: 'main_frame',
        statusCode: 200,
        hsts: null,
        fromCache: false,
        time: 0,
      },
      { type: 'commit', url, transition: 'link', qualifiers: [], time: 0 },
      { type: 'settled', url, time: 0 },
    ];
  }).flat();
}

class Run {
  bg: Background;

  constructor(readonly w: World) {
    this.bg = new Background(w);
    this.bg.start();
  }

  /** Each event at a time of its own: pages are told apart by it. */
  private events(tabId: number, events: TabEvent[]): void {
    if (!this.w.open.has(tabId)) return;
    for (const e of events) {
      vi.advanceTimersByTime(1);
      this.bg.event(tabId, { ...e, time: Date.now() });
    }
  }

  async step(o: Op): Promise<void> {
    const { w } = this;
    switch (o.do) {
      case 'events':
        vi.advanceTimersByTime(o.dt);
        this.events(o.tab, o.events);
        break;
      case 'walk':
        this.events(o.tab, walk(o.count));
        break;
      case 'answer':
        if (w.calls.pending.length > 0) w.calls.answer(o.pick);
        break;
      case 'timer':
        vi.advanceTimersToNextTimer();
        break;
      case 'refresh':
        this.bg.refresh(o.tab);
        break;
      case 'popup':
        if (w.open.has(o.tab)) this.bg.popup(o.tab);
        break;
      case 'close':
        if (w.open.delete(o.tab)) this.bg.close(o.tab);
        break;
      case 'settings':
        w.settings = o.settings;
        this.bg.prune(true);
        break;
      case 'settle':
        await this.settle(lcg(o.seed));
        break;
      case 'stop':
        this.stop(lcg(o.seed));
        break;
    }
    await drain();
    checkStorage(w);
    if (w.errors.length > 0) throw w.errors[0];
  }

  /** The browser stops the background and starts a new one over what storage holds. */
  stop(random: () => number): void {
    const { w } = this;
    w.calls.stop((n) => random() % (n + 1));
    vi.clearAllTimers();
    w.gen++;
    this.bg = new Background(w);
    this.bg.start();
  }

  /** Runs until nothing is left to do: no call in flight, no timer, no refresh due. */
  async settle(random: () => number): Promise<void> {
    const { w } = this;
    for (let i = 0; ; i++) {
      await drain();
      checkStorage(w);
      expect(i, 'the stores settle').toBeLessThan(20_000);
      if (w.calls.pending.length > 0) w.calls.answer(random());
      else if (this.bg.due.size > 0) this.bg.refresh([...this.bg.due][0]!);
      else if (vi.getTimerCount() > 0) vi.advanceTimersToNextTimer();
      else return;
    }
  }

  /** `p`, once everything it waits for is done. */
  private async value<T>(p: Promise<T>): Promise<T> {
    await this.settle(lcg(11));
    return p;
  }

  /** Each open tab's load ends, its alerts are claimed; then every store reads back, whole. */
  async finish(): Promise<void> {
    const { w, bg } = this;
    for (const tabId of TABS) {
      if (!w.open.has(tabId)) continue;
      const page = (await this.value(bg.store.get(tabId))).page;
      if (page) bg.event(tabId, { type: 'settled', url: page.url, time: Date.now() });
    }
    await this.settle(lcg(7));
    for (const tabId of TABS) {
      if (!w.open.has(tabId)) {
        const stored = w.session.items.get(tabKey(tabId));
        expect(stored, `closed tab ${tabId} forgotten`).toBeUndefined();
        continue;
      }
      const state = await this.value(bg.store.get(tabId));
      expect(() => buildReport(tabId, state, w.settings)).not.toThrow();
      // Nothing is left only in memory (a full storage.session may refuse a write: not then).
      const stored = w.session.items.get(tabKey(tabId));
      if (w.session.quota === Infinity && (stored !== undefined || state !== EMPTY_TAB))
        expectEqual(
          arb.storedForm(readTabState(stored)),
          arb.storedForm(state),
          `tab ${tabId} stored`,
        );
    }
    const count = await this.value(bg.memory.count());
    expect(count.hosts).toBeLessThanOrEqual(SHARDS * PER_SHARD);
    const entries = await this.value(bg.history.all());
    expect(entries.length).toBeLessThanOrEqual(MAX_HISTORY);
    filterHistory(entries, ALL_FINDINGS);
    historyToJson(entries);
    historyToCsv(entries, t);
    // What the background left running never failed (an expectation inside it neither).
    if (w.errors.length > 0) throw w.errors[0];
    const unexpected = logged.filter(({ error }) => !/quota/i.test(String(error)));
    expect(unexpected).toEqual([]);
  }
}

describe('the three stores, interleaved and stopped at random', () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it(`stay valid and bounded over ${SEQUENCES} sequences, and read back whole`, async () => {
    await fc.assert(
      fc.asyncProperty(
        arb.settings,
        fc.constantFrom(Infinity, Infinity, 400_000, 150_000),
        seed,
        fc.array(op, { maxLength: 60, size: 'max' }),
        async (settings, quota, planted, ops) => {
          vi.clearAllTimers();
          vi.setSystemTime(arb.T0);
          logged.length = 0;
          const w = new World(settings, quota);
          plant(w, planted);
          const run = new Run(w);
          for (const o of ops) await run.step(o);
          run.stop(lcg(ops.length));
          await run.finish();
        },
      ),
      { numRuns: SEQUENCES },
    );
  }, 3_600_000);
});
