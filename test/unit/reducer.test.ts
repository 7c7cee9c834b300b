import { describe, expect, it } from 'vitest';
import {
  toCommit,
  toError,
  toRedirect,
  toRequest,
  toResponse,
} from '../../src/background/to-events';
import type { TabEvent } from '../../src/core/events';
import { reduceTab } from '../../src/core/reducer';
import { EMPTY_TAB } from '../../src/core/tab-state';
import { ids_, report as reportOf } from './events';

// Event sequences recorded in the lab scenarios (test/lab/scenarios.ts) from Chromium 156 and
// Firefox ESR 153, in the order the listeners received them, passed through the background's own
// adapters. Each one once made Portwatch show the wrong thing.

const ids = (events: TabEvent[]) => ids_(reportOf(events));

describe('Firefox: a form POST from https to http (scenario form-post-to-http)', () => {
  const T = 1_795_433_493_000;
  // Firefox delivered onCommitted of the form's target before onBeforeRequest of the POST that
  // loaded it, although the request's timeStamp is earlier than the commit's.
  const formPage: TabEvent[] = [
    toRequest({
      requestId: '51',
      url: 'https://form.test/',
      tabId: 45,
      type: 'main_frame',
      method: 'GET',
      timeStamp: T + 100,
    }),
    toResponse({
      requestId: '51',
      url: 'https://form.test/',
      tabId: 45,
      type: 'main_frame',
      method: 'GET',
      statusCode: 200,
      ip: '127.0.0.1',
      timeStamp: T + 130,
      fromCache: false,
      responseHeaders: [{ name: 'content-type', value: 'text/html; charset=utf-8' }],
    }),
    toCommit({
      tabId: 45,
      frameId: 0,
      url: 'https://form.test/',
      transitionType: 'link',
      transitionQualifiers: [],
      timeStamp: T + 150,
    }),
    toRequest({
      requestId: '52',
      url: 'https://form.test/favicon.ico',
      tabId: 45,
      type: 'image',
      method: 'GET',
      originUrl: 'https://form.test/',
      documentUrl: 'https://form.test/',
      timeStamp: T + 200,
    }),
  ];
  const commitOfPost = toCommit({
    tabId: 45,
    frameId: 0,
    url: 'http://form.test/submitted',
    transitionType: 'form_submit',
    transitionQualifiers: [],
    timeStamp: T + 992,
  });
  const post = toRequest({
    requestId: '53',
    url: 'http://form.test/submitted',
    tabId: 45,
    type: 'main_frame',
    method: 'POST',
    originUrl: 'https://form.test/',
    timeStamp: T + 954,
  });
  const responseToPost = toResponse({
    requestId: '53',
    url: 'http://form.test/submitted',
    tabId: 45,
    type: 'main_frame',
    method: 'POST',
    originUrl: 'https://form.test/',
    statusCode: 200,
    ip: '127.0.0.1',
    timeStamp: T + 1000,
    fromCache: false,
    responseHeaders: [],
  });

  it('is an insecure form, not a downgrade navigation, when the commit comes first', () => {
    const r = reportOf([...formPage, commitOfPost, post, responseToPost]);
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([
      ['insecure-form', 'danger'],
      ['insecure-page', 'warning'],
    ]);
    expect(r.findings[0]!.evidence).toMatchObject({
      from: 'https://form.test/',
      to: 'http://form.test/submitted',
    });
    // The late request and its response still describe the page shown.
    expect(r.connection).toMatchObject({ ip: '127.0.0.1', statusCode: 200, observed: 'network' });
  });

  it('reads the same in the usual order (request, response, commit)', () => {
    expect(ids([...formPage, post, responseToPost, commitOfPost])).toEqual([
      'insecure-form',
      'insecure-page',
    ]);
  });

  it('takes a later request for the same URL as a new load, not as the one already shown', () => {
    // A reload after the page committed: its request starts after the commit.
    const reload = { ...post, requestId: '60', method: 'GET', time: T + 5000 };
    const state = [...formPage, commitOfPost, reload].reduce(reduceTab, EMPTY_TAB);
    expect(state.page?.requestId).toBeUndefined();
    expect(state.nav).toMatchObject({ requestId: '60', method: 'GET' });
  });
});

