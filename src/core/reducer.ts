import type {
  CommitEvent,
  ErrorEvent,
  InspectionEvent,
  MemoryEvent,
  RedirectEvent,
  SettledEvent,
  ReferencesEvent,
  RequestEvent,
  ResponseEvent,
  SecurityEvent,
  TabEvent,
} from './events';
import { classifyNetError } from './net-error';
import {
  LIMITS,
  type FrameTls,
  type Hop,
  type Navigation,
  type OriginFacts,
  type PageFacts,
  type TabState,
} from './tab-state';
import { bound, MAX_ERROR, MAX_HEADER, MAX_URL, urlKey } from './text';
import { originOf } from './url';

// The tab model: a pure reducer from browser events to what is known about a tab. It never
// mutates its input and never throws on what a page or server sends; it only records facts.
// Findings are derived from the facts (assess.ts), so settings changes apply at once.

const INSECURE_SCHEMES = ['http:', 'ws:'];

function isInsecureUrl(url: string): boolean {
  return INSECURE_SCHEMES.some((s) => url.startsWith(s));
}

function isSecureContext(url: string | undefined): boolean {
  return url !== undefined && (url.startsWith('https:') || url.startsWith('wss:'));
}

function pushBounded<T>(list: readonly T[], item: T, max: number): { list: T[]; dropped: number } {
  return list.length < max
    ? { list: [...list, item], dropped: 0 }
    : { list: [...list], dropped: 1 };
}

function hopOf(e: RedirectEvent): Hop {
  return { from: urlKey(e.url), to: urlKey(e.redirectUrl), status: e.statusCode, time: e.time };
}

function emptyPage(url: string, time: number): PageFacts {
  return {
    url,
    committedAt: time,
    transition: '',
    qualifiers: [],
    hops: [],
    hopsDropped: 0,
    frameDowngrades: [],
    origins: [],
    originsDropped: 0,
    insecureUrls: [],
    insecureUrlsDropped: 0,
  };
}

function newNavigation(
  e: RequestEvent | RedirectEvent,
  method: string,
  initiator?: string,
): Navigation {
  const url = urlKey(e.url);
  const nav: Navigation = {
    requestId: e.requestId,
    url,
    firstUrl: url,
    method: bound(method, 16),
    hops: [],
    hopsDropped: 0,
    startedAt: e.time,
  };
  if (initiator !== undefined) nav.initiator = urlKey(initiator);
  return nav;
}

function addInsecureUrl(page: PageFacts, url: string): PageFacts {
  const key = urlKey(url);
  if (page.insecureUrls.includes(key)) return page;
  const { list, dropped } = pushBounded(page.insecureUrls, key, LIMITS.insecureUrls);
  return { ...page, insecureUrls: list, insecureUrlsDropped: page.insecureUrlsDropped + dropped };
}

function addOrigin(page: PageFacts, e: RequestEvent): PageFacts {
  const origin = originOf(e.url);
  if (origin === null) return page;
  const origins = page.origins;
  let index = -1;
  for (let i = 0; i < origins.length; i++) {
    if (origins[i]!.origin === origin) {
      index = i;
      break;
    }
  }
  if (index === -1) {
    const entry: OriginFacts = { origin, requests: 1, kinds: [e.kind] };
    const { list, dropped } = pushBounded(origins, entry, LIMITS.origins);
    return { ...page, origins: list, originsDropped: page.originsDropped + dropped };
  }
  const old = origins[index]!;
  const updated: OriginFacts = {
    origin: old.origin,
    requests: old.requests + 1,
    kinds: old.kinds.includes(e.kind) ? old.kinds : [...old.kinds, e.kind],
  };
  const next = origins.slice();
  next[index] = updated;
  // Object.assign copies this 20-field object about twice as fast as a spread does.
  return Object.assign({}, page, { origins: next });
}

function onRequest(state: TabState, e: RequestEvent): TabState {
  if (e.kind === 'main_frame') {
    // Chrome sends onBeforeRequest again, with the same requestId, for each redirect target.
    if (state.nav?.requestId === e.requestId)
      return { ...state, nav: { ...state.nav, url: urlKey(e.url) } };
    // Firefox does too; when the page committed first (adoptLateLoad), that request belongs to
    // the page shown, not to a new load that would take the response meant for the page.
    if (state.page?.requestId === e.requestId) return state;
    return { ...state, nav: newNavigation(e, e.method, e.initiator) };
  }
  if (!state.page) return state;
  let page = addOrigin(state.page, e);
  const context = e.initiator ?? state.page.url;
  if (isInsecureUrl(e.url) && isSecureContext(context)) page = addInsecureUrl(page, e.url);
  return page === state.page ? state : Object.assign({}, state, { page });
}

