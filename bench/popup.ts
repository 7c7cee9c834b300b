// Item 2: popup time to report. A browser with the extension loads the page-load benchmark's page
// (a redirect, 200 subresources from 20 hosts: a report with a redirect chain and 20 origins),
// then opens the popup for that tab, `popup.html?tab=N`, as a tab, OPENS times, one after the
// other, each in a new tab closed afterwards. The figure of one open is the popup's own
// `performance.mark('portwatch-report-rendered')`, set when its first report is on screen
// (src/popup/index.tsx): its startTime counts from the popup document's time origin, the start
// of its navigation. Reported: the median of the opens, and the first (cold) open on its own.
// Another extension (--vs) that sets no such mark is timed to "content settled": the later of its
// load event and its last DOM change (watched from the document's start), once nothing has
// changed for QUIET_MS; and, as a class or style toggled later by a timer counts there, to its last
// node or text change alone. Where the DOM cannot be watched from the start (Firefox's extension
// pages), it is timed to the end of its load event, and the table says so. These figures are
// taken for Portwatch too, so the two can be compared.
// An extension whose manifest names no popup may set one at run time, per tab (IPvFoo): once the
// page has loaded, the extension is asked for the tab's popup (action / browserAction /
// pageAction.getPopup), and that page is opened as is (extension-pages.ts). An extension that
// sets none is skipped, with the reason (SkipItem).
import type { Page } from 'puppeteer-core';
import { ensureCa } from '../test/lab/ca';
import { waitFor, withTimeout } from '../test/e2e/wait';
import { manifestPopup, popupPage, type PopupPage } from './extension-pages';
import { launchForBench, readManifest, type BenchBrowser, type Manifest } from './launch';
import { ALL_HOSTS, PAGE_URL, START_URL, WARMUP_URL, startSite } from './pageload-site';
import { launchOptionsFor } from './subject';
import { median, round } from './stats';
import {
  check,
  SkipItem,
  type BenchItem,
  type BrowserName,
  type Row,
  type Subject,
  type Target,
  type TargetCheck,
} from './types';

export const MARK = 'portwatch-report-rendered';
const OPENS = 20;
const QUIET_MS = 500;
const TARGET: Target = { op: '<=', value: 60, text: '≤ 60 ms' };
const TIMEOUT_MS = 30_000;
/** How long an extension that names no popup has to set one for the loaded tab. */
const SET_POPUP_MS = 10_000;

interface Open {
  /** The mark's startTime (ms from the popup's navigation start); absent without a mark. */
  markMs?: number;
  /**
   * Content settled: max(loadEventEnd, last DOM change) (ms from navigation start); absent where
   * the DOM could not be watched from the document's start (Firefox runs no preload script in
   * extension pages).
   */
  settledMs?: number;
  /** The last change of nodes or text (attribute changes left out), where watched. */
  nodesMs?: number;
  /** The end of its load event (ms from navigation start); absent in results from before. */
  loadMs?: number;
}

type Measure = 'mark' | 'settled' | 'nodes' | 'load';

export interface BrowserPopup {
  opens: Open[];
  /**
   * Median over the opens of the mark (Portwatch), else of content settled, else (DOM not
   * watched) of the load event's end.
   */
  medianMs: number;
  firstMs: number;
  measure: Measure;
  medianSettledMs?: number;
  medianNodesMs?: number;
  medianLoadMs?: number;
  target?: TargetCheck;
  /** The page opened, in the extension (absent in results from before). */
  popup?: string;
  /** Named by the manifest, or set by the running extension for the tab. */
  popupSource?: PopupPage['source'];
}

export interface PopupResult {
  extension: string;
  page: string;
  browsers: Partial<Record<BrowserName, BrowserPopup>>;
}

