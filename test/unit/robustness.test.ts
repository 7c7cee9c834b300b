import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HostMemoryStore } from '../../src/background/host-memory';
import { consultMemory, learnVisit, type VisitDeps } from '../../src/background/visits';
import { alertsFor, markAlerted, newAlerts, NO_ALERTS } from '../../src/core/alerts';
import { fromFirefoxSecurityInfo } from '../../src/core/cert/from-firefox';
import type { TabEvent } from '../../src/core/events';
import {
  compareFindings,
  SEVERITIES,
  severityRank,
  type Finding,
  type FindingId,
} from '../../src/core/findings';
import { ipLiteral, MAX_IP } from '../../src/core/ip';
import { learn, memoryKey, type HostMemory, type Lesson, type Shard } from '../../src/core/memory';
import { reduceTab } from '../../src/core/reducer';
import {
  buildReport,
  type ReportContext,
  type TabReport,
  type TlsSource,
} from '../../src/core/report';
import { DEFAULT_SETTINGS, type CoreSettings } from '../../src/core/settings';
import { TAB_BUDGET_BYTES, tabBytes, withinBudget } from '../../src/core/tab-budget';
import { EMPTY_TAB, LIMITS, type TabState } from '../../src/core/tab-state';
import { readTabState } from '../../src/core/tab-state-read';
import { MAX_URL } from '../../src/core/text';
import { parseUrl } from '../../src/core/url';
import { firefoxInfo } from '../fixtures/certs/firefox-info';
import { fixture } from '../fixtures/certs/load';
import { load, report, resource } from './events';
import * as arb from './robustness-arbitraries';

// Attacker-controlled input must never throw, never grow what is kept without bound, and never
// make Portwatch contradict itself. Sequences of every kind of event (robustness-arbitraries.ts)
// go through the real reducer in the order the background applies them (index.ts, visits.ts,
// refresh.ts, raise-alerts.ts): the memory's answer after the commit it was asked for, then what
// the page teaches it; the report and the alerts' claim once a burst has settled, the claim on the
// tab's latest state. After each step the tab's state and report are held to what Portwatch
// promises (check() below).

/** Sequences run here (PORTWATCH_FUZZ_RUNS: its share of them, see runs()). */
const SEQUENCES = arb.runs(1600, 0.7);
const TAB = 7;

/** Date.now() in the background's code (visits.ts) while a sequence runs. */
let now = arb.T0;

type Step =
  /** The browser reports events (one, a whole load, or a page's flood), `dt` ms on. */
  | { do: 'events'; events: TabEvent[]; dt: number; at: number | null }
  /** One of the memory lookups made at a commit answers (consultMemory). */
  | { do: 'consult'; pick: number }
  /** The refresher's timer fires: the tab's state is written and reported, its alerts found. */
  | { do: 'refresh' }
  /** One of those alerts is claimed, on the tab's latest state (raise-alerts.ts). */
  | { do: 'claim'; pick: number }
  /** Another tab's visit changed what is remembered of a host. */
  | { do: 'remember'; url: string; memory: HostMemory | null };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      do: fc.constant('events' as const),
      events: arb.event.map((e) => [e]),
      dt: arb.dt,
      at: fc.option(arb.oddTime, { freq: 12 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      do: fc.constant('events' as const),
      events: arb.load,
      dt: arb.dt,
      at: fc.constant(null),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('events' as const),
      events: arb.flood,
      dt: arb.dt,
      at: fc.constant(null),
    }),
  },
  { weight: 4, arbitrary: fc.record({ do: fc.constant('consult' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('refresh' as const) }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('claim' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('remember' as const),
      url: arb.pageUrl,
      memory: arb.hostMemory,
    }),
  },
);

const tlsSource = fc.constantFrom<TlsSource>(
  'firefox',
  'chrome-debugger',
  'chrome-needs-permission',
  'none',
);

/** The kinds of finding a report raises, each once. */
const kinds = (r: TabReport): FindingId[] => [...new Set(r.findings.map((f) => f.id))].sort();

/** The verdict `findings` make: the worst severity that counts (report.ts verdictOf). */
function verdictOf(findings: readonly Finding[]): string {
  const counted = findings.filter((f) => !f.allowlisted && f.severity !== 'info');
  const worst = Math.max(-1, ...counted.map((f) => severityRank(f.severity)));
  return worst < 0 ? 'secure' : SEVERITIES[worst]!;
}