function onRedirect(state: TabState, e: RedirectEvent): TabState {
  if (
    e.kind === 'main_frame' &&
    state.nav?.requestId !== e.requestId &&
    state.page?.requestId === e.requestId
  ) {
    // A late redirect of the load that made the committed page (see adoptLateLoad).
    const { list, dropped } = pushBounded(state.page.hops, hopOf(e), LIMITS.hops);
    return {
      ...state,
      page: { ...state.page, hops: list, hopsDropped: state.page.hopsDropped + dropped },
    };
  }
  if (e.kind === 'main_frame') {
    const nav = state.nav?.requestId === e.requestId ? state.nav : newNavigation(e, 'GET');
    const { list, dropped } = pushBounded(nav.hops, hopOf(e), LIMITS.hops);
    return {
      ...state,
      nav: {
        ...nav,
        hops: list,
        hopsDropped: nav.hopsDropped + dropped,
        url: urlKey(e.redirectUrl),
      },
    };
  }
  if (
    e.kind === 'sub_frame' &&
    state.page &&
    isSecureContext(e.url) &&
    isInsecureUrl(e.redirectUrl)
  ) {
    const { list } = pushBounded(state.page.frameDowngrades, hopOf(e), LIMITS.frameDowngrades);
    return { ...state, page: { ...state.page, frameDowngrades: list } };
  }
  return state;
}

function responseFacts(e: ResponseEvent): Pick<PageFacts, 'ip' | 'statusCode' | 'hsts'> {
  const facts: Pick<PageFacts, 'ip' | 'statusCode' | 'hsts'> = {};
  if (e.ip !== undefined) facts.ip = bound(e.ip, 64);
  facts.statusCode = e.statusCode;
  facts.hsts = e.hsts === null ? null : bound(e.hsts, MAX_HEADER);
  return facts;
}

function onResponse(state: TabState, e: ResponseEvent): TabState {
  if (e.kind !== 'main_frame') return state;
  if (state.nav?.requestId === e.requestId) {
    return { ...state, nav: Object.assign({}, state.nav, responseFacts(e)) };
  }
  // Firefox may report the response after the page has committed.
  if (state.page?.requestId === e.requestId) {
    return { ...state, page: Object.assign({}, state.page, responseFacts(e)) };
  }
  return state;
}

/** What a top-frame request tells about the page it loads. */
function loadFacts(nav: Navigation): Partial<PageFacts> {
  // Assigned, not spread from conditional literals: a commit is a hot path.
  const facts: Partial<PageFacts> = {
    requestId: nav.requestId,
    firstUrl: nav.firstUrl,
    method: nav.method,
  };
  if (nav.initiator !== undefined) facts.initiator = nav.initiator;
  facts.hops = nav.hops;
  facts.hopsDropped = nav.hopsDropped;
  if (nav.ip !== undefined) facts.ip = nav.ip;
  if (nav.statusCode !== undefined) facts.statusCode = nav.statusCode;
  if (nav.hsts !== undefined) facts.hsts = nav.hsts;
  if (nav.tls !== undefined) facts.tls = nav.tls;
  return facts;
}

function pageFromNavigation(nav: Navigation, time: number): PageFacts {
  return Object.assign(emptyPage(nav.url, time), loadFacts(nav));
}

/**
 * Firefox can deliver a load's webRequest events after its webNavigation.onCommitted: seen every
 * time the navigation wakes a suspended event page, and for a form POST. The page then commits
 * with no request. Once the request that started before the commit reaches the committed URL,
 * its facts become the page's (later redirects and the response find it by requestId).
 */
function adoptLateLoad(state: TabState): TabState {
  const { nav, page } = state;
  if (!nav || !page || page.requestId !== undefined || page.error !== undefined) return state;
  if (nav.url !== page.url || nav.startedAt > page.committedAt) return state;
  return { ...state, nav: null, page: { ...page, ...loadFacts(nav) } };
}

