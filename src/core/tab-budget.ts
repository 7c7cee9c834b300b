import { frameCert } from './cert/frame-cert';
import type { TlsInfo } from './cert/model';
import { bound, utf8Length } from './text';
import type { Hop, Navigation, PageFacts, TabState } from './tab-state';

// Each tab's stored state within a byte budget. Every list in it is bounded (tab-state.ts
// LIMITS), but a hostile page can fill every list at once with 2 KB URLs, and keep three such
// pages for back/forward: about 1 MB for one tab, while Chrome's storage.session holds 10 MB for
// all of them. So past TAB_BUDGET_BYTES a tab sheds, in this order: the details of the earlier
// pages kept for back/forward (their findings stay), then those pages (oldest first), then the
// long tails of the current page's lists (each cut counted, so the report says how many more
// there were), then its certificates' PEM and SAN tails. Nothing a finding rests on is dropped
// (see Keep).

/**
 * A tab's state as stored, JSON in UTF-8. An ordinary page takes 2 to 20 KB, a page with a
 * 1,000-name certificate about 100 KB; 10 MB of storage.session holds 80 tabs at the budget.
 */
export const TAB_BUDGET_BYTES = 128 * 1024;

export function tabBytes(state: TabState): number {
  return utf8Length(JSON.stringify(state));
}

/**
 * How much a page keeps at one level of shedding. Only what no finding rests on is cut: the
 * insecure URLs beyond the first few (mixed-content keeps their count), certificates' PEM and
 * SAN tails (counted). The redirect hops, the frames' downgrades and TLS details (kept lean
 * already, see frameCert), and the other origins each raise findings of their own, and a hop's
 * place is a figure the report gives, so none of them is dropped: their URLs are shortened
 * instead (scheme and host stay whole).
 */
interface Keep {
  insecureUrls: number;
  sans: number;
  pem: boolean;
  /** Characters of each hop's URL, at least a scheme, the longest host and a port. */
  url: number;
}

const LEVELS: readonly Keep[] = [
  { insecureUrls: 20, sans: 1000, pem: true, url: 1024 },
  { insecureUrls: 10, sans: 1000, pem: false, url: 512 },
  { insecureUrls: 3, sans: 100, pem: false, url: 300 },
  { insecureUrls: 1, sans: 10, pem: false, url: 300 },
];

/** `list` cut to `n`, and how many were cut. */
function cut<T>(list: readonly T[], n: number): [T[], number] {
  return list.length <= n ? [list as T[], 0] : [list.slice(0, n), list.length - n];
}

function slimTls(tls: TlsInfo, keep: Keep): TlsInfo {
  return {
    ...tls,
    chain: tls.chain.map((c) => {
      const [sans, dropped] = cut(c.sans, keep.sans);
      const slim = { ...c, sans, sansDropped: c.sansDropped + dropped };
      if (!keep.pem) delete slim.pem;
      return slim;
    }),
  };
}

function shortHops(hops: readonly Hop[], max: number): Hop[] {
  return hops.map((h) => ({ ...h, from: bound(h.from, max), to: bound(h.to, max) }));
}

function slimPage(page: PageFacts, keep: Keep): PageFacts {
  const [insecureUrls, insecureCut] = cut(page.insecureUrls, keep.insecureUrls);
  const slim: PageFacts = {
    ...page,
    hops: shortHops(page.hops, keep.url),
    frameDowngrades: shortHops(page.frameDowngrades, keep.url),
    insecureUrls: insecureUrls.map((u) => bound(u, keep.url)),
    insecureUrlsDropped: page.insecureUrlsDropped + insecureCut,
  };
  if (page.tls) slim.tls = slimTls(page.tls, keep);
  // Kept so already (reducer-page.ts); a state stored before that was so is made so here.
  if (page.frameTls)
    slim.frameTls = page.frameTls.map((f) => ({
      ...f,
      tls: { ...f.tls, chain: f.tls.chain.map(frameCert) },
    }));
  return slim;
}

function slimNav(nav: Navigation, keep: Keep): Navigation {
  const slim = { ...nav, hops: shortHops(nav.hops, keep.url) };
  return slim.tls ? { ...slim, tls: slimTls(slim.tls, keep) } : slim;
}

/** The state within `budget` bytes, shedding as little as it can (see the top of this file). */
export function withinBudget(state: TabState, budget = TAB_BUDGET_BYTES): TabState {
  if (tabBytes(state) <= budget) return state;
  // The earlier pages keep what their findings rest on, their details shortened...
  const lean = LEVELS[2]!;
  let out: TabState = { ...state, recent: state.recent.map((p) => slimPage(p, lean)) };
  if (tabBytes(out) <= budget) return out;
  // ...then go, oldest first.
  while (out.recent.length > 0) {
    out = { ...out, recent: out.recent.slice(0, -1) };
    if (tabBytes(out) <= budget) return out;
  }
  for (const keep of LEVELS) {
    out = {
      ...out,
      page: out.page ? slimPage(out.page, keep) : null,
      nav: out.nav ? slimNav(out.nav, keep) : null,
    };
    if (tabBytes(out) <= budget) return out;
  }
  return out;
}

/**
 * The least a tab can keep and still show what it shows now: its current page, each list cut to
 * the last level. For the store's quota emergency: another tab's write failed for lack of room.
 */
export function shed(state: TabState): TabState {
  const keep = LEVELS[LEVELS.length - 1]!;
  return {
    ...state,
    recent: [],
    page: state.page ? slimPage(state.page, keep) : null,
    nav: state.nav ? slimNav(state.nav, keep) : null,
  };
}
