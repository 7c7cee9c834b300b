// Item 2: popup time to report. A browser with the extension loads the page-load benchmark's page
// (a redirect, 200 subresources from 20 hosts: a report with a redirect chain and 20 origins),
// then opens the popup for that tab, `popup.html?tab=N`, as a tab, OPENS times, one after the
// other, each in a new tab closed afterwards. The figure of one open is the popup's own
// `performance.mark('portwatch-report-rendered')`, set when its first report is on screen
// (src/popup/index.tsx): its startTime counts from the popup document's time origin, the start
// of its navigation. Reported: the median of the opens, and the first (cold) open on its own.
// Another extension (--vs) that sets no such mark is timed to "content settled": the later of its
// load event and its last DOM change (watched from the document's start), once nothing has
// changed for QUIET_MS. That figure is taken for Portwatch too, so the two can be compared.
import type { Page } from 'puppeteer-core';
import { ensureCa } from '../test/lab/ca';
import { waitFor, withTimeout } from '../test/e2e/wait';
import { launchForBench, type BenchBrowser } from './launch';
import { ALL_HOSTS, PAGE_URL, START_URL, WARMUP_URL, startSite } from './pageload-site';
import { launchOptionsFor, popupOf } from './subject';
import { median, round } from './stats';
import {
  check,
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

interface Open {
  /** The mark's startTime (ms from the popup's navigation start); absent without a mark. */
  markMs?: number;
  /**
   * Content settled: max(loadEventEnd, last DOM change) (ms from navigation start); absent where
   * the DOM could not be watched from the document's start (Firefox runs no preload script in
   * extension pages).
   */
  settledMs?: number;
}

export interface BrowserPopup {
  opens: Open[];
  /** Median over the opens of the mark (Portwatch), else of content settled. */
  medianMs: number;
  firstMs: number;
  measure: 'mark' | 'settled';
  medianSettledMs?: number;
  target?: TargetCheck;
}

export interface PopupResult {
  extension: string;
  page: string;
  browsers: Partial<Record<BrowserName, BrowserPopup>>;
}

/** Watches the DOM from the document's start: the time of its last change. */
function watchMutations(): void {
  const w = window as { __benchLastChange?: number };
  w.__benchLastChange = 0;
  new MutationObserver(() => {
    w.__benchLastChange = performance.now();
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

async function openOnce(bb: BenchBrowser, url: string, expectMark: boolean): Promise<Open> {
  const page: Page = await bb.browser.newPage();
  try {
    await page.evaluateOnNewDocument(watchMutations).catch(() => undefined);
    // moz-extension:// navigations never resolve in Firefox: start it and poll.
    page.goto(url).catch(() => undefined);
    const marked = await waitFor<{ mark: number; settled: number; watched: boolean }>(
      `${url} to render${expectMark ? ` (mark ${MARK})` : ''}`,
      () =>
        page
          .evaluate(
            (
              u,
              mark,
              quietMs,
              needMark,
            ): false | { mark: number; settled: number; watched: boolean } => {
              if (location.href !== u || document.readyState !== 'complete') return false;
              const nav = performance.getEntriesByType('navigation')[0] as
                PerformanceNavigationTiming | undefined;
              if (!nav || nav.loadEventEnd <= 0) return false;
              const m = performance.getEntriesByName(mark, 'mark')[0];
              if (needMark && !m) return false;
              const watched = (window as { __benchLastChange?: number }).__benchLastChange;
              const last = watched ?? 0;
              if (performance.now() - Math.max(last, nav.loadEventEnd) < quietMs) return false;
              return {
                mark: m?.startTime ?? -1,
                settled: Math.max(last, nav.loadEventEnd),
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
      ...(marked.watched ? { settledMs: round(marked.settled, 1) } : {}),
    };
  } finally {
    await withTimeout('closing the popup tab', page.close(), 10_000).catch(() => undefined);
  }
}

async function runBrowser(
  name: BrowserName,
  subject: Subject,
  caPem: string,
  log: (line: string) => void,
): Promise<BrowserPopup> {
  const dir = subject.dirs[name];
  const popup = popupOf(dir);
  if (!popup) throw new Error(`${dir}: the manifest names no popup (action.default_popup)`);
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
    const url = `${bb.extensionBaseUrl!}${popup}?tab=${tabId}`;
    const opens: Open[] = [];
    for (let i = 0; i < OPENS; i++) {
      opens.push(await openOnce(bb, url, subject.portwatch));
    }
    const measure = opens.every((o) => o.markMs !== undefined) ? 'mark' : 'settled';
    const settled = opens.flatMap((o) => (o.settledMs !== undefined ? [o.settledMs] : []));
    const values = measure === 'mark' ? opens.map((o) => o.markMs!) : settled;
    if (values.length === 0) {
      throw new Error(
        `${subject.name} in ${name}: no mark ${MARK}, and its DOM could not be watched: no figure`,
      );
    }
    const medianMs = round(median(values), 1);
    log(`popup ${name}: ${values.map((v) => v.toFixed(0)).join(' ')} ms (${measure})`);
    return {
      opens,
      medianMs,
      firstMs: values[0]!,
      measure,
      ...(settled.length > 0 ? { medianSettledMs: round(median(settled), 1) } : {}),
      ...(measure === 'mark' ? { target: check(TARGET, medianMs) } : {}),
    };
  } finally {
    await bb.close();
  }
}

export const popupItem: BenchItem<PopupResult> = {
  id: 'popup',
  title: 'Popup time to report',
  run: async ({ browsers, subject, log }) => {
    const caPem = ensureCa().certPem;
    const site = await startSite();
    const result: PopupResult = { extension: subject.name, page: START_URL, browsers: {} };
    try {
      for (const name of browsers)
        result.browsers[name] = await runBrowser(name, subject, caPem, log);
    } finally {
      await site.close();
    }
    return result;
  },
  merge: (previous, next) => ({ ...next, browsers: { ...previous.browsers, ...next.browsers } }),
  rows: (result) => {
    const cells = (f: (b: BrowserPopup) => string) => {
      const out: Row = { measure: '' };
      for (const name of ['chromium', 'firefox'] as const) {
        const b = result.browsers[name];
        if (b) out[name] = f(b);
      }
      return out;
    };
    const anyMark = Object.values(result.browsers).some((b) => b.measure === 'mark');
    const rows: Row[] = [
      {
        ...cells(
          (b) =>
            `${b.medianMs.toFixed(0)} ms${b.target ? (b.target.met ? ' ✓' : ' ✗') : ''} (first ${b.firstMs.toFixed(0)} ms)`,
        ),
        measure: anyMark
          ? `Popup: ${result.extension}, to report rendered (median of ${OPENS})`
          : `Popup: ${result.extension}, to content settled (median of ${OPENS})`,
        ...(anyMark ? { target: TARGET.text } : {}),
      },
    ];
    if (anyMark) {
      rows.push({
        ...cells((b) =>
          b.medianSettledMs !== undefined ? `${b.medianSettledMs.toFixed(0)} ms` : 'n/a',
        ),
        measure: `Popup: ${result.extension}, to content settled (median of ${OPENS})`,
      });
    }
    return rows;
  },
};