describe("the page's own origin is judged once (scenario plaintext-on-443)", () => {
  it('raises one plaintext-on-443 when the page also fetches its favicon (Chromium)', () => {
    const T = 1_795_433_000_000;
    const events: TabEvent[] = [
      toRequest({
        requestId: '35',
        url: 'http://plain443.test:443/',
        tabId: 3,
        type: 'main_frame',
        method: 'GET',
        timeStamp: T,
      }),
      toResponse({
        requestId: '35',
        url: 'http://plain443.test:443/',
        tabId: 3,
        type: 'main_frame',
        method: 'GET',
        statusCode: 200,
        ip: '127.0.0.1',
        timeStamp: T + 10,
        fromCache: false,
        responseHeaders: [],
      }),
      toCommit({
        tabId: 3,
        frameId: 0,
        url: 'http://plain443.test:443/',
        transitionType: 'typed',
        transitionQualifiers: [],
        timeStamp: T + 20,
      }),
      toRequest({
        requestId: '36',
        url: 'http://plain443.test:443/favicon.ico',
        tabId: 3,
        type: 'image',
        method: 'GET',
        initiator: 'http://plain443.test:443',
        timeStamp: T + 30,
      }),
    ];
    expect(ids(events)).toEqual(['plaintext-on-443', 'insecure-page']);
  });

  it('raises one nonstandard-port for a page on 8443 with a same-origin frame', () => {
    const T = 1_795_433_100_000;
    const events: TabEvent[] = [
      toRequest({
        requestId: '1',
        url: 'https://port8443.test:8443/',
        tabId: 3,
        type: 'main_frame',
        method: 'GET',
        timeStamp: T,
      }),
      toCommit({
        tabId: 3,
        frameId: 0,
        url: 'https://port8443.test:8443/',
        transitionType: 'typed',
        transitionQualifiers: [],
        timeStamp: T + 20,
      }),
      toRequest({
        requestId: '2',
        url: 'https://port8443.test:8443/frame',
        tabId: 3,
        type: 'sub_frame',
        method: 'GET',
        initiator: 'https://port8443.test:8443',
        timeStamp: T + 30,
      }),
      // A frame from another origin on 8443 is still its own finding.
      toRequest({
        requestId: '3',
        url: 'https://other.test:8443/frame',
        tabId: 3,
        type: 'sub_frame',
        method: 'GET',
        initiator: 'https://port8443.test:8443',
        timeStamp: T + 40,
      }),
    ];
    const found = reportOf(events).findings.filter((f) => f.id === 'nonstandard-port');
    expect(found.map((f) => [f.evidence.where, f.evidence.url])).toEqual([
      ['page', 'https://port8443.test:8443/'],
      ['frame', 'https://other.test:8443/'],
    ]);
  });
});

describe('a certificate from an unknown CA (scenario tls-untrusted-certificate)', () => {
  const T = 1_795_433_200_000;
  const url = 'https://untrusted.test/';
  const request = toRequest({
    requestId: '16',
    url,
    tabId: 17,
    type: 'main_frame',
    method: 'GET',
    timeStamp: T,
  });

  it('keeps the address Firefox names in the error, then its commit of the error page', () => {
    const r = reportOf([
      request,
      toError({
        requestId: '16',
        url,
        tabId: 17,
        type: 'main_frame',
        method: 'GET',
        error: 'Peer’s Certificate issuer is not recognized.',
        ip: '127.0.0.1',
        fromCache: false,
        timeStamp: T + 20,
      }),
      toCommit({
        tabId: 17,
        frameId: 0,
        url,
        transitionType: 'link',
        transitionQualifiers: [],
        timeStamp: T + 40,
      }),
    ]);
    expect(r.findings.map((f) => f.id)).toEqual(['connection-error']);
    expect(r.connection).toMatchObject({
      ip: '127.0.0.1',
      ipFamily: 'IPv4',
      errorClass: { kind: 'tls', reason: 'untrusted' },
    });
    expect(r.connection?.statusCode).toBeUndefined();
  });

  it('has no address when Chromium gives none', () => {
    const r = reportOf([
      request,
      toError({
        requestId: '16',
        url,
        tabId: 17,
        type: 'main_frame',
        method: 'GET',
        error: 'net::ERR_CERT_AUTHORITY_INVALID',
        fromCache: false,
        timeStamp: T + 20,
      }),
    ]);
    expect(r.connection?.ip).toBeUndefined();
    expect(r.connection?.errorClass).toEqual({ kind: 'tls', reason: 'untrusted' });
  });
});

