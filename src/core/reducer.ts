import type {
  CommitEvent,
  ErrorEvent,
  InspectionEvent,
  MemoryEvent,
  NavigateEvent,
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
import {
  committedBeforeAttempt,
  fallbackHop,
  isBrowserUpgrade,
  isUpgradeOf,
  pendingUpgrade,
  upgradeHop,
} from './upgrade';
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
  const hop: Hop = {
    from: urlKey(e.url),
    to: urlKey(e.redirectUrl),
    status: e.statusCode,
    time: e.time,
  };
  if (isBrowserUpgrade(hop.from, hop.to, e.statusCode, e.ip)) hop.browser = 'upgrade';
  return hop;
}

function withHop<T extends { hops: Hop[]; hopsDropped: number }>(load: T, hop: Hop): T {
  const { list, dropped } = pushBounded(load.hops, hop, LIMITS.hops);
  return { ...load, hops: list, hopsDropped: load.hopsDropped + dropped };
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
  intended?: string,
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
  // Chromium asks for the https URL straight away when it upgrades a navigation: only the URL
  // the navigation set out for says that the page (or the person) asked for http.
  if (intended !== undefined && isUpgradeOf(intended, url)) {
    nav.firstUrl = intended;
    nav.hops = [upgradeHop(intended, url, e.time)];
  }
  return nav;
}

/**
 * The browser gave up its https attempt and requests the http URL again, under a new request id:
 * the same navigation goes on, its chain kept, nothing of the failed attempt's connection kept.
 */
function fallbackNavigation(nav: Navigation, attempt: Hop, e: RequestEvent): Navigation {
  const next: Navigation = {
    requestId: e.requestId,
    url: attempt.from,
    firstUrl: nav.firstUrl,
    method: bound(e.method, 16),
    hops: nav.hops,
    hopsDropped: nav.hopsDropped,
    startedAt: nav.startedAt,
    fallbackFrom: nav.requestId,
  };
  const initiator = nav.initiator ?? e.initiator;
  if (initiator !== undefined) next.initiator = urlKey(initiator);
  return withHop(next, fallbackHop(attempt, e.time, nav.attemptError));
}

/**
 * The page of a given-up https attempt: its chain and the fallback hop, nothing of the attempt's
 * connection (no request id, address, status, header or TLS: none of them is the page's).
 */