/**
 * A new page keeps a running inspection (its reload is what commits the page) but not a failed
 * one: that failure was about the page being left.
 */
function ongoing(state: TabState): Pick<TabState, 'inspection'> {
  return state.inspection?.state === 'running' ? { inspection: state.inspection } : {};
}

/** Keeps the page being left, so a back/forward load of it can show its report again. */
function remember(recent: readonly PageFacts[], page: PageFacts | null): PageFacts[] {
  if (!page || page.requestId === undefined) return [...recent];
  const others = recent.filter((p) => p.url !== page.url);
  return [page, ...others].slice(0, LIMITS.recentPages);
}

/**
 * Firefox can deliver a failed load's onBeforeRequest and onErrorOccurred after it has committed
 * its error page for the URL: the commit made a page with no load, the late request became its
 * load (onCommit or adoptLateLoad), and the error finds that page by requestId. A load that got a
 * response made a page that did load: an error after that is not a failure of its connection.
 */
function onLateError(state: TabState, e: ErrorEvent): TabState {
  const page = state.page;
  if (!page || page.requestId === undefined || page.requestId !== e.requestId) return state;
  if (page.statusCode !== undefined || page.error !== undefined) return state;
  if (classifyNetError(e.error, e.url).kind === 'aborted') return state;
  return {
    ...state,
    page: { ...page, error: bound(e.error, MAX_ERROR), ...(e.ip ? { ip: bound(e.ip, 64) } : {}) },
  };
}

function onError(state: TabState, e: ErrorEvent): TabState {
  if (e.kind !== 'main_frame') return state;
  const matches = e.requestId === undefined || state.nav?.requestId === e.requestId;
  if (!matches) return onLateError(state, e);
  const cls = classifyNetError(e.error, e.url);
  if (cls.kind === 'aborted') return { ...state, nav: null };
  // Chrome never commits its error page, so the failed load becomes the tab's page now.
  // Firefox does commit it afterwards (see onCommit), which must not erase the error.
  const base = state.nav ? pageFromNavigation(state.nav, e.time) : emptyPage(urlKey(e.url), e.time);
  const page: PageFacts = {
    ...base,
    url: urlKey(e.url),
    error: bound(e.error, MAX_ERROR),
    // Who answered the failed handshake matters most when the certificate was not trusted.
    ...(e.ip ? { ip: bound(e.ip, 64) } : {}),
    ...(state.page ? { previousUrl: state.page.url } : {}),
  };
  return { nav: null, page, recent: remember(state.recent, state.page), ...ongoing(state) };
}

function onCommit(state: TabState, e: CommitEvent): TabState {
  const url = urlKey(e.url);
  const navigationFacts = {
    committedAt: e.time,
    transition: bound(e.transition, 32),
    qualifiers: e.qualifiers.slice(0, 8).map((q) => bound(q, 32)),
  };
  if (state.page?.error !== undefined && state.page.url === url && state.nav === null) {
    return { ...state, page: { ...state.page, ...navigationFacts } };
  }
  let page: PageFacts;
  if (state.nav && state.nav.url === url) {
    page = pageFromNavigation(state.nav, e.time);
  } else {
    const restored = e.qualifiers.includes('forward_back')
      ? state.recent.find((p) => p.url === url)
      : undefined;
    page = restored ?? emptyPage(url, e.time);
  }
  page = Object.assign({}, page, navigationFacts);
  if (state.page) page.previousUrl = state.page.url;
  // A load in flight to another URL is not this commit's: it goes on, and commits later. Firefox
  // can deliver a new tab's about:blank commit in the middle of the first load's redirects.
  const inFlight = state.nav && state.nav.url !== url ? state.nav : null;
  return { nav: inFlight, page, recent: remember(state.recent, state.page), ...ongoing(state) };
}

function onReferences(state: TabState, e: ReferencesEvent): TabState {
  if (!state.page || state.page.url !== urlKey(e.pageUrl) || !isSecureContext(state.page.url)) {
    return state;
  }
  let page = state.page;
  for (const url of e.urls) if (isInsecureUrl(url)) page = addInsecureUrl(page, url);
  return page === state.page ? state : { ...state, page };
}

const clamp = (url: string): string => (url.length > MAX_URL ? bound(url, MAX_URL) : url);

/**
 * Bounds every URL an event carries, once, on the way in: after this no step (URL parsing,
 * comparisons, copies) costs more for a 64 KB URL than for a short one.
 */