describe('Firefox: an https→http redirect that wakes the suspended event page', () => {
  const T = 1_795_440_000_000;
  // Seen every time in test/e2e/restart.test.ts: the commit (and completion) of the landing page
  // arrive first, then the request events of the load, the redirect after the second request.
  const woken: TabEvent[] = [
    toCommit({
      tabId: 3,
      frameId: 0,
      url: 'http://plain.test/landing',
      transitionType: 'link',
      transitionQualifiers: [],
      timeStamp: T + 40,
    }),
    toRequest({
      requestId: '9',
      url: 'https://secure.test/to-plain',
      tabId: 3,
      type: 'main_frame',
      method: 'GET',
      timeStamp: T,
    }),
    toRequest({
      requestId: '9',
      url: 'http://plain.test/landing',
      tabId: 3,
      type: 'main_frame',
      method: 'GET',
      timeStamp: T + 20,
    }),
    toRedirect({
      requestId: '9',
      url: 'https://secure.test/to-plain',
      redirectUrl: 'http://plain.test/landing',
      statusCode: 302,
      ip: '127.0.0.1',
      tabId: 3,
      type: 'main_frame',
      timeStamp: T + 10,
    }),
    toResponse({
      requestId: '9',
      url: 'http://plain.test/landing',
      statusCode: 200,
      ip: '127.0.0.1',
      tabId: 3,
      type: 'main_frame',
      timeStamp: T + 30,
      fromCache: false,
      responseHeaders: [],
    }),
  ];

  it('records the redirect chain, IP and status on the page committed first', () => {
    const r = reportOf(woken);
    expect(r.findings.map((f) => f.id)).toEqual(['downgrade-redirect', 'insecure-page']);
    expect(r.findings[0]!.evidence).toMatchObject({
      hop: 1,
      status: 302,
      from: 'https://secure.test/to-plain',
    });
    expect(r.connection).toMatchObject({ ip: '127.0.0.1', statusCode: 200, observed: 'network' });
  });

  it('does not adopt a request that started after the commit', () => {
    const later = toRequest({
      requestId: '10',
      url: 'http://plain.test/landing',
      tabId: 3,
      type: 'main_frame',
      method: 'GET',
      timeStamp: T + 500,
    });
    const state = [...woken, later].reduce(reduceTab, EMPTY_TAB);
    expect(state.page?.requestId).toBe('9');
    expect(state.nav?.requestId).toBe('10');
  });
});

describe('Firefox: a 301 from https to http, the commit delivered early (scenario redirect-301)', () => {
  const T = 1_795_435_468_800;
  const base = { tabId: 25, type: 'main_frame', method: 'GET', requestId: '23' };
  // Firefox sends onBeforeRequest again, same requestId, for the redirect's target.
  const request = toRequest({ ...base, url: 'https://redirect.test/301', timeStamp: T });
  const redirect = toRedirect({
    ...base,
    url: 'https://redirect.test/301',
    redirectUrl: 'http://redirect.test/landed-301',
    statusCode: 301,
    ip: '127.0.0.1',
    fromCache: false,
    timeStamp: T + 12,
  });
  const again = toRequest({ ...base, url: 'http://redirect.test/landed-301', timeStamp: T + 13 });
  const response = toResponse({
    ...base,
    url: 'http://redirect.test/landed-301',
    statusCode: 200,
    ip: '127.0.0.1',
    fromCache: false,
    responseHeaders: [],
    timeStamp: T + 30,
  });
  const commit = toCommit({
    tabId: 25,
    frameId: 0,
    url: 'http://redirect.test/landed-301',
    transitionType: 'link',
    transitionQualifiers: ['server_redirect'],
    timeStamp: T + 43,
  });

  it.each([
    ['in order', [request, redirect, again, response, commit]],
    ['commit first', [commit, request, redirect, again, response]],
    ['commit after the redirect', [request, redirect, commit, again, response]],
    ['commit before the response', [request, redirect, again, commit, response]],
  ])('shows the downgrade, the hop and the address: %s', (_, events) => {
    const r = reportOf(events);
    expect(r.findings.map((f) => f.id)).toEqual(['downgrade-redirect', 'insecure-page']);
    expect(r.connection).toMatchObject({ ip: '127.0.0.1', statusCode: 200 });
    expect(r.connection?.redirects).toHaveLength(1);
  });
});

