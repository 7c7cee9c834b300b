import type { TlsInfo } from './cert/model';
import { utf8Length } from './text';
import type { Hop, Navigation, PageFacts, TabState } from './tab-state';

// Each tab's stored state within a byte budget. Every list in it is bounded (tab-state.ts
// LIMITS), but a hostile page can fill every list at once with 2 KB URLs, and keep three such
// pages for back/forward: about 1 MB for one tab, while Chrome's storage.session holds 10 MB for
// all of them. So past TAB_BUDGET_BYTES a tab sheds, in this order: the details of the earlier
// pages kept for back/forward (their findings stay), then those pages (oldest first), then the
// long tails of the current page's lists (each cut counted, so the report says how many more
// there were), then its certificates' PEM and SAN tails. What the current page's findings rest
// on is kept longest.

/**
 * A tab's state as stored, JSON in UTF-8. An ordinary page takes 2 to 20 KB, a page with a
 * 1,000-name certificate about 100 KB; 10 MB of storage.session holds 80 tabs at the budget.
 */
export const TAB_BUDGET_BYTES = 128 * 1024;

export function tabBytes(state: TabState): number {
  return utf8Length(JSON.stringify(state));
}

/** How much of each list a page keeps at one level of shedding. */
interface Keep {
  hops: number;
  insecureUrls: number;
  origins: number;
  frameDowngrades: number;
  frameTls: number;
  sans: number;
  pem: boolean;
}

const LEVELS: readonly Keep[] = [
  {
    hops: 8,
    insecureUrls: 20,
    origins: 40,
    frameDowngrades: 5,
    frameTls: 5,
    sans: 1000,
    pem: true,
  },
  {
    hops: 4,
    insecureUrls: 10,
    origins: 20,
    frameDowngrades: 3,
    frameTls: 2,
    sans: 1000,
    pem: false,
  },
  { hops: 2, insecureUrls: 3, origins: 5, frameDowngrades: 1, frameTls: 0, sans: 100, pem: false },
  { hops: 1, insecureUrls: 1, origins: 1, frameDowngrades: 0, frameTls: 0, sans: 10, pem: false },
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

function slimHops<T extends { hops: Hop[]; hopsDropped: number }>(facts: T, n: number): T {
  const [hops, dropped] = cut(facts.hops, n);
  return dropped === 0 ? facts : { ...facts, hops, hopsDropped: facts.hopsDropped + dropped };
}

function slimPage(page: PageFacts, keep: Keep): PageFacts {
  const [insecureUrls, insecureCut] = cut(page.insecureUrls, keep.insecureUrls);
  const [origins, originsCut] = cut(page.origins, keep.origins);
  const [frameDowngrades] = cut(page.frameDowngrades, keep.frameDowngrades);
  const slim: PageFacts = {
    ...slimHops(page, keep.hops),
    insecureUrls,
    insecureUrlsDropped: page.insecureUrlsDropped + insecureCut,
    origins,
    originsDropped: page.originsDropped + originsCut,
    frameDowngrades,
  };
  if (page.tls) slim.tls = slimTls(page.tls, keep);
  if (page.frameTls) slim.frameTls = page.frameTls.slice(0, keep.frameTls);
  return slim;
}

function slimNav(nav: Navigation, keep: Keep): Navigation {
  const slim = slimHops(nav, keep.hops);
  return slim.tls ? { ...slim, tls: slimTls(slim.tls, keep) } : slim;
}

/** The state within `budget` bytes, shedding as little as it can (see the top of this file). */
export function withinBudget(state: TabState, budget = TAB_BUDGET_BYTES): TabState {
  if (tabBytes(state) <= budget) return state;
  // The earlier pages keep what their findings rest on (each list's head and its count)...
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
