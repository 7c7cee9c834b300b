import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../../src/core/events';
import {
  HTTP_VERSION_NAMES,
  HTTP_VERSIONS,
  httpVersionOfProtocol,
  httpVersionOfStatusLine,
  isHttpVersion,
  type HttpVersion,
} from '../../src/core/http-version';
import { pageFallback } from '../../src/core/reducer-facts';
import { reportToJson } from '../../src/core/report-json';
import { readTabState } from '../../src/core/tab-state-read';
import { load, nextTime, report, run } from './events';

// The HTTP version a page was loaded over: Firefox's status line (webRequest), and the page's own
// navigation timing (the content script's nextHopProtocol), which wins for its own document.

const PAGE = 'https://shop.example/';

/** The content script's message for `pageUrl`, as the background makes it an event. */
function references(
  pageUrl: string,
  httpVersion?: HttpVersion,
  documentId?: string,
  urls: string[] = [],
): TabEvent {
  return {
    type: 'references',
    pageUrl,
    urls,
    time: nextTime(),
    ...(httpVersion !== undefined ? { httpVersion } : {}),
    ...(documentId !== undefined ? { documentId } : {}),
  };
}

const withDocument = (events: TabEvent[], documentId: string): TabEvent[] =>
  events.map((e) => (e.type === 'commit' ? { ...e, documentId } : e));

describe('httpVersionOfStatusLine', () => {
  it.each([
    ['HTTP/2.0 200 OK', 'h2'],
    ['HTTP/2 200', 'h2'],
    ['HTTP/3.0 200 OK', 'h3'],
    ['HTTP/3 204 No Content', 'h3'],
    ['HTTP/1.1 200 OK', 'http/1.1'],
    ['HTTP/1.0 404 Not Found', 'http/1.0'],
    ['http/2.0 200 OK', 'h2'],
    ['Http/1.1 301 Moved Permanently', 'http/1.1'],
    ['HTTP/1.1', 'http/1.1'],
    [`HTTP/1.1 200 ${'x'.repeat(1_000_000)}`, 'http/1.1'],
  ])('%s is %s', (line, version) => {
    expect(httpVersionOfStatusLine(line)).toBe(version);
  });

  it('reads nothing else', () => {
    for (const line of [
      '',
      ' HTTP/1.1 200 OK',
      'HTTP/2.1 200 OK',
      'HTTP/0.9 200',
      'HTTP/1.12 200',
      'HTTP/1.1\t200',
      'HTTP/11 200',
      'h2 200',
      'SPDY/3.1 200',
      'ICY 200 OK',
      '__proto__',
      'constructor 200',
      `HTTP/2.0${'0'.repeat(1_000_000)} 200`,
      'x'.repeat(1_000_000),
      'HTTP/２ 200',
    ]) {
      expect(httpVersionOfStatusLine(line), line.slice(0, 30)).toBeUndefined();
    }
    for (const value of [undefined, null, 2, {}, ['HTTP/2 200']]) {
      expect(httpVersionOfStatusLine(value)).toBeUndefined();
    }
  });
});

describe('httpVersionOfProtocol', () => {
  it.each([
    ['h3', 'h3'],
    ['h2', 'h2'],
    ['http/1.1', 'http/1.1'],
    ['http/1.0', 'http/1.0'],
    ['H2', 'h2'],
    ['HTTP/1.1', 'http/1.1'],
    [' h3 ', 'h3'],
  ])('%s is %s', (token, version) => {
    expect(httpVersionOfProtocol(token)).toBe(version);
  });

  it('reads nothing else: unknown, drafts, other protocols, long or odd values', () => {
    for (const token of [
      '',
      'http/0.9',
      'h2c',
      'h3-29',
      'hq-interop',
      'spdy/3.1',
      'quic',
      'HTTP/2',
      'h2\u0000',
      'toString',
      '__proto__',
      `h2${' '.repeat(100)}`,
      'h'.repeat(1_000_000),
    ]) {
      expect(httpVersionOfProtocol(token), token.slice(0, 30)).toBeUndefined();
    }
    for (const value of [undefined, null, 2, { toString: () => 'h2' }, ['h2']]) {
      expect(httpVersionOfProtocol(value)).toBeUndefined();
    }
  });

  it('each version has the name people read, which the status line reads back', () => {
    expect(HTTP_VERSIONS.map((v) => HTTP_VERSION_NAMES[v])).toEqual([
      'HTTP/3',
      'HTTP/2',
      'HTTP/1.1',
      'HTTP/1.0',
    ]);
    for (const v of HTTP_VERSIONS) expect(httpVersionOfStatusLine(HTTP_VERSION_NAMES[v])).toBe(v);
  });

  it('isHttpVersion accepts the four versions only', () => {
    expect(['h3', 'h2', 'http/1.1', 'http/1.0'].every(isHttpVersion)).toBe(true);
    for (const value of ['H2', 'http/2', '', null, 2]) expect(isHttpVersion(value)).toBe(false);
  });
});

