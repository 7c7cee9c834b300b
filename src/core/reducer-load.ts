import type { ErrorEvent, RedirectEvent, RequestEvent, ResponseEvent } from './events';
import { classifyNetError } from './net-error';
import {
  emptyPage,
  hopOf,
  keepForBackForward,
  kept,
  loadFacts,
  pageFallback,
  pageFromNavigation,
  pushBounded,
  responseFacts,
  withHop,
} from './reducer-facts';
import { LIMITS, type Hop, type Navigation, type PageFacts, type TabState } from './tab-state';
import { bound, MAX_ERROR, urlKey } from './text';
import {
  committedBeforeAttempt,
  fallbackHop,
  isUpgradeOf,
  pendingUpgrade,
  upgradeHop,
} from './upgrade';
import { isPlainUrl, isSecureUrl } from './url';

/** How long after onBeforeNavigate its first request may come and still be its upgrade. */
const INTENDED_FOR_MS = 10_000;

// The top frame's load before it commits: its request, redirects (the browser's own upgrade and
// fallback among them, see upgrade.ts), response and error, and the load events Firefox
// delivers after the commit (joined to the page they made).

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

export function onMainRequest(state: TabState, e: RequestEvent): TabState {
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
  // Firefox sends it again for each redirect target too; when the page committed first
  // (adoptLateLoad), that request belongs to the page shown, not to a new load that would take
  // the response meant for the page.
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
  return { ...state, nav: newNavigation(e, e.method, e.initiator, intendedFor(state, e)) };
}

/**
 * The URL the navigation of this request set out for. Only a recent one: after a wake, Firefox
 * can deliver a request before its own onBeforeNavigate, and the one before is another
 * navigation's (Chromium's upgraded request follows its onBeforeNavigate within milliseconds).
 */
function intendedFor(state: TabState, e: RequestEvent): string | undefined {
  const intended = state.intended;
  if (!intended || e.time < intended.time || e.time - intended.time > INTENDED_FOR_MS)
    return undefined;
  return intended.url;
}

export function onRedirect(state: TabState, e: RedirectEvent): TabState {
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
  if (e.kind === 'sub_frame' && state.page && isSecureUrl(e.url) && isPlainUrl(e.redirectUrl)) {
    const { list } = pushBounded(state.page.frameDowngrades, hopOf(e), LIMITS.frameDowngrades);
    return { ...state, page: { ...state.page, frameDowngrades: list } };
  }
  return state;
}

export function onResponse(state: TabState, e: ResponseEvent): TabState {
  if (e.kind !== 'main_frame') return state;
  if (state.nav?.requestId === e.requestId) {
    return { ...state, nav: Object.assign({}, state.nav, responseFacts(e)) };
  }
  // Firefox may report the response after the page has committed (not the response of an https
  // attempt for a page that fell back to http: that one is at another URL).
  if (state.page?.requestId === e.requestId && state.page.url === urlKey(e.url)) {
    const facts = responseFacts(e);
    // The document's own word on its HTTP version (onReferences) wins over the status line's.
    if (state.page.httpVersion !== undefined) delete facts.httpVersion;
    return { ...state, page: Object.assign({}, state.page, facts) };
  }
  return state;
}

/**
 * Firefox can deliver a load's webRequest events after its webNavigation.onCommitted: seen every
 * time the navigation wakes a suspended event page, and for a form POST. The page then commits
 * with no request. Once the request that started before the commit reaches the committed URL,
 * its facts become the page's (later redirects and the response find it by requestId).
 */
export function adoptLateLoad(state: TabState): TabState {
  const { nav, page } = state;
  if (!nav || !page || page.requestId !== undefined || page.error !== undefined) return state;
  if (nav.url !== page.url || nav.startedAt > page.committedAt) return state;
  const facts = loadFacts(nav);
  // A page made from a given-up https attempt (onCommit) keeps that chain: the request adopted
  // now is only its fallback.
  if (page.hops.length > 0) {
    facts.firstUrl = page.firstUrl ?? nav.firstUrl;
    const hops = [...page.hops, ...nav.hops];
    facts.hops = hops.slice(0, LIMITS.hops);
    // Hops cut here are counted as dropped, like those past the limit of either chain.
    const cut = Math.max(0, hops.length - LIMITS.hops);
    facts.hopsDropped = page.hopsDropped + nav.hopsDropped + cut;
    if (page.initiator !== undefined) facts.initiator = page.initiator;
    if (page.fallbackFrom !== undefined) facts.fallbackFrom ??= page.fallbackFrom;
  }
  // What the document said of its own HTTP version (onReferences) wins over the load's.
  if (page.httpVersion !== undefined) facts.httpVersion = page.httpVersion;
  return { ...state, nav: null, page: { ...page, ...facts } };
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

export function onError(state: TabState, e: ErrorEvent): TabState {
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
  return { ...kept(state), nav: null, page, recent: keepForBackForward(state.recent, state.page) };
}