/** A report's verdict is its worst finding's that counts; its findings come worst first. */
function expectVerdict(r: TabReport): void {
  if (r.connection === null) {
    if (r.verdict !== 'none' || r.findings.length > 0)
      expect(r).toMatchObject({ verdict: 'none', findings: [] });
    return;
  }
  if (r.verdict !== verdictOf(r.findings)) expect(r.verdict).toBe(verdictOf(r.findings));
  r.findings.forEach((f, i) => {
    if (i > 0 && compareFindings(r.findings[i - 1]!, f) > 0)
      expect(r.findings.slice(i - 1, i + 1), 'worst first').toEqual([]);
    if (f.softened && f.severity !== 'info') expect(f, 'softened to info').toBeUndefined();
  });
}

/** Every origin's address kept is an IP literal within MAX_IP, and its report gives its family. */
function expectAddresses(state: TabState, r: TabReport): void {
  for (const page of [state.page, ...state.recent]) {
    for (const o of page?.origins ?? []) {
      if (o.ip !== undefined && (o.ip.length > MAX_IP || ipLiteral(o.ip) !== o.ip))
        expect(o, 'an IP literal').toBeUndefined();
    }
  }
  for (const o of r.origins) {
    if ((o.ip === undefined) !== (o.ipFamily === undefined))
      expect(o, 'an address with its family').toBeUndefined();
  }
}

/** withinBudget of the states met last, with their JSON: each is measured once. */
const shedding = new WeakMap<TabState, { state: TabState; json: string }>();

/**
 * withinBudget(state) and its JSON. A state within its budget is what withinBudget returns as is,
 * measured here natively (JSON.stringify leaves no lone surrogate, so Buffer.byteLength and
 * tabBytes agree): the simulation's hot path.
 */
function budget(state: TabState): { state: TabState; json: string } {
  const known = shedding.get(state);
  if (known) return known;
  const json = JSON.stringify(state);
  const within = json.length * 3 <= TAB_BUDGET_BYTES || Buffer.byteLength(json) <= TAB_BUDGET_BYTES;
  const slim = within ? state : withinBudget(state);
  const out = { state: slim, json: slim === state ? json : JSON.stringify(slim) };
  shedding.set(state, out);
  shedding.set(slim, out);
  return out;
}

/** toEqual, quicker where they are equal: a state with a certificate chain is big. */
function expectEqual<T>(actual: T, expected: T, what?: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, what).toEqual(expected);
}

const keyOf = (url: string): string => memoryKey(parseUrl(url)!);

/** One tab, and what the background does around it, with the memory of hosts in a map. */
class Simulation {
  state: TabState = EMPTY_TAB;
  readonly memory: Shard = {};
  /** Memory lookups made at a commit and not answered yet (their page's URL). */
  private readonly consults: string[] = [];
  /** Alerts found by a refresh and not claimed yet: the state reported, its findings, when. */
  private readonly claims: Array<{ state: TabState; findings: Finding[]; at: number }> = [];
  /** Which committed page is shown: each commit (or failed load) starts another. */
  private page = 0;
  /** The finding kinds notified for each page. */
  private readonly notified = new Map<number, Set<FindingId>>();
  /** The state last checked as stored (a step that changes nothing needs no second look). */
  private stored: TabState | null = null;
  private readonly visits: VisitDeps;

  constructor(
    readonly settings: CoreSettings,
    readonly tlsSource: TlsSource,
  ) {
    // The memory store (host-memory.ts) over a map: a lookup answers a copy, as a read does.
    const memory = {
      lookup: async (key: string) => structuredClone(this.memory[key] ?? null),
      learn: async (key: string, lesson: Lesson, at: number) =>
        void learn(this.memory, key, lesson, at),
    };
    this.visits = {
      memory: memory as unknown as HostMemoryStore,
      settings: async () => settings,
      dispatch: async (_tabId, e) => this.reduce(e),
      state: async () => this.state,
    };
  }

  private context(): ReportContext {
    return { now, tlsSource: this.tlsSource };
  }

  private reduce(e: TabEvent): void {
    const before = this.state.page;
    this.state = reduceTab(this.state, e);
    if ((e.type === 'commit' || e.type === 'error') && this.state.page !== before) this.page++;
  }

  /** As index.ts's listeners: dispatch; a commit asks the memory; a page's TLS is learnt. */
  private async browserEvent(e: TabEvent): Promise<void> {
    this.reduce(e);
    if (e.type === 'commit') this.consults.push(e.url);
    if (e.type === 'security' && e.kind !== 'sub_frame') await learnVisit(this.visits, TAB);
  }