/** Watches the DOM from the document's start: the time of its last change, and of nodes or text. */
function watchMutations(): void {
  const w = window as { __benchLastChange?: number; __benchLastNodes?: number };
  w.__benchLastChange = 0;
  w.__benchLastNodes = 0;
  new MutationObserver((records) => {
    w.__benchLastChange = performance.now();
    if (records.some((r) => r.type !== 'attributes')) w.__benchLastNodes = w.__benchLastChange;
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

/** The tab (id) that shows `url`, asked of the extension. */
async function tabShowing(bb: BenchBrowser, url: string): Promise<number> {
  return waitFor(
    `a tab showing ${url}`,
    () =>
      bb.inExtension(async (u: string) => {
        type Tabs = { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
        const g = globalThis as { browser?: Tabs; chrome?: Tabs };
        const tabs = await (g.browser ?? g.chrome)!.tabs.query({});
        return tabs.find((t) => t.url === u)?.id;
      }, url),
    { timeoutMs: TIMEOUT_MS },
  );
}

interface Seen {
  mark: number;
  settled: number;
  nodes: number;
  load: number;
  watched: boolean;
}

async function openOnce(bb: BenchBrowser, url: string, expectMark: boolean): Promise<Open> {
  const page: Page = await bb.browser.newPage();
  try {
    await page.evaluateOnNewDocument(watchMutations).catch(() => undefined);
    // moz-extension:// navigations never resolve in Firefox: start it and poll.
    page.goto(url).catch(() => undefined);
    const marked = await waitFor<Seen>(
      `${url} to render${expectMark ? ` (mark ${MARK})` : ''}`,
      () =>
        page
          .evaluate(
            (u, mark, quietMs, needMark): false | Seen => {
              if (location.href !== u || document.readyState !== 'complete') return false;
              const nav = performance.getEntriesByType('navigation')[0] as
                PerformanceNavigationTiming | undefined;
              if (!nav || nav.loadEventEnd <= 0) return false;
              const m = performance.getEntriesByName(mark, 'mark')[0];
              if (needMark && !m) return false;
              const w = window as { __benchLastChange?: number; __benchLastNodes?: number };
              const watched = w.__benchLastChange;
              const last = watched ?? 0;
              if (performance.now() - Math.max(last, nav.loadEventEnd) < quietMs) return false;
              return {
                mark: m?.startTime ?? -1,
                settled: Math.max(last, nav.loadEventEnd),
                nodes: w.__benchLastNodes ?? 0,
                load: nav.loadEventEnd,
                watched: watched !== undefined,
              };
            },
            url,
            MARK,
            QUIET_MS,
            expectMark,
          )
          .catch(() => false as const),
      { timeoutMs: TIMEOUT_MS, intervalMs: 50 },
    );
    return {
      ...(marked.mark >= 0 ? { markMs: round(marked.mark, 1) } : {}),
      ...(marked.watched
        ? { settledMs: round(marked.settled, 1), nodesMs: round(marked.nodes, 1) }
        : {}),
      loadMs: round(marked.load, 1),
    };
  } finally {
    await withTimeout('closing the popup tab', page.close(), 10_000).catch(() => undefined);
  }
}

/**
 * The popup the running extension set for tab `tabId` (a full address, as getPopup returns it),
 * asked until it has one; undefined if it sets none within SET_POPUP_MS.
 */
async function popupSetFor(bb: BenchBrowser, tabId: number): Promise<string | undefined> {
  return waitFor(
    `the extension to set a popup for tab ${tabId}`,
    () =>
      bb.inExtension(async (id: number) => {
        type Action = { getPopup?(details: { tabId: number }): Promise<string> };
        const g = globalThis as {
          browser?: Record<string, Action | undefined>;
          chrome?: Record<string, Action | undefined>;
        };
        const api = g.browser ?? g.chrome;
        for (const ns of ['action', 'browserAction', 'pageAction']) {
          const action = api?.[ns];
          if (typeof action?.getPopup !== 'function') continue;
          const popup = await action.getPopup({ tabId: id }).catch(() => '');
          if (popup) return popup;
        }
        return false;
      }, tabId),
    { timeoutMs: SET_POPUP_MS, intervalMs: 250 },
  ).catch(() => undefined);
}

async function popupToOpen(
  bb: BenchBrowser,
  manifest: Manifest,
  tabId: number,
): Promise<PopupPage | undefined> {
  const base = bb.extensionBaseUrl!;
  if (manifestPopup(manifest)) return popupPage(manifest, base, tabId);
  return popupPage(manifest, base, tabId, await popupSetFor(bb, tabId));
}

async function runBrowser(
  name: BrowserName,
  subject: Subject,
  caPem: string,
  log: (line: string) => void,
): Promise<BrowserPopup> {
  const dir = subject.dirs[name];
  const manifest = readManifest(dir);
  if (subject.portwatch && !manifestPopup(manifest)) {
    throw new Error(`${dir}: the manifest names no popup (action.default_popup)`);
  }
  const bb = await launchForBench(name, {
    extensionDir: dir,
    caPem,
    hosts: ALL_HOSTS,
    ...launchOptionsFor(subject),
  });
  try {
    const warmup = await bb.browser.newPage();
    await withTimeout(`loading ${WARMUP_URL}`, warmup.goto(WARMUP_URL), TIMEOUT_MS);
    await warmup.close();
    const page = await bb.browser.newPage();
    await withTimeout(`loading ${START_URL}`, page.goto(START_URL), TIMEOUT_MS);
    const tabId = await tabShowing(bb, PAGE_URL);
    const popup = await popupToOpen(bb, manifest, tabId);
    if (!popup) {
      throw new SkipItem(
        `its manifest names no popup, and it set none (action / browserAction / pageAction.getPopup) for the tab showing ${PAGE_URL} within ${SET_POPUP_MS / 1000} s`,
      );
    }
    const path = popup.url.slice(bb.extensionBaseUrl!.length);
    log(
      `popup ${name}: ${path}, ${popup.source === 'manifest' ? "the manifest's popup" : 'the popup it set at run time for the tab'}`,
    );
    const opens: Open[] = [];
    for (let i = 0; i < OPENS; i++) {
      opens.push(await openOnce(bb, popup.url, subject.portwatch));
    }
    const settled = opens.flatMap((o) => (o.settledMs !== undefined ? [o.settledMs] : []));
    const nodes = opens.flatMap((o) => (o.nodesMs !== undefined ? [o.nodesMs] : []));
    const loads = opens.flatMap((o) => (o.loadMs !== undefined ? [o.loadMs] : []));
    const measure: Measure = opens.every((o) => o.markMs !== undefined)
      ? 'mark'
      : settled.length > 0
        ? 'settled'
        : 'load';
    const values =
      measure === 'mark' ? opens.map((o) => o.markMs!) : measure === 'settled' ? settled : loads;
    const medianMs = round(median(values), 1);
    log(
      `popup ${name}: ${values.map((v) => v.toFixed(0)).join(' ')} ms (${MEASURE_TEXT[measure]})`,
    );
    return {
      opens,
      medianMs,
      firstMs: values[0]!,
      measure,
      ...(settled.length > 0 ? { medianSettledMs: round(median(settled), 1) } : {}),
      ...(nodes.length > 0 ? { medianNodesMs: round(median(nodes), 1) } : {}),
      ...(loads.length > 0 ? { medianLoadMs: round(median(loads), 1) } : {}),
      ...(measure === 'mark' ? { target: check(TARGET, medianMs) } : {}),
      popup: path,
      popupSource: popup.source,
    };
  } finally {
    await bb.close();
  }
}

const MEASURE_TEXT: Record<Measure, string> = {
  mark: 'to report rendered',
  settled: 'to content settled',
  nodes: 'to last node or text change',
  load: 'to load event end',
};

/** A browser's median of one measure, if it has that figure. */
function medianOf(b: BrowserPopup, measure: Measure): number | undefined {
  if (measure === 'mark') return b.measure === 'mark' ? b.medianMs : undefined;
  if (measure === 'settled') return b.medianSettledMs;
  return measure === 'nodes' ? b.medianNodesMs : b.medianLoadMs;
}

export const popupItem: BenchItem<PopupResult> = {
  id: 'popup',
  title: 'Popup time to report',
  run: async ({ browsers, subject, log }) => {
    const caPem = ensureCa().certPem;
    const site = await startSite();
    const result: PopupResult = { extension: subject.name, page: START_URL, browsers: {} };
    // Another extension: a browser where it cannot be measured is skipped, the others still run.
    const skipped: Array<[BrowserName, string]> = [];
    let failed = false;
    try {
      for (const name of browsers) {
        try {
          result.browsers[name] = await runBrowser(name, subject, caPem, log);
        } catch (error) {
          if (subject.portwatch) throw error;
          const why = error instanceof Error ? error.message.split('\n')[0]! : String(error);
          skipped.push([name, why]);
          failed ||= !(error instanceof SkipItem);
        }
      }
    } finally {
      await site.close();
    }
    if (Object.keys(result.browsers).length === 0) {
      const why = skipped.map(([name, text]) => `${name}: ${text}`).join('; ');
      throw failed ? new Error(why) : new SkipItem(why);
    }
    for (const [name, why] of skipped) log(`popup ${name}: skipped, ${why}`);
    return result;
  },
  merge: (previous, next) => ({ ...next, browsers: { ...previous.browsers, ...next.browsers } }),
  rows: (result) => {
    const all = Object.values(result.browsers);
    const runTime = all.some((b) => b.popupSource === 'run time') ? ' (set at run time)' : '';
    const rows: Row[] = [];
    // One row per measure some browser has: its own measure with its first open, others bare.
    for (const measure of ['mark', 'settled', 'nodes', 'load'] as const) {
      if (!all.some((b) => medianOf(b, measure) !== undefined)) continue;
      const row: Row = {
        measure: `Popup: ${result.extension}${runTime}, ${MEASURE_TEXT[measure]} (median of ${OPENS})`,
        ...(measure === 'mark' ? { target: TARGET.text } : {}),
      };
      for (const name of ['chromium', 'firefox'] as const) {
        const b = result.browsers[name];
        if (!b) continue;
        const ms = medianOf(b, measure);
        row[name] =
          ms === undefined
            ? 'n/a'
            : b.measure === measure
              ? `${ms.toFixed(0)} ms${b.target ? (b.target.met ? ' ✓' : ' ✗') : ''} (first ${b.firstMs.toFixed(0)} ms)`
              : `${ms.toFixed(0)} ms`;
      }
      rows.push(row);
    }
    return rows;
  },
};
