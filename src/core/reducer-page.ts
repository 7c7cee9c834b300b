import type {
  CommitEvent,
  HistoryStateEvent,
  MemoryEvent,
  OriginIpEvent,
  ReferencesEvent,
  RequestEvent,
  SecurityEvent,
  SettledEvent,
} from './events';
import {
  addInsecureUrl,
  addOrigin,
  emptyPage,
  keepForBackForward,
  kept,
  pageFallback,
  pageFromNavigation,
} from './reducer-facts';
import { frameCert } from './cert/frame-cert';
import { isHttpVersion } from './http-version';
import { ipLiteral } from './ip';
import { LIMITS, MAX_DOCUMENT_ID, type FrameTls, type PageFacts, type TabState } from './tab-state';
import { bound, urlKey } from './text';
import { pendingUpgrade } from './upgrade';
import { isPlainUrl, isSecureUrl, originOf } from './url';

// The document committed in the top frame and what is learnt about it while it is shown: its
// subresources, the content script's references, TLS details, the host's memory, the load's end.

export function onCommit(state: TabState, e: CommitEvent): TabState {
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
  // A document of its own: one restored for back/forward is a new document too.
  delete page.documentId;
  if (e.documentId !== undefined) page.documentId = bound(e.documentId, MAX_DOCUMENT_ID);
  // A load in flight to another URL is not this commit's: it goes on, and commits later. Firefox
  // can deliver a new tab's about:blank commit in the middle of the first load's redirects.
  const inFlight = state.nav && state.nav.url !== url && !fellBack ? state.nav : null;
  return {
    ...kept(state),
    nav: inFlight,
    page,
    recent: keepForBackForward(state.recent, state.page),
  };
}

/** A subresource or frame request of the page shown: another origin, maybe an insecure URL. */
export function onSubresource(state: TabState, e: RequestEvent): TabState {
  if (!state.page) return state;
  let page = addOrigin(state.page, e);
  const context = e.initiator ?? state.page.url;
  if (isPlainUrl(e.url) && isSecureUrl(context)) page = addInsecureUrl(page, e.url);
  return page === state.page ? state : Object.assign({}, state, { page });
}

/**
 * The content script's references join the page of the document that sent them: known by its id
 * where the browser gives one (Chrome), else by the URL it had when it sent them (a single-page
 * app's own URL changes are followed: onHistoryState). A late message of the page before is not
 * this page's.
 */
export function onReferences(state: TabState, e: ReferencesEvent): TabState {
  const page0 = state.page;
  if (!page0 || !isSecureUrl(page0.url)) return state;
  const sameDocument =
    page0.documentId !== undefined && e.documentId !== undefined
      ? page0.documentId === bound(e.documentId, MAX_DOCUMENT_ID)
      : page0.url === urlKey(e.pageUrl);
  if (!sameDocument) return state;
  let page = page0;
  for (const url of e.urls) if (isPlainUrl(url)) page = addInsecureUrl(page, url);
  // What the document itself was loaded over: it wins over the status line (onResponse).
  const version = e.httpVersion;
  if (isHttpVersion(version) && page.httpVersion !== version)
    page = Object.assign({}, page, { httpVersion: version });
  return page === page0 ? state : { ...state, page };
}

/**
 * The address a server answered one of the page's requests from joins that request's origin,
 * the first one only. This runs for every response the page gets, so it does the least it can:
 * an origin that has its address already (every response but the first of each) or is not kept
 * changes nothing, and the state stays the same object, so nothing is written or shown again
 * (TabStore.update). Only then is the address read, and kept only as an IP literal.
 */
export function onOriginIp(state: TabState, e: OriginIpEvent): TabState {
  const page = state.page;
  const origin = page ? originOf(e.url) : null;
  if (!page || origin === null) return state;
  const origins = page.origins;
  for (let i = 0; i < origins.length; i++) {
    const entry = origins[i]!;
    if (entry.origin !== origin) continue;
    const ip = entry.ip === undefined ? ipLiteral(e.ip) : undefined;
    if (ip === undefined) return state;
    const next = origins.slice();
    next[i] = { ...entry, ip };
    return { ...state, page: Object.assign({}, page, { origins: next }) };
  }
  return state;
}

/**
 * The page changed its URL itself (pushState, replaceState): still the same document, so all
 * that was seen stays; only its URL follows. A document can only move within its origin.
 */
export function onHistoryState(state: TabState, e: HistoryStateEvent): TabState {
  const page = state.page;
  const url = urlKey(e.url);
  if (!page || page.url === url || originOf(page.url) !== originOf(url)) return state;
  return { ...state, page: { ...page, url } };
}

/**
 * A sub-frame's details join the page it is in, once per origin, each certificate as a frame keeps
 * it (frameCert: what its findings rest on).
 */
function onFrameSecurity(state: TabState, e: SecurityEvent): TabState {
  const page = state.page;
  const origin = originOf(e.url);
  // The page's own origin is the page's connection, described already.
  if (!page || page.error !== undefined || origin === null || origin === originOf(page.url))
    return state;
  const frames = page.frameTls ?? [];
  if (frames.length >= LIMITS.frameTls || frames.some((f) => originOf(f.url) === origin))
    return state;
  const chain = e.tls.chain.map(frameCert);
  const entry: FrameTls = { url: urlKey(e.url), tls: { ...e.tls, chain } };
  return { ...state, page: { ...page, frameTls: [...frames, entry] } };
}

/**
 * The TLS details reach the load by requestId (Firefox), before or after its commit; Chrome's
 * debugger has request ids of its own, so its details reach the load or page at their URL.
 */
export function onSecurity(state: TabState, e: SecurityEvent): TabState {
  if (e.kind === 'sub_frame') return onFrameSecurity(state, e);
  const { nav, page } = state;
  const id = e.requestId;
  const url = urlKey(e.url);
  // A plain page never gets TLS details, whatever order the browser's events come in (those of
  // an https attempt the browser gave up can arrive after the http page committed).
  const isLoad = (load: { requestId?: string; url: string }): boolean =>
    isSecureUrl(load.url) && (id === undefined ? load.url === url : load.requestId === id);
  if (nav && isLoad(nav)) return { ...state, nav: { ...nav, tls: e.tls } };
  // A page the browser could not load has no connection to describe.
  if (page && isLoad(page) && (id !== undefined || page.error === undefined))
    return { ...state, page: { ...page, tls: e.tls } };
  return state;
}

/** The memory's answer joins the page it was asked for (not one committed since). */
export function onMemory(state: TabState, e: MemoryEvent): TabState {
  const page = state.page;
  if (!page || page.url !== urlKey(e.url)) return state;
  return { ...state, page: { ...page, remembered: e.remembered } };
}

export function onSettled(state: TabState, e: SettledEvent): TabState {
  const page = state.page;
  if (!page || page.settled || page.url !== urlKey(e.url)) return state;
  return { ...state, page: { ...page, settled: true } };
}
