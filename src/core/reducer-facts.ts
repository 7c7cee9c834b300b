import type { RedirectEvent, RequestEvent, ResponseEvent } from './events';
import {
  LIMITS,
  type Hop,
  type Navigation,
  type OriginFacts,
  type PageFacts,
  type TabState,
} from './tab-state';
import { isHttpVersion } from './http-version';
import { bound, MAX_HEADER, urlKey } from './text';
import { fallbackHop, isBrowserUpgrade } from './upgrade';
import { originOf } from './url';

// The pieces the reducer (reducer.ts) builds a tab's facts from: hops, pages made from a load,
// what a new page keeps of the tab, the page's other origins and insecure URLs. Each returns a
// new object and never throws on what a page or server sends.

export function pushBounded<T>(
  list: readonly T[],
  item: T,
  max: number,
): { list: T[]; dropped: number } {
  return list.length < max
    ? { list: [...list, item], dropped: 0 }
    : { list: [...list], dropped: 1 };
}

export function hopOf(e: RedirectEvent): Hop {
  const hop: Hop = {
    from: urlKey(e.url),
    to: urlKey(e.redirectUrl),
    status: e.statusCode,
    time: e.time,
  };
  if (isBrowserUpgrade(hop.from, hop.to, e.statusCode, e.ip)) hop.browser = 'upgrade';
  return hop;
}

export function withHop<T extends { hops: Hop[]; hopsDropped: number }>(load: T, hop: Hop): T {
  const { list, dropped } = pushBounded(load.hops, hop, LIMITS.hops);
  return { ...load, hops: list, hopsDropped: load.hopsDropped + dropped };
}

export function emptyPage(url: string, time: number): PageFacts {
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

export function responseFacts(
  e: ResponseEvent,
): Pick<PageFacts, 'ip' | 'statusCode' | 'hsts' | 'httpVersion'> {
  const facts: Pick<PageFacts, 'ip' | 'statusCode' | 'hsts' | 'httpVersion'> = {};
  if (e.ip !== undefined) facts.ip = bound(e.ip, 64);
  facts.statusCode = e.statusCode;
  facts.hsts = e.hsts === null ? null : bound(e.hsts, MAX_HEADER);
  if (isHttpVersion(e.httpVersion)) facts.httpVersion = e.httpVersion;
  return facts;
}

/** What a top-frame request tells about the page it loads. */
export function loadFacts(nav: Navigation): Partial<PageFacts> {
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
  if (nav.httpVersion !== undefined) facts.httpVersion = nav.httpVersion;
  if (nav.tls !== undefined) facts.tls = nav.tls;
  if (nav.fallbackFrom !== undefined) facts.fallbackFrom = nav.fallbackFrom;
  return facts;
}

export function pageFromNavigation(nav: Navigation, time: number): PageFacts {
  return Object.assign(emptyPage(nav.url, time), loadFacts(nav));
}

/**
 * The page of a given-up https attempt: its chain and the fallback hop, nothing of the attempt's
 * connection (no request id, address, status, header, HTTP version or TLS: none is the page's).
 */
export function pageFallback(
  page: PageFacts,
  attempt: Hop,
  time: number,
  error?: string,
): PageFacts {
  const out = withHop(page, fallbackHop(attempt, time, error));
  if (page.requestId !== undefined) out.fallbackFrom = page.requestId;
  delete out.requestId;
  delete out.ip;
  delete out.statusCode;
  delete out.hsts;
  delete out.httpVersion;
  delete out.tls;
  return out;
}

/**
 * What a new page keeps of the tab: the navigation's intended URL, and a running inspection (its
 * reload is what commits the page) but not a failed one: that failure was about the page left.
 */
export function kept(state: TabState): Pick<TabState, 'inspection' | 'intended'> {
  const out: Pick<TabState, 'inspection' | 'intended'> = {};
  if (state.intended) out.intended = state.intended;
  if (state.inspection?.state === 'running') out.inspection = state.inspection;
  return out;
}

/** Keeps the page being left, so a back/forward load of it can show its report again. */
export function keepForBackForward(
  recent: readonly PageFacts[],
  page: PageFacts | null,
): PageFacts[] {
  if (!page || page.requestId === undefined) return [...recent];
  const others = recent.filter((p) => p.url !== page.url);
  return [page, ...others].slice(0, LIMITS.recentPages);
}

export function addInsecureUrl(page: PageFacts, url: string): PageFacts {
  const key = urlKey(url);
  if (page.insecureUrls.includes(key)) return page;
  const { list, dropped } = pushBounded(page.insecureUrls, key, LIMITS.insecureUrls);
  return { ...page, insecureUrls: list, insecureUrlsDropped: page.insecureUrlsDropped + dropped };
}

export function addOrigin(page: PageFacts, e: RequestEvent): PageFacts {
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
  if (old.ip !== undefined) updated.ip = old.ip;
  const next = origins.slice();
  next[index] = updated;
  // Object.assign copies this 20-field object about twice as fast as a spread does.
  return Object.assign({}, page, { origins: next });
}
