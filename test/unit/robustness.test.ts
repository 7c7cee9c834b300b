import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../../src/core/events';
import { reduceTab } from '../../src/core/reducer';
import { buildReport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { EMPTY_TAB, LIMITS } from '../../src/core/tab-state';
import { readTabState } from '../../src/core/tab-state-read';
import { MAX_URL } from '../../src/core/text';
import { load, report, resource } from './events';

// Attacker-controlled input must never throw and never grow what is kept without bound.

const url = fc.oneof(
  fc.constantFrom(
    'https://a.example/',
    'http://a.example/',
    'https://[::1]:8443/',
    'wss://a.example:9443/',
    'about:blank',
  ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ maxLength: 300 }),
);
const kind = fc.constantFrom('main_frame', 'sub_frame', 'websocket', 'other') as fc.Arbitrary<
  'main_frame' | 'sub_frame' | 'websocket' | 'other'
>;
const requestId = fc.constantFrom('1', '2', '3');

const event: fc.Arbitrary<TabEvent> = fc.oneof(
  fc.record({
    type: fc.constant('request' as const),
    requestId,
    url,
    kind,
    method: fc.constantFrom('GET', 'POST'),
    time: fc.nat(),
    initiator: url,
  }),
  fc.record({
    type: fc.constant('redirect' as const),
    requestId,
    url,
    redirectUrl: url,
    statusCode: fc.nat(999),
    kind,
    time: fc.nat(),
  }),
  fc.record({
    type: fc.constant('response' as const),
    requestId,
    url,
    kind,
    statusCode: fc.nat(999),
    hsts: fc.option(fc.string({ maxLength: 100 })),
    fromCache: fc.boolean(),
    time: fc.nat(),
    ip: fc.string({ maxLength: 50 }),
  }),
  fc.record({
    type: fc.constant('error' as const),
    requestId,
    url,
    kind,
    error: fc.string({ maxLength: 50 }),
    time: fc.nat(),
  }),
  fc.record({
    type: fc.constant('commit' as const),
    url,
    transition: fc.constantFrom('link', 'typed', 'form_submit', 'reload'),
    qualifiers: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
    time: fc.nat(),
  }),
  fc.record({
    type: fc.constant('references' as const),
    pageUrl: url,
    urls: fc.array(url, { maxLength: 5 }),
    time: fc.nat(),
  }),
);

describe('the reducer on arbitrary event sequences', () => {
  it('never throws, and the report always builds', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const state = events.reduce(reduceTab, EMPTY_TAB);
        const r = buildReport(7, state, DEFAULT_SETTINGS);
        expect(['secure', 'notice', 'warning', 'danger', 'none']).toContain(r.verdict);
        // What is stored survives a round trip through storage validation unchanged.
        expect(readTabState(JSON.parse(JSON.stringify(state)))).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });
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
