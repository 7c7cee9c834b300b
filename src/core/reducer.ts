import type { InspectionEvent, NavigateEvent, RequestEvent, TabEvent } from './events';
import { adoptLateLoad, onError, onMainRequest, onRedirect, onResponse } from './reducer-load';
import {
  onCommit,
  onMemory,
  onHistoryState,
  onOriginIp,
  onReferences,
  onSecurity,
  onSettled,
  onSubresource,
} from './reducer-page';
import type { TabState } from './tab-state';
import { bound, MAX_URL, urlKey } from './text';

// The tab model: a pure reducer from browser events to what is known about a tab. It never
// mutates its input and never throws on what a page or server sends; it only records facts.
// Findings are derived from the facts (assess.ts), so settings changes apply at once. The load
// before its commit is reducer-load.ts; the page once committed, reducer-page.ts.

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

function onRequest(state: TabState, e: RequestEvent): TabState {
  return e.kind === 'main_frame' ? onMainRequest(state, e) : onSubresource(state, e);
}

function onNavigate(state: TabState, e: NavigateEvent): TabState {
  return { ...state, intended: { url: urlKey(e.url), time: e.time } };
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
    case 'origin-ip':
      return onOriginIp(state, event);
    case 'error':
      return onError(state, event);
    case 'commit':
      return onCommit(state, event);
    case 'history-state':
      return onHistoryState(state, event);
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