describe('Firefox: a failed handshake whose request events come after the error page commits', () => {
  const T = 1_796_017_721_385;
  // Recorded in scenario tls-handshake-dropped (1 run in 4 to 6): webNavigation's error and
  // the commit of Firefox's error page for the https URL arrived first, then onBeforeRequest and
  // onErrorOccurred of the load, although their timeStamps are earlier than the commit's. The
  // late request was taken as the committed page's load and its error was dropped: the popup
  // said `secure`, with no error and no address. tls-untrusted-certificate failed the same way.
  const tab = { tabId: 15, type: 'main_frame', method: 'GET', requestId: '15' };
  const blank: TabEvent[] = [
    toCommit({
      tabId: 15,
      frameId: 0,
      url: 'about:blank',
      transitionType: 'link',
      transitionQualifiers: [],
      timeStamp: T + 3,
    }),
    { type: 'settled', url: 'about:blank', time: T + 8 },
  ];
  const recorded = (url: string, error: string): TabEvent[] => [
    ...blank,
    // webNavigation.onErrorOccurred ("Error code 2152398868"): the background's `settled`.
    { type: 'settled', url, time: T + 108 },
    toCommit({
      tabId: 15,
      frameId: 0,
      url,
      transitionType: 'link',
      transitionQualifiers: [],
      timeStamp: T + 119,
    }),
    toRequest({ ...tab, url, timeStamp: T + 82 }),
    toError({ ...tab, url, error, ip: '127.0.0.1', fromCache: false, timeStamp: T + 101 }),
  ];

  it.each([
    ['https://dropped.test/', 'NS_ERROR_NET_RESET', 'handshake'],
    ['https://untrusted.test/', 'Peer’s Certificate issuer is not recognized.', 'untrusted'],
  ])('keeps the error of %s (%s)', (url, error, reason) => {
    const r = reportOf(recorded(url, error));
    expect(r.verdict).toBe('danger');
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([['connection-error', 'danger']]);
    expect(r.connection).toMatchObject({
      ip: '127.0.0.1',
      error,
      errorClass: { kind: 'tls', reason },
    });
  });

  it('keeps the error when only the error comes after the commit', () => {
    const url = 'https://dropped.test/';
    const [request, error] = recorded(url, 'NS_ERROR_NET_RESET').slice(-2);
    const commit = recorded(url, 'NS_ERROR_NET_RESET').at(-3)!;
    expect(ids([...blank, request!, commit, error!])).toEqual(['connection-error']);
  });

  it('does not take an error after a response as the failure of a page that loaded', () => {
    const url = 'https://secure.test/';
    const response = toResponse({
      ...tab,
      url,
      statusCode: 200,
      ip: '127.0.0.1',
      fromCache: false,
      responseHeaders: [],
      timeStamp: T + 95,
    });
    const events = recorded(url, 'NS_ERROR_NET_INTERRUPT');
    events.splice(-1, 0, response);
    const r = reportOf(events);
    expect(r.findings.map((f) => f.id)).not.toContain('connection-error');
    expect(r.connection?.error).toBeUndefined();
  });

  it('ignores a late abort of the committed load', () => {
    const url = 'https://dropped.test/';
    const r = reportOf(recorded(url, 'NS_BINDING_ABORTED'));
    expect(r.connection?.error).toBeUndefined();
  });
});

describe("Firefox: a new tab's about:blank commit arriving among the first load's redirects", () => {
  // Seen in scenario redirect-chain (1 run in 6): the load's first redirect, then the commit of
  // the tab's initial about:blank, then the rest. Dropping the load in flight at that commit
  // lost its first hop: the popup named hop 1 of 1 instead of hop 2 of 2.
  const T = 1_796_020_000_000;
  const tab = { tabId: 9, type: 'main_frame', method: 'GET', requestId: '31', frameId: 0 };
  const commit = (url: string, timeStamp: number) =>
    toCommit({
      tabId: 9,
      frameId: 0,
      url,
      transitionType: 'typed',
      transitionQualifiers: [],
      timeStamp,
    });
  const events: TabEvent[] = [
    toRequest({ ...tab, url: 'https://chain.test/start', timeStamp: T + 1 }),
    toRedirect({
      ...tab,
      url: 'https://chain.test/start',
      redirectUrl: 'https://chain.test/middle',
      statusCode: 302,
      ip: '127.0.0.1',
      fromCache: false,
      timeStamp: T + 5,
    }),
    commit('about:blank', T),
    toRequest({ ...tab, url: 'https://chain.test/middle', timeStamp: T + 6 }),
    toRedirect({
      ...tab,
      url: 'https://chain.test/middle',
      redirectUrl: 'http://chain-end.test/end',
      statusCode: 302,
      ip: '127.0.0.1',
      fromCache: false,
      timeStamp: T + 9,
    }),
    toRequest({ ...tab, url: 'http://chain-end.test/end', timeStamp: T + 10 }),
    commit('http://chain-end.test/end', T + 20),
  ];

  it('keeps the load and both its hops', () => {
    const r = reportOf(events);
    expect(r.connection?.redirects.map((h) => h.to)).toEqual([
      'https://chain.test/middle',
      'http://chain-end.test/end',
    ]);
    expect(r.findings.find((f) => f.id === 'downgrade-redirect')?.evidence.hop).toBe(2);
  });
});