  async run(s: Step): Promise<void> {
    switch (s.do) {
      case 'events':
        for (const [i, e] of s.events.entries()) {
          now += i === 0 ? s.dt : 7;
          await this.browserEvent({ ...e, time: s.at ?? now });
        }
        return;
      case 'consult': {
        if (this.consults.length === 0) return;
        const [url] = this.consults.splice(s.pick % this.consults.length, 1);
        await consultMemory(this.visits, TAB, url!);
        return;
      }
      case 'refresh':
        return this.refresh();
      case 'claim':
        return this.claim(s.pick);
      case 'remember':
        if (s.memory) this.memory[keyOf(s.url)] = s.memory;
        else delete this.memory[keyOf(s.url)];
        return;
    }
  }

  /** The load is over and everything in flight done: each alert claimed, none twice. */
  async finish(): Promise<void> {
    while (this.consults.length > 0) await this.run({ do: 'consult', pick: 0 });
    const page = this.state.page;
    if (page) await this.browserEvent({ type: 'settled', url: page.url, time: (now += 100) });
    for (let round = 0; round < 2; round++) {
      this.refresh();
      while (this.claims.length > 0) this.claim(0);
      this.check();
    }
  }

  /**
   * tab-store.ts flush: the state is written within its budget, and kept so in memory. The store
   * writes 100 ms after a change, and before any report: after each step here.
   */
  flush(): void {
    this.state = budget(this.state).state;
  }

  /** refresh.ts: the state as written (flushed), reported; its alerts to claim, if any. */
  private refresh(): void {
    this.flush();
    const reported = this.state;
    const r = buildReport(TAB, reported, this.settings, this.context());
    const { notify, historyDays } = this.settings;
    const wanted = newAlerts(reported.page, r.findings, notify, historyDays > 0);
    if (wanted.notify.length > 0 || wanted.log.length > 0)
      this.claims.push({ state: reported, findings: r.findings, at: now });
  }

  /** raise-alerts.ts: the claim, on the latest state; no kind is notified twice for a page. */
  private claim(pick: number): void {
    if (this.claims.length === 0) return;
    const [c] = this.claims.splice(pick % this.claims.length, 1);
    const { notify, historyDays } = this.settings;
    const latest = this.state;
    const claimed =
      latest === c!.state
        ? newAlerts(latest.page, c!.findings, notify, historyDays > 0)
        : alertsFor(latest, this.settings, c!.at);
    this.state = markAlerted(latest, claimed);
    const seen = this.notified.get(this.page) ?? new Set<FindingId>();
    for (const f of claimed.notify) {
      if (seen.has(f.id)) expect.fail(`${f.id} notified twice for one page`);
      seen.add(f.id);
    }
    this.notified.set(this.page, seen);
  }

  /** What holds after every step. */
  check(): void {
    const { state, settings } = this;
    const r = buildReport(TAB, state, settings, this.context());
    expectVerdict(r);
    expectAddresses(state, r);
    // The alerts: as the report has them; claiming twice is claiming once; once claimed, none.
    const logging = settings.historyDays > 0;
    const alerts = alertsFor(state, settings, now);
    expectEqual(alerts, newAlerts(state.page, r.findings, settings.notify, logging));
    const once = markAlerted(state, alerts);
    expectEqual(markAlerted(once, alerts), once, 'claimed twice');
    expectEqual(alertsFor(once, settings, now), NO_ALERTS, 'wanted once claimed');
    if (state !== this.stored) this.checkStored(r);
    this.stored = state;
  }

  /** The state as stored: within its budget, reporting the same, read back as written. */
  private checkStored(r: TabReport): void {
    const { state, settings } = this;
    const ctx = this.context();
    // Within its budget as stored (budget() found it so already when it is unchanged).
    const { state: budgeted, json } = budget(state);
    const shown = budgeted === state ? r : buildReport(TAB, budgeted, settings, ctx);
    if (budgeted !== state) {
      expect(tabBytes(budgeted)).toBeLessThanOrEqual(TAB_BUDGET_BYTES);
      // The same findings and the same verdict: shedding keeps what findings rest on.
      expect(shown.findings.map((f) => f.id)).toEqual(r.findings.map((f) => f.id));
      expect(kinds(shown)).toEqual(kinds(r));
      expect(verdictOf(shown.findings)).toBe(verdictOf(r.findings));
    }
    // What is stored reads back as it was written, and gives the same report.
    const back = readTabState(JSON.parse(json));
    expectEqual(back, arb.storedForm(budgeted), 'read back');
    expectEqual(buildReport(TAB, back, settings, ctx), shown, 'report read back');
  }
}

