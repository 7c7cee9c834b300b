import { describe, expect, it } from 'vitest';
import { tabKey, TabStore } from '../../src/background/tab-store';
import { ipLiteral, MAX_IP } from '../../src/core/ip';
import { reduceTab } from '../../src/core/reducer';
import { buildReport } from '../../src/core/report';
import { reportToJson } from '../../src/core/report-json';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { TabState } from '../../src/core/tab-state';
import { readTabState } from '../../src/core/tab-state-read';
import { load, originIp, resource, run } from './events';
import { MemoryArea } from './memory-area';

// The address each other origin's server answered from (webRequest.onResponseStarted's `ip` for
// the page's subresources): kept once per origin, checked as an IP literal, in the report.

const PAGE = 'https://shop.example/';
const CDN = 'https://cdn.example/app.js';
const FONTS = 'https://fonts.example/a.woff2';
/** The longest IP literal there is. */
const LONGEST = 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255';

function shop(): TabState {
  return run(load({ chain: [PAGE], ip: '93.184.216.34', subresources: [CDN, FONTS] }));
}

describe('ipLiteral', () => {
  it('keeps an IP literal as classifyIp writes it, and nothing else', () => {
    expect(ipLiteral('93.184.216.34')).toBe('93.184.216.34');
    expect(ipLiteral('2001:DB8::1')).toBe('2001:db8::1');
    expect(ipLiteral('[2001:db8::2]')).toBe('2001:db8::2');
    expect(ipLiteral(LONGEST)).toBe(LONGEST);
    expect(LONGEST).toHaveLength(MAX_IP);
    for (const bad of [
      '',
      'cdn.example',
      '999.1.1.1',
      '1.2.3',
      '1::2::3',
      `fe80::1%${'e'.repeat(40)}`,
    ])
      expect(ipLiteral(bad), bad).toBeUndefined();
    expect(ipLiteral(`1.2.3.4${' '.repeat(1_000_000)}`)).toBeUndefined();
  });
});

describe("other origins' addresses", () => {
  it('join their origin and reach the report with their family and whether encrypted', () => {
    const state = run(
      [
        originIp(CDN, '203.0.113.7'),
        originIp(FONTS, '2001:DB8::1'),
        resource('ws://chat.example/', 'websocket'),
      ],
      shop(),
    );
    const origins = reportOf(state).origins;
    expect(origins.find((o) => o.origin === 'https://cdn.example')).toMatchObject({
      ip: '203.0.113.7',
      ipFamily: 'IPv4',
      secure: true,
    });
    expect(origins.find((o) => o.origin === 'https://fonts.example')).toMatchObject({
      ip: '2001:db8::1',
      ipFamily: 'IPv6',
      secure: true,
    });
    const chat = origins.find((o) => o.origin === 'ws://chat.example')!;
    expect(chat.secure).toBe(false);
    expect(chat).not.toHaveProperty('ip');
    expect(chat).not.toHaveProperty('ipFamily');
    const json = JSON.parse(reportToJson(reportOf(state))) as { origins: unknown[] };
    expect(json.origins).toContainEqual(
      expect.objectContaining({
        origin: 'https://cdn.example',
        ip: '203.0.113.7',
        ipFamily: 'IPv4',
      }),
    );
  });

  it('are kept once: a later answer, from another address or the same, changes nothing', () => {
    const first = run([originIp(CDN, '203.0.113.7')], shop());
    expect(run([originIp(CDN, '203.0.113.8')], first)).toBe(first);
    expect(run([originIp('https://cdn.example/other.js', '203.0.113.7')], first)).toBe(first);
    // More requests to the origin keep its address.
    const more = run([resource('https://cdn.example/b.js', 'other')], first);
    expect(more.page?.origins.find((o) => o.origin === 'https://cdn.example')).toMatchObject({
      requests: 2,
      ip: '203.0.113.7',
    });
  });

  it('are ignored, the state left as it was, when not an address or not a kept origin', () => {
    const state = shop();
    for (const bad of ['', 'cdn.example', '999.1.1.1', 'x'.repeat(100_000), `${LONGEST}0`]) {
      expect(run([originIp(CDN, bad)], state), bad.slice(0, 20)).toBe(state);
    }
    expect(run([originIp('https://unseen.example/', '203.0.113.9')], state)).toBe(state);
    expect(run([originIp('not a url', '203.0.113.9')], state)).toBe(state);
    expect(reduceTab({ nav: null, page: null, recent: [] }, originIp(CDN, '203.0.113.9'))).toEqual({
      nav: null,
      page: null,
      recent: [],
    });
  });

  it('keep the report in its order, flagged origins first', () => {
    const state = run(
      [
        resource('http://plain.example/x.js', 'other'),
        originIp('http://plain.example/x.js', '198.51.100.1'),
      ],
      run([originIp(CDN, '203.0.113.7')], shop()),
    );
    const origins = reportOf(state).origins;
    expect(origins[0]).toMatchObject({
      origin: 'http://plain.example',
      secure: false,
      ip: '198.51.100.1',
    });
    expect(origins[0]!.flags.length).toBeGreaterThan(0);
  });

  it('are read back from storage; a corrupt one is dropped, keeping the origin', () => {
    const state = run([originIp(CDN, LONGEST)], shop());
    expect(readTabState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    const without = shop();
    expect(readTabState(JSON.parse(JSON.stringify(without)))).toEqual(without);
    for (const bad of [7, null, {}, 'nope', '999.0.0.1', 'x'.repeat(10_000), `${LONGEST}:1`]) {
      const stored = JSON.parse(JSON.stringify(state)) as TabState;
      (stored.page!.origins[0] as { ip?: unknown }).ip = bad;
      const back = readTabState(stored);
      expect(back.page!.origins[0]).toEqual({ ...state.page!.origins[0], ip: undefined });
      expect(back.page!.origins[0]).not.toHaveProperty('ip');
    }
    // An address stored in another form is read as the reducer keeps it.
    const stored = JSON.parse(JSON.stringify(state)) as TabState;
    (stored.page!.origins[0] as { ip?: unknown }).ip = '[2001:DB8::1]';
    expect(readTabState(stored).page!.origins[0]!.ip).toBe('2001:db8::1');
  });
});

describe("an origin's address in the tab's store (quiet unless it changed something)", () => {
  it('is written and shown once; every later answer neither writes nor rebuilds the report', async () => {
    const area = new MemoryArea();
    let settled = 0;
    const store = new TabStore(area, () => settled++, 0);
    const dispatch = (e: Parameters<typeof reduceTab>[1]) =>
      store.update(1, (s) => reduceTab(s, e), { quiet: 'unless-changed' });
    for (const e of load({ chain: [PAGE], subresources: [CDN] }))
      await store.update(1, (s) => reduceTab(s, e));
    await store.flush(1);
    const [writes, bursts] = [area.writes, settled];
    await dispatch(originIp(CDN, '203.0.113.7'));
    await store.flush(1);
    expect([area.writes, settled]).toEqual([writes + 1, bursts + 1]);
    expect((area.data.get(tabKey(1)) as TabState).page?.origins[0]?.ip).toBe('203.0.113.7');
    for (let i = 0; i < 20; i++) await dispatch(originIp(CDN, `203.0.113.${i}`));
    await dispatch(originIp(CDN, 'garbage'));
    await store.flush(1);
    expect([area.writes, settled]).toEqual([writes + 1, bursts + 1]);
  });
});

function reportOf(state: TabState) {
  return buildReport(7, state, DEFAULT_SETTINGS);
}