function clampUrls(e: TabEvent): TabEvent {
  // Nearly every event's URLs are short: no copy then.
  switch (e.type) {
    case 'request':
      if (e.url.length <= MAX_URL && (e.initiator?.length ?? 0) <= MAX_URL) return e;
      break;
    case 'redirect':
      if (e.url.length <= MAX_URL && e.redirectUrl.length <= MAX_URL) return e;
      break;
    case 'references':
    case 'inspection':
      break;
    default:
      if (e.url.length <= MAX_URL) return e;
  }
  switch (e.type) {
    case 'request':
      return e.initiator !== undefined
        ? { ...e, url: clamp(e.url), initiator: clamp(e.initiator) }
        : { ...e, url: clamp(e.url) };
    case 'redirect':
      return { ...e, url: clamp(e.url), redirectUrl: clamp(e.redirectUrl) };
    case 'references':
      return { ...e, pageUrl: clamp(e.pageUrl), urls: e.urls.map(clamp) };
    case 'inspection':
      return e;
    default:
      return { ...e, url: clamp(e.url) };
  }
}

/**
 * The TLS details reach the load by requestId (Firefox), before or after its commit; Chrome's
 * debugger has request ids of its own, so its details reach the load or page at their URL.
 */
/** A sub-frame's details join the page it is in, once per origin: its PEMs are not kept. */
function onFrameSecurity(state: TabState, e: SecurityEvent): TabState {
  const page = state.page;
  const origin = originOf(e.url);
  // The page's own origin is the page's connection, described already.
  if (!page || page.error !== undefined || origin === null || origin === originOf(page.url))
    return state;
  const frames = page.frameTls ?? [];
  if (frames.length >= LIMITS.frameTls || frames.some((f) => originOf(f.url) === origin))
    return state;
  const chain = e.tls.chain.map(({ pem: _pem, ...cert }) => cert);
  const entry: FrameTls = { url: urlKey(e.url), tls: { ...e.tls, chain } };
  return { ...state, page: { ...page, frameTls: [...frames, entry] } };
}

function onSecurity(state: TabState, e: SecurityEvent): TabState {
  if (e.kind === 'sub_frame') return onFrameSecurity(state, e);
  const { nav, page } = state;
  const id = e.requestId;
  const url = urlKey(e.url);
  const isLoad = (load: { requestId?: string; url: string }): boolean =>
    id === undefined ? load.url === url : load.requestId === id;
  if (nav && isLoad(nav)) return { ...state, nav: { ...nav, tls: e.tls } };
  // A page the browser could not load has no connection to describe.
  if (page && isLoad(page) && (id !== undefined || page.error === undefined))
    return { ...state, page: { ...page, tls: e.tls } };
  return state;
}

/** The memory's answer joins the page it was asked for (not one committed since). */
function onMemory(state: TabState, e: MemoryEvent): TabState {
  const page = state.page;
  if (!page || page.url !== urlKey(e.url)) return state;
  return { ...state, page: { ...page, remembered: e.remembered } };
}

function onSettled(state: TabState, e: SettledEvent): TabState {
  const page = state.page;
  if (!page || page.settled || page.url !== urlKey(e.url)) return state;
  return { ...state, page: { ...page, settled: true } };
}

function onInspection(state: TabState, e: InspectionEvent): TabState {
  const rest: TabState = { nav: state.nav, page: state.page, recent: state.recent };
  if (e.status === 'running') return { ...rest, inspection: { state: 'running', since: e.time } };
  if (e.status === 'failed')
    return { ...rest, inspection: { state: 'failed', reason: e.reason ?? 'timeout', at: e.time } };
  return rest;
}

export function reduceTab(state: TabState, input: TabEvent): TabState {
  const event = clampUrls(input);
  switch (event.type) {
    case 'request':
      return adoptLateLoad(onRequest(state, event));
    case 'redirect':
      return adoptLateLoad(onRedirect(state, event));
    case 'response':
      return onResponse(state, event);
    case 'error':
      return onError(state, event);
    case 'commit':
      return onCommit(state, event);
    case 'references':
      return onReferences(state, event);
    case 'security':
      return onSecurity(state, event);
    case 'inspection':
      return onInspection(state, event);
    case 'memory':
      return onMemory(state, event);
    case 'settled':
      return onSettled(state, event);
  }
}
