import { describe, expect, it } from 'vitest';
import { toRedirect, toRequest } from '../../src/background/to-events';
import type { TabEvent } from '../../src/core/events';
import { reduceTab } from '../../src/core/reducer';
import { buildReport } from '../../src/core/report';
import { reportToMarkdown } from '../../src/core/report-markdown';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { emptyPage } from '../../src/core/reducer-facts';
import { EMPTY_TAB, LIMITS, type TabState } from '../../src/core/tab-state';
import { readTabState } from '../../src/core/tab-state-read';
import { isBrowserUpgrade, isUpgradeOf } from '../../src/core/upgrade';
import { coreEvents, recordings } from './recorded';
import { t } from './translate';
import { popupHtml } from './popup-html';

// The browser's own upgrade and fallback: which steps count as the browser's, how they survive
// storage, and how a person sees them in the popup and in a copied report.

describe('isUpgradeOf: the same URL, only the scheme made secure', () => {
  it('matches the upgrade of an http URL, path, query and explicit port kept', () => {
    expect(isUpgradeOf('http://a.example/x?y=1', 'https://a.example/x?y=1')).toBe(true);
    expect(isUpgradeOf('http://a.example:8080/', 'https://a.example:8080/')).toBe(true);
  });
  it('matches nothing else', () => {
    expect(isUpgradeOf('http://a.example/x', 'https://a.example/y')).toBe(false);
    expect(isUpgradeOf('http://a.example/', 'https://b.example/')).toBe(false);
    expect(isUpgradeOf('https://a.example/', 'https://a.example/')).toBe(false);
    expect(isUpgradeOf('ws://a.example/', 'wss://a.example/')).toBe(false);
    expect(isUpgradeOf('http://a.example/', 'http://a.example/')).toBe(false);
  });
});

describe("isBrowserUpgrade: the browser's own step, not a server's redirect", () => {
  const [http, https] = ['http://a.example/', 'https://a.example/'];
  it("is Firefox's internal redirect (status 0) or a 307 no server answered (HSTS)", () => {
    expect(isBrowserUpgrade(http, https, 0, undefined)).toBe(true);
    expect(isBrowserUpgrade(http, https, 307, undefined)).toBe(true);
  });
  it("is not a server's redirect to https, which a plain request reached", () => {
    expect(isBrowserUpgrade(http, https, 301, '192.0.2.1')).toBe(false);
    expect(isBrowserUpgrade(http, https, 307, '192.0.2.1')).toBe(false);
    expect(isBrowserUpgrade(http, 'https://b.example/', 0, undefined)).toBe(false);
  });
});

const T = 1_796_000_000_000;
const request = (requestId: string, url: string, time: number) =>
  toRequest({ requestId, url, tabId: 1, type: 'main_frame', method: 'GET', timeStamp: time });
const redirect = (requestId: string, url: string, to: string, status: number, ip?: string) =>
  toRedirect({
    requestId,
    url,
    redirectUrl: to,
    statusCode: status,
    tabId: 1,
    type: 'main_frame',
    timeStamp: T + 10,
    ...(ip ? { ip } : {}),
  });

describe("a server's own redirect back to https after a downgrade", () => {
  it('stays a downgrade: the plain request did leave the browser', () => {
    const events: TabEvent[] = [
      request('1', 'https://a.example/', T),
      redirect('1', 'https://a.example/', 'http://a.example/x', 301, '192.0.2.1'),
      redirect('1', 'http://a.example/x', 'https://a.example/x', 301, '192.0.2.1'),
      {
        type: 'commit',
        url: 'https://a.example/x',
        transition: 'typed',
        qualifiers: [],
        time: T + 50,
      },
    ];
    const state = events.reduce(reduceTab, EMPTY_TAB);
    const ids = buildReport(1, state, DEFAULT_SETTINGS).findings.map((f) => f.id);
    expect(ids).toContain('downgrade-redirect');
    expect(ids).not.toContain('downgrade-prevented');
  });
});

