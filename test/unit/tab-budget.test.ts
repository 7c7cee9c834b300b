import { describe, expect, it } from 'vitest';
import { TabStore, tabKey, type SessionArea } from '../../src/background/tab-store';
import { buildReport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { shed, TAB_BUDGET_BYTES, tabBytes, withinBudget } from '../../src/core/tab-budget';
import { LIMITS, type TabState } from '../../src/core/tab-state';
import { readTabState } from '../../src/core/tab-state-read';
import { utf8Length } from '../../src/core/text';
import { fromFirefoxSecurityInfo } from '../../src/core/cert/from-firefox';
import type { TabEvent } from '../../src/core/events';
import { firefoxInfo } from '../fixtures/certs/firefox-info';
import { fixture } from '../fixtures/certs/load';
import { load, originIp, run } from './events';

// A hostile page fills every list of its tab's state at once with 2 KB URLs, and keeps three
// such pages for back/forward: the tab's stored state stays within its budget, and what the
// current page shows keeps its findings.

const long = (prefix: string, i: number) => `${prefix}${i}/${'p'.repeat(2000)}`.slice(0, 2040);

/** One hostile load of `https://evil{n}.example/`: full redirect chain, origins, insecure URLs. */
function hostileLoad(n: number) {
  const chain = Array.from({ length: LIMITS.hops + 3 }, (_, i) =>
    long(i % 2 === 0 ? `https://evil${n}.example/` : `https://hop${i}.evil${n}.example/`, i),
  );
  chain.push(`https://evil${n}.example/`);
  return load({
    chain,
    hsts: 'max-age=31536000',
    subresources: Array.from({ length: 150 }, (_, i) => long(`http://o${i}.evil${n}.example/`, i)),
  });
}

function hostileTab(): TabState {
  return run([0, 1, 2, 3].flatMap(hostileLoad));
}

/** A host name of 250 characters, the most DNS allows, in labels of 63. */
const longHost = (tag: string) =>
  `${tag}.${['a', 'b', 'c'].map((c) => c.repeat(63)).join('.')}.example`.padStart(250, 'x');

/** The longest IP literal there is, each origin's address in the worst tab. */
const LONGEST_IP = 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255';

/**
 * Everything at once, each at its limit: long host names everywhere, a full redirect chain, 100
 * origins each with the longest address, 50 insecure URLs, the page's own chain of ten
 * certificates with a thousand SANs and 1 KB names, ten frames with such chains, and a second
 * hostile load still in progress.
 */
function worstTab(): TabState {
  const tls = fromFirefoxSecurityInfo(
    firefoxInfo([
      fixture('many-sans'),
      ...Array.from({ length: 9 }, (_, i) => fixture(i % 2 ? 'big-subject' : 'many-sans')),
    ]),
  )!;
  const page = `https://${longHost('page')}/`;
  const chain = Array.from({ length: LIMITS.hops + 3 }, (_, i) =>
    long(`https://${longHost(`h${i}`)}/`, i),
  );
  const subresources = Array.from({ length: 150 }, (_, i) => ({
    url: long(`http://${longHost(`o${i}`)}/`, i),
    kind: i < 20 ? ('sub_frame' as const) : ('other' as const),
  }));
  const events: TabEvent[] = [
    ...load({
      chain: [...chain, page],
      hsts: 'max-age=31536000',
      httpVersion: 'http/1.1',
      subresources,
    }),
    ...subresources.map(({ url }) => originIp(url, LONGEST_IP)),
    { type: 'security', kind: 'main_frame', url: page, tls, time: 1_700_000_000_000 },
    ...Array.from({ length: LIMITS.frameTls }, (_, i): TabEvent => ({
      type: 'security',
      kind: 'sub_frame',
      url: `https://${longHost(`f${i}`)}/`,
      tls,
      time: 1_700_000_000_000,
    })),
  ];
  // The next load, still following its redirects.
  const next = load({ chain: chain.map((u) => u.replace('https://h', 'https://n')) });
  return run([...events, ...next.slice(0, -2)]);
}

const findingIds = (state: TabState) =>
  buildReport(1, state, DEFAULT_SETTINGS).findings.map((f) => `${f.id} ${f.severity}`);

class QuotaArea implements SessionArea {
  data = new Map<string, unknown>();
  constructor(private readonly quota: number) {}
  private bytes(): number {
    let n = 0;
    for (const [k, v] of this.data) n += k.length + utf8Length(JSON.stringify(v));
    return n;
  }
  async get(key: string | null): Promise<Record<string, unknown>> {
    await Promise.resolve();
    if (key === null) return structuredClone(Object.fromEntries(this.data));
    return this.data.has(key) ? { [key]: structuredClone(this.data.get(key)) } : {};
  }
  async set(items: Record<string, unknown>): Promise<void> {
    await Promise.resolve();
    const before = new Map(this.data);
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
    if (this.bytes() > this.quota) {
      this.data = before;
      throw new Error('Session storage quota bytes exceeded. Values were not stored.');
    }
  }
  async remove(key: string): Promise<void> {
    await Promise.resolve();
    this.data.delete(key);
  }
}

describe('a tab within its byte budget', () => {
  const hostile = hostileTab();

  it('a hostile page would take far more than the budget', () => {
    expect(hostile.recent).toHaveLength(LIMITS.recentPages);
    expect(tabBytes(hostile)).toBeGreaterThan(4 * TAB_BUDGET_BYTES);
  });

  it('sheds the earlier pages first, then the tails of its lists, keeping its findings', () => {
    const fitted = withinBudget(hostile);
    expect(tabBytes(fitted)).toBeLessThanOrEqual(TAB_BUDGET_BYTES);
    expect(fitted.recent).toEqual([]);
    const page = fitted.page!;
    // Each cut is counted, so the report says how many more there were.
    expect(page.hops.length + page.hopsDropped).toBe(
      hostile.page!.hops.length + hostile.page!.hopsDropped,
    );
    expect(page.insecureUrls.length + page.insecureUrlsDropped).toBe(
      hostile.page!.insecureUrls.length + hostile.page!.insecureUrlsDropped,
    );
    expect(findingIds(fitted)).toEqual(findingIds(hostile));
    // It survives storage as it is.
    expect(readTabState(JSON.parse(JSON.stringify(fitted)))).toEqual(fitted);
  });

  it('keeps an earlier page, lean, when that is enough: back/forward still shows its findings', () => {
    const state = run([...hostileLoad(9), ...load({ chain: ['https://next.example/'] })]);
    expect(tabBytes(state)).toBeGreaterThan(TAB_BUDGET_BYTES);
    const fitted = withinBudget(state);
    expect(tabBytes(fitted)).toBeLessThanOrEqual(TAB_BUDGET_BYTES);
    expect(fitted.recent).toHaveLength(1);
    const asPage = (s: TabState): TabState => ({ ...s, page: s.recent[0]!, recent: [] });
    expect(findingIds(asPage(fitted))).toEqual(findingIds(asPage(state)));
    expect(fitted.page).toEqual(state.page);
  });

  it('holds a tab with every list and every certificate at its limit', () => {
    const worst = worstTab();
    expect(worst.page!.frameTls).toHaveLength(LIMITS.frameTls);
    expect(worst.page!.tls!.chain).toHaveLength(10);
    expect(worst.page!.origins.every((o) => o.ip === LONGEST_IP)).toBe(true);
    expect(worst.nav!.hops.length).toBeGreaterThan(0);
    const fitted = withinBudget(worst);
    expect(tabBytes(fitted)).toBeLessThanOrEqual(TAB_BUDGET_BYTES);
    expect(findingIds(fitted)).toEqual(findingIds(worst));
    // What the popup lists of every origin stays: the addresses are never shed.
    expect(fitted.page!.origins).toHaveLength(LIMITS.origins);
    expect(fitted.page!.origins.every((o) => o.ip === LONGEST_IP)).toBe(true);
    expect(tabBytes(shed(worst))).toBeLessThanOrEqual(TAB_BUDGET_BYTES);
  });

  it('leaves an ordinary tab as it is', () => {
    const ordinary = run(load({ chain: ['http://a.example/', 'https://a.example/'] }));
    expect(withinBudget(ordinary)).toBe(ordinary);
  });

  it('is what the store writes, and keeps in memory', async () => {
    const area = new QuotaArea(10 * 1024 * 1024);
    const store = new TabStore(area, () => undefined, 0);
    await store.update(5, () => hostile);
    await store.flush(5);
    const stored = area.data.get(tabKey(5));
    expect(utf8Length(JSON.stringify(stored))).toBeLessThanOrEqual(TAB_BUDGET_BYTES);
    expect(await store.get(5)).toEqual(stored);
  });

  it('when storage is full, the largest other tab sheds its details, not every tab', async () => {
    // Room for two hostile tabs at their budget, not three.
    const area = new QuotaArea(2.5 * tabBytes(withinBudget(hostile)));
    const store = new TabStore(area, () => undefined, 0);
    for (const tabId of [1, 2]) {
      await store.update(tabId, () => hostile);
      await store.flush(tabId);
    }
    const small = run(load({ chain: ['https://b.example/'] }));
    await store.update(3, () => ({
      ...hostile,
      page: { ...hostile.page!, url: 'https://c.example/' },
    }));
    await store.flush(3);
    // Tab 3 was written; one of the others was shed to make room, and still shows its page.
    expect(area.data.has(tabKey(3))).toBe(true);
    const sizes = [1, 2].map((id) => utf8Length(JSON.stringify(area.data.get(tabKey(id)))));
    expect(Math.min(...sizes)).toBeLessThan(tabBytes(withinBudget(hostile)) / 2);
    expect(Math.max(...sizes)).toBe(tabBytes(withinBudget(hostile)));
    await store.update(4, () => small);
    await store.flush(4);
    expect(area.data.has(tabKey(4))).toBe(true);
    expect(findingIds(shed(hostile))).toEqual(findingIds(hostile));
  });
});