describe('a tab through arbitrary sequences of every event type', () => {
  beforeAll(() => {
    vi.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it(`keeps its promises over ${SEQUENCES} sequences, sequenced as the background does`, async () => {
    await fc.assert(
      fc.asyncProperty(
        arb.settings,
        tlsSource,
        fc.array(fc.tuple(arb.pageUrl, arb.hostMemory), { maxLength: 4 }),
        fc.array(step, { maxLength: 30, size: 'max' }),
        async (settings, source, memories, steps) => {
          now = arb.T0;
          const sim = new Simulation(settings, source);
          for (const [url, memory] of memories) if (memory) sim.memory[keyOf(url)] = memory;
          for (const s of steps) {
            await sim.run(s);
            sim.check();
            sim.flush();
          }
          await sim.finish();
        },
      ),
      { numRuns: SEQUENCES },
    );
  }, 3_600_000);
});

describe('bounds', () => {
  it('a 64 KB URL is kept bounded and still analysed', () => {
    const huge = `https://a.example:8443/${'x'.repeat(64 * 1024)}`;
    const r = report([
      ...load({ chain: [huge] }),
      resource(`http://b.example/${'y'.repeat(64 * 1024)}`, 'other'),
    ]);
    expect(r.connection!.url.length).toBeLessThanOrEqual(MAX_URL);
    expect(r.findings.map((f) => f.id)).toContain('nonstandard-port');
    expect(JSON.stringify(r).length).toBeLessThan(20_000);
  });

  it('a host of 300 labels neither throws nor is kept whole', () => {
    const host = Array.from({ length: 300 }, (_, i) => `l${i}`).join('.');
    const r = report(load({ chain: [`https://${host}/`, `http://${host}/`] }));
    expect(r.findings[0]!.id).toBe('downgrade-redirect');
    expect(r.connection!.host.length).toBeLessThanOrEqual(255);
  });

  it('redirect chains, origins and insecure URLs stop growing at their limits', () => {
    const chain = Array.from({ length: 60 }, (_, i) => `https://a.example/${i}`);
    const events = load({ chain });
    for (let i = 0; i < 300; i++) events.push(resource(`https://h${i}.example/`, 'other'));
    const state = events.reduce(reduceTab, EMPTY_TAB);
    expect(state.page!.hops).toHaveLength(LIMITS.hops);
    expect(state.page!.hopsDropped).toBe(59 - LIMITS.hops);
    expect(state.page!.origins).toHaveLength(LIMITS.origins);
    expect(state.page!.originsDropped).toBe(300 - LIMITS.origins);
  });
});

describe('the byte budget', () => {
  // A page past TAB_BUDGET_BYTES sheds, and tab-budget.ts promises that nothing a finding rests
  // on goes: a downgrade at a late hop, an origin past the first forty, a frame's weak chain.
  // (These failed while withinBudget cut the hops, origins and frames from their end.)
  const at = 1_770_724_800_000;
  const long = (scheme: string, host: string, i: number): string =>
    `${scheme}://${host}/${i}/${'x'.repeat(2000)}`;
  const shown = (events: TabEvent[]) => {
    const state = events.reduce(reduceTab, EMPTY_TAB);
    const r = (s: TabState) =>
      buildReport(TAB, s, DEFAULT_SETTINGS, { now: at, tlsSource: 'firefox' });
    return { full: r(state), shed: r(withinBudget(state)) };
  };
  /** A main-frame load through `hops` redirects, `url(0)` to `url(hops)`, then its commit. */
  const redirected = (url: (i: number) => string, hops: number): TabEvent[] => [
    { type: 'request', requestId: '1', url: url(0), kind: 'main_frame', method: 'GET', time: at },
    ...Array.from({ length: hops }, (_, i): TabEvent => ({
      type: 'redirect',
      requestId: '1',
      url: url(i),
      redirectUrl: url(i + 1),
      statusCode: 302,
      kind: 'main_frame',
      time: at,
    })),
    { type: 'commit', url: url(hops), transition: 'link', qualifiers: [], time: at },
  ];
  /** 50 plain images with 2 KB URLs, asked for by an https frame: 100 KB of the page's facts. */
  const images = (): TabEvent[] =>
    Array.from({ length: 50 }, (_, i) => ({
      type: 'request',
      requestId: '9',
      url: long('http', 'img.example', i),
      kind: 'other',
      method: 'GET',
      time: at,
      initiator: 'https://frame.example/',
    }));

  it('keeps a downgrade at the 12th hop of a chain of long URLs past the budget', () => {
    const url = (i: number) => long(i === 12 ? 'http' : 'https', 'a.example', i);
    const events: TabEvent[] = [...redirected(url, 12), ...images()];
    const { full, shed } = shown(events);
    expect(full.verdict).toBe('danger');
    expect(kinds(full)).toContain('downgrade-redirect');
    // 155 KB, so it sheds: the hops stay (their URLs shortened), the downgrade with them.
    expect(shed.verdict).toBe('danger');
  });

  it('keeps a plain socket on port 443, the 41st other origin, past the budget', () => {
    const url = (i: number) => long('https', 'a.example', i);
    const events: TabEvent[] = redirected(url, 20);
    for (let i = 0; i < 40; i++) events.push(resource(`https://cdn${i}.example/a.js`, 'other'));
    // The 41st other origin: a plain WebSocket on port 443 (plaintext-on-443, a warning).
    events.push(resource('ws://chat.example:443/', 'websocket'), ...images());
    const { full, shed } = shown(events);
    expect(kinds(full)).toContain('plaintext-on-443');
    // 188 KB, so it sheds: every other origin stays, the socket on port 443 among them.
    expect(kinds(shed)).toContain('plaintext-on-443');
  });

  it("keeps the tenth frame's weak signature past the budget", () => {
    const tls = (leaf: string) =>
      fromFirefoxSecurityInfo(
        firefoxInfo([fixture(leaf), fixture('intermediate'), fixture('root')]),
      )!;
    const page = 'https://a.example/';
    const events: TabEvent[] = [
      { type: 'request', requestId: '1', url: page, kind: 'main_frame', method: 'GET', time: at },
      { type: 'security', requestId: '1', url: page, tls: tls('ec-p256'), time: at },
      { type: 'commit', url: page, transition: 'link', qualifiers: [], time: at },
    ];
    // Nine frames first (one with a certificate of 1,000 names), then one whose chain is signed
    // with SHA-1 (weak-signature, a danger).
    for (let i = 0; i < 9; i++) {
      events.push({
        type: 'security',
        kind: 'sub_frame',
        url: `https://f${i}.example/`,
        tls: tls(i === 0 ? 'many-sans' : 'ec-p256'),
        time: at,
      });
    }
    events.push(
      {
        type: 'security',
        kind: 'sub_frame',
        url: 'https://old.example/',
        tls: tls('sha1'),
        time: at,
      },
      ...images(),
    );
    const { full, shed } = shown(events);
    expect(full.verdict).toBe('danger');
    // Past the budget, it sheds: every frame's details stay, the tenth's weak signature too.
    expect(shed.verdict).toBe('danger');
  });

  // Found by `npm run fuzz` (seed 1535026197, after 34,388 sequences): frames' TLS details were
  // kept whole, so a page of ten frames whose servers send long chains stayed over the budget at
  // 253,758 bytes. Frames now keep only what their findings rest on (frameCert).
  it('bounds ten frames with chains of ten certificates with 1 KB names', () => {
    const cert = (i: number) => ({
      subject: `CN=${i}${'s'.repeat(1100)}`,
      issuer: `CN=${i + 1}${'i'.repeat(1100)}`,
      validity: { start: at - 1e9, end: at + 1e10 },
      fingerprint: { sha256: `F${i}` },
      serialNumber: 'x'.repeat(300),
    });
    const tls = fromFirefoxSecurityInfo({
      state: 'secure',
      protocolVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      certificates: Array.from({ length: 10 }, (_, i) => cert(i)),
    })!;
    const events: TabEvent[] = [
      { type: 'commit', url: 'https://a.example/', transition: 'link', qualifiers: [], time: at },
    ];
    for (let i = 0; i < 10; i++) {
      events.push({
        type: 'security',
        kind: 'sub_frame',
        url: `https://f${i}.example/`,
        tls,
        time: at,
      });
    }
    const state = events.reduce(reduceTab, EMPTY_TAB);
    expect(tabBytes(withinBudget(state))).toBeLessThanOrEqual(TAB_BUDGET_BYTES);
  });
});

describe('readTabState', () => {
  it('falls back part by part on corrupt stored data', () => {
    expect(readTabState(null)).toEqual(EMPTY_TAB);
    expect(readTabState({ nav: 5, page: { url: 7 }, recent: 'x' })).toEqual(EMPTY_TAB);
    const kept = readTabState({
      nav: 'junk',
      page: {
        url: 'https://a.example/',
        hops: [{ from: 1 }, { from: 'https://a/', to: 'http://a/', status: 'x' }],
        origins: [{ origin: 'https://b', kinds: ['bogus', 'other'] }],
      },
    });
    expect(kept.nav).toBeNull();
    expect(kept.page).toMatchObject({
      url: 'https://a.example/',
      hops: [{ from: 'https://a/', to: 'http://a/', status: 0 }],
      origins: [{ origin: 'https://b', requests: 0, kinds: ['other'] }],
    });
  });
});