function pageFallback(page: PageFacts, attempt: Hop, time: number, error?: string): PageFacts {
  const out = withHop(page, fallbackHop(attempt, time, error));
  if (page.requestId !== undefined) out.fallbackFrom = page.requestId;
  delete out.requestId;
  delete out.ip;
  delete out.statusCode;
  delete out.hsts;
  delete out.tls;
  return out;
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

function onMainRequest(state: TabState, e: RequestEvent): TabState {
  const { nav, page } = state;
  const url = urlKey(e.url);
  if (nav?.requestId === e.requestId) {
    // Chromium upgrades a redirect's http target by asking for it over https, with no redirect
    // event: the request comes again, same id, at the https URL.
    if (isUpgradeOf(nav.url, url))
      return { ...state, nav: withHop({ ...nav, url }, upgradeHop(nav.url, url, e.time)) };
    // Chrome sends onBeforeRequest again, with the same requestId, for each redirect target.
    return { ...state, nav: { ...nav, url } };
  }
  const attempt = nav ? pendingUpgrade(nav.hops, nav.url) : undefined;
  if (nav && attempt && attempt.from === url) {
    return { ...state, nav: fallbackNavigation(nav, attempt, e) };
  }
  // Firefox does too; when the page committed first (adoptLateLoad), that request belongs to
  // the page shown, not to a new load that would take the response meant for the page.
  if (page?.requestId === e.requestId) return state;
  // The page committed before its load's events, and that load was an https attempt now given
  // up: this request is the fallback that loads the page shown.
  const lateAttempt =
    page?.requestId !== undefined ? committedBeforeAttempt(page.hops, page.url) : undefined;
  if (page && lateAttempt && page.url === url) {
    return {
      ...state,
      page: { ...pageFallback(page, lateAttempt, e.time), requestId: e.requestId },
    };
  }
  return { ...state, nav: newNavigation(e, e.method, e.initiator, state.intended?.url) };
}

function onRequest(state: TabState, e: RequestEvent): TabState {
  if (e.kind === 'main_frame') return onMainRequest(state, e);
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
    return { ...state, page: withHop(state.page, hopOf(e)) };
  }
  if (e.kind === 'main_frame') {
    const nav = state.nav?.requestId === e.requestId ? state.nav : newNavigation(e, 'GET');
    return { ...state, nav: { ...withHop(nav, hopOf(e)), url: urlKey(e.redirectUrl) } };
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
  // Firefox may report the response after the page has committed (not the response of an https
  // attempt for a page that fell back to http: that one is at another URL).
  if (state.page?.requestId === e.requestId && state.page.url === urlKey(e.url)) {
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
  if (nav.fallbackFrom !== undefined) facts.fallbackFrom = nav.fallbackFrom;
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
  const facts = loadFacts(nav);
  // A page made from a given-up https attempt (onCommit) keeps that chain: the request adopted
  // now is only its fallback.
  if (page.hops.length > 0) {
    facts.firstUrl = page.firstUrl ?? nav.firstUrl;
    facts.hops = [...page.hops, ...nav.hops].slice(0, LIMITS.hops);
    facts.hopsDropped = page.hopsDropped + nav.hopsDropped;
    if (page.initiator !== undefined) facts.initiator = page.initiator;
    if (page.fallbackFrom !== undefined) facts.fallbackFrom ??= page.fallbackFrom;
  }
  return { ...state, nav: null, page: { ...page, ...facts } };
}

/**
 * What a new page keeps of the tab: the navigation's intended URL, and a running inspection (its
 * reload is what commits the page) but not a failed one: that failure was about the page left.
 */
function kept(state: TabState): Pick<TabState, 'inspection' | 'intended'> {
  const out: Pick<TabState, 'inspection' | 'intended'> = {};
  if (state.intended) out.intended = state.intended;
  if (state.inspection?.state === 'running') out.inspection = state.inspection;
  return out;
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
  // The browser's https attempt failed after the http page it fell back to had committed: a
  // fallback, never an error of the page shown.
  const attempt = committedBeforeAttempt(page.hops, page.url);
  if (attempt) {
    const error = bound(e.error, MAX_ERROR);
    return { ...state, page: pageFallback(page, attempt, e.time, error) };
  }
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
  // The browser's own https attempt failed: it falls back to http next (a new request), or
  // shows its own warning. Either way this is not the site's connection failing.
  if (state.nav && pendingUpgrade(state.nav.hops, state.nav.url)) {
    return { ...state, nav: { ...state.nav, attemptError: bound(e.error, MAX_ERROR) } };
  }
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
  return { ...kept(state), nav: null, page, recent: remember(state.recent, state.page) };
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
  const attempt = state.nav ? pendingUpgrade(state.nav.hops, state.nav.url) : undefined;
  const fellBack = attempt !== undefined && attempt.from === url;
  if (state.nav && state.nav.url === url) {
    page = pageFromNavigation(state.nav, e.time);
  } else if (state.nav && attempt && fellBack) {
    // Firefox committed the http fallback before its request's events: the attempt is over.
    page = pageFallback(
      pageFromNavigation(state.nav, e.time),
      attempt,
      e.time,
      state.nav.attemptError,
    );
    page.url = url;
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
  const inFlight = state.nav && state.nav.url !== url && !fellBack ? state.nav : null;
  return { ...kept(state), nav: inFlight, page, recent: remember(state.recent, state.page) };
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
  // A plain page never gets TLS details, whatever order the browser's events come in (those of
  // an https attempt the browser gave up can arrive after the http page committed).
  const isLoad = (load: { requestId?: string; url: string }): boolean =>
    isSecureContext(load.url) && (id === undefined ? load.url === url : load.requestId === id);
  if (nav && isLoad(nav)) return { ...state, nav: { ...nav, tls: e.tls } };
  // A page the browser could not load has no connection to describe.
  if (page && isLoad(page) && (id !== undefined || page.error === undefined))
    return { ...state, page: { ...page, tls: e.tls } };
  return state;
}

function onNavigate(state: TabState, e: NavigateEvent): TabState {
  return { ...state, intended: { url: urlKey(e.url), time: e.time } };
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
  if (state.intended) rest.intended = state.intended;
  if (e.status === 'running') return { ...rest, inspection: { state: 'running', since: e.time } };
  if (e.status === 'failed')
    return { ...rest, inspection: { state: 'failed', reason: e.reason ?? 'timeout', at: e.time } };
  return rest;
}

/**
 * An event of a top-frame request the browser gave up for its fallback (see fallbackFrom):
 * Firefox can deliver them after the fallback's own, even after its commit.
 */
function ofGivenUpAttempt(state: TabState, e: TabEvent): boolean {
  if (!('requestId' in e) || e.requestId === undefined) return false;
  if (e.type === 'security' ? e.kind === 'sub_frame' : e.kind !== 'main_frame') return false;
  return e.requestId === state.nav?.fallbackFrom || e.requestId === state.page?.fallbackFrom;
}

export function reduceTab(state: TabState, input: TabEvent): TabState {
  const event = clampUrls(input);
  if (ofGivenUpAttempt(state, event)) return state;
  switch (event.type) {
    case 'navigate':
      return onNavigate(state, event);
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