describe("the URL a navigation set out for (Chromium's only sign of its upgrade)", () => {
  const navigate = (url: string, time: number): TabEvent => ({ type: 'navigate', url, time });
  it('makes an https request right after it the browser upgrade of that http URL', () => {
    const state = [
      navigate('http://a.example/', T),
      request('1', 'https://a.example/', T + 5),
    ].reduce(reduceTab, EMPTY_TAB);
    expect(state.nav?.hops.map((h) => h.browser)).toEqual(['upgrade']);
    expect(state.nav?.firstUrl).toBe('http://a.example/');
  });
  it('is not taken from another navigation long before (a request ahead of its own event)', () => {
    const state = [
      navigate('http://a.example/', T),
      request('1', 'https://a.example/', T + 60_000),
    ].reduce(reduceTab, EMPTY_TAB);
    expect(state.nav?.hops).toEqual([]);
    expect(state.nav?.firstUrl).toBe('https://a.example/');
  });
});

describe('a fallback page that adopts its late request', () => {
  it('counts the hops its chain cannot keep', () => {
    const url = 'http://a.example/x';
    const hops = Array.from({ length: 19 }, (_, i) => ({
      from: `https://a.example/${i}`,
      to: `https://a.example/${i + 1}`,
      status: 302,
      time: T,
    }));
    // The http page committed first, with the chain of its given-up https attempt.
    const page = { ...emptyPage(url, T + 1000), hops };
    const events: TabEvent[] = [
      request('9', 'http://a.example/a', T + 10),
      redirect('9', 'http://a.example/a', 'http://a.example/b', 302, '192.0.2.1'),
      redirect('9', 'http://a.example/b', 'http://a.example/c', 302, '192.0.2.1'),
      redirect('9', 'http://a.example/c', url, 302, '192.0.2.1'),
    ];
    const state = events.reduce(reduceTab, { ...EMPTY_TAB, page });
    expect(state.nav).toBeNull();
    expect(state.page!.hops).toHaveLength(LIMITS.hops);
    expect(state.page!.hopsDropped).toBe(19 + 3 - LIMITS.hops);
  });
});

/** The final state of a recording, replayed. */
function finalState(name: string): TabState {
  const r = recordings().find((x) => x.name === name);
  if (!r) throw new Error(`no recording ${name}`);
  return coreEvents(r).reduce(reduceTab, EMPTY_TAB);
}

describe('the chain through storage', () => {
  it('keeps the browser steps, the attempt error and the attempt id as they were', () => {
    for (const name of [
      'firefox-upgrade-link-same-site-order2',
      'chromium-upgrade-redirect-fallback-order1',
    ]) {
      const state = finalState(name);
      expect(state.page!.hops.some((h) => h.browser === 'fallback')).toBe(true);
      expect(readTabState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    }
  });

  it('drops what is not a browser step or not text, keeping the hop', () => {
    const state = finalState('chromium-upgrade-redirect-fallback-order1');
    const stored = JSON.parse(JSON.stringify(state)) as {
      page: { hops: Array<Record<string, unknown>>; fallbackFrom: unknown };
      intended: unknown;
    };
    stored.page.hops[1]!.browser = 'server';
    stored.page.hops[2]!.error = { not: 'text' };
    stored.page.fallbackFrom = 42;
    stored.intended = 'http://a.example/';
    const read = readTabState(stored);
    expect(read.page!.hops).toHaveLength(state.page!.hops.length);
    expect(read.page!.hops[1]!.browser).toBeUndefined();
    expect(read.page!.hops[2]!.error).toBeUndefined();
    expect(read.page!.fallbackFrom).toBeUndefined();
    expect(read.intended).toBeUndefined();
  });
});

describe('what a person sees of the browser steps', () => {
  const state = finalState('chromium-upgrade-redirect-fallback-order1');
  const report = buildReport(1, state, DEFAULT_SETTINGS);

  it('the popup names each step: the redirect, the upgrade, the fallback and why', () => {
    const markup = popupHtml(report);
    expect(markup).toContain('data-browser="upgrade"');
    expect(markup).toContain('data-browser="fallback"');
    expect(markup).toContain('redirected with HTTP 301');
    expect(markup).toContain('upgraded to HTTPS by the browser');
    expect(markup).toMatch(/HTTPS failed \([^)]+\): the browser fell back to HTTP/);
    expect(markup).toContain('The browser tried http://fallback.example.org/landed over HTTPS');
  });

  it('a copied report names them too', () => {
    const md = reportToMarkdown(report, t);
    expect(md).toContain('upgraded to HTTPS by the browser');
    expect(md).toMatch(/the browser fell back to HTTP/);
  });
});