describe("the page's HTTP version", () => {
  it("comes from the response's status line (Firefox), through the load to the report", () => {
    const r = report(load({ chain: ['http://shop.example/', PAGE], httpVersion: 'h2' }));
    expect(r.connection?.httpVersion).toBe('h2');
    expect(JSON.parse(reportToJson(r))).toMatchObject({ connection: { httpVersion: 'h2' } });
  });

  it('is absent where neither the browser nor the page says', () => {
    const r = report(load({ chain: [PAGE] }));
    expect(r.connection).not.toHaveProperty('httpVersion');
    expect(JSON.parse(reportToJson(r)).connection).not.toHaveProperty('httpVersion');
  });

  it("comes from the content script's report, which wins over the status line", () => {
    const loaded = load({ chain: [PAGE], httpVersion: 'http/1.1' });
    expect(run([...loaded, references(PAGE, 'h3')]).page?.httpVersion).toBe('h3');
    // Chrome: no version from the status line, the page's own only.
    expect(report([...load({ chain: [PAGE] }), references(PAGE, 'h2')]).connection).toMatchObject({
      httpVersion: 'h2',
    });
    // Sent with the page's insecure references, both are taken.
    const both = run([...loaded, references(PAGE, 'h2', undefined, ['http://cdn.example/a.js'])]);
    expect(both.page).toMatchObject({
      httpVersion: 'h2',
      insecureUrls: ['http://cdn.example/a.js'],
    });
  });

  it("keeps the content script's word when Firefox delivers the load's events after it", () => {
    // Firefox waking its event page: the commit, the page's message, then the load's events.
    const [request, response, commit] = load({ chain: [PAGE], httpVersion: 'http/1.1' });
    const state = run([commit!, references(PAGE, 'h2'), request!, response!]);
    expect(state.page).toMatchObject({ httpVersion: 'h2', statusCode: 200 });
    expect(state.page?.requestId).toBe((request as { requestId: string }).requestId);
  });

  it('an unchanged report changes nothing; a message with no version keeps the one known', () => {
    const state = run([...load({ chain: [PAGE], httpVersion: 'h2' }), references(PAGE, 'h2')]);
    expect(run([references(PAGE, 'h2')], state)).toBe(state);
    expect(run([references(PAGE)], state)).toBe(state);
  });

  it("ignores another document's report: Chrome by its id, Firefox by its URL", () => {
    const chrome = withDocument(load({ chain: [PAGE], httpVersion: 'h2' }), 'DOC1');
    expect(run([...chrome, references(PAGE, 'http/1.1', 'DOC0')]).page?.httpVersion).toBe('h2');
    expect(run([...chrome, references(PAGE, 'http/1.1', 'DOC1')]).page?.httpVersion).toBe(
      'http/1.1',
    );
    // A late message of the page before, at its own URL.
    const firefox = load({ chain: [PAGE], httpVersion: 'h2' });
    expect(run([...firefox, references('https://before.example/', 'h3')]).page?.httpVersion).toBe(
      'h2',
    );
  });

  it('a version the event should not carry is ignored', () => {
    const state = run(load({ chain: [PAGE] }));
    const odd = { ...references(PAGE), httpVersion: 'h9' } as unknown as TabEvent;
    expect(run([odd], state)).toBe(state);
  });

  it("is not carried to the next page, nor taken from a given-up https attempt's response", () => {
    const first = run([...load({ chain: [PAGE], httpVersion: 'h3' }), references(PAGE, 'h3')]);
    expect(run(load({ chain: ['https://next.example/'] }), first).page).not.toHaveProperty(
      'httpVersion',
    );
    const page = { ...first.page!, httpVersion: 'h2' as const };
    const hop = { from: 'http://shop.example/', to: PAGE, status: 0, time: 1 };
    expect(pageFallback(page, hop, 2)).not.toHaveProperty('httpVersion');
  });

  it('is read back from storage, and a corrupt one is dropped, keeping the rest', () => {
    const request = load({ chain: [PAGE], httpVersion: 'h2' }).slice(0, 2);
    const inFlight = run(request);
    expect(inFlight.nav?.httpVersion).toBe('h2');
    const page = run([...load({ chain: [PAGE], httpVersion: 'h2' }), references(PAGE, 'h3')]);
    for (const state of [inFlight, page, run(load({ chain: [PAGE] }))]) {
      expect(readTabState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    }
    for (const bad of ['H2', 'h4', 'HTTP/2.0', '', 2, null, {}, 'h2'.repeat(1000)]) {
      const stored = JSON.parse(JSON.stringify(page)) as { page: Record<string, unknown> };
      stored.page.httpVersion = bad;
      const back = readTabState(stored);
      expect(back.page).not.toHaveProperty('httpVersion');
      expect(back.page).toEqual({ ...page.page, httpVersion: undefined });
    }
  });
});
