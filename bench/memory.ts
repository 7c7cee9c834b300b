// Item 4: background memory, in Chromium. One browser with the extension; 50 tabs each walk 100
// pages of the walk site (walk-site.ts: 5,000 navigations, with redirects, mixed content and
// plain-http pages among them), all tabs at once. Then, with the tabs still open, and again once
// they are closed, the extension's service worker is asked over the DevTools protocol to collect
// garbage and for its JS heap (HeapProfiler.collectGarbage, Runtime.getHeapUsage: usedSize), and
// the extension for the bytes in storage.session (storage.session.getBytesInUse(null)). The same
// is read right after start, for scale. If the service worker was stopped and started again
// during the walk (it loses its heap then), the run says so.
import type { CDPSession } from 'puppeteer-core';
import { ensureCa } from '../test/lab/ca';
import { waitFor } from '../test/e2e/wait';
import { launchForBench, type BenchBrowser } from './launch';
import { launchOptionsFor } from './subject';
import { round } from './stats';
import { check, type BenchItem, type Target, type TargetCheck } from './types';
import { startWalkSite, walkStart, WALK_ALL_HOSTS } from './walk-site';

export const TABS = 50;
export const STEPS = 100;
const MB = 1024 * 1024;
const KB = 1024;
const HEAP_TARGET: Target = { op: '<=', value: 8 * MB, text: '≤ 8 MB' };
const SESSION_TARGET: Target = { op: '<', value: 10 * KB, text: '< 10 KB once closed' };
const WALK_TIMEOUT_MS = 7 * 60_000;
const ALIVE = '__portwatchBenchAlive';

interface Snapshot {
  /** Runtime.getHeapUsage usedSize after a collection (bytes). */
  heapUsed: number;
  heapTotal: number;
  /** storage.session.getBytesInUse(null), or null when the extension has no storage access. */
  sessionBytes: number | null;
  sessionKeys: number | null;
}

export interface MemoryResult {
  extension: string;
  tabs: number;
  navigations: number;
  walkSeconds: number;
  /** The service worker ran from start to end (false: it was restarted, its heap figures lie). */
  sameWorker: boolean;
  atStart: Snapshot;
  tabsOpen: Snapshot & { heapTarget: TargetCheck };
  tabsClosed: Snapshot & { heapTarget: TargetCheck; sessionTarget?: TargetCheck };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sessionUse(bb: BenchBrowser): Promise<{ bytes: number; keys: number } | null> {
  return bb.inExtension(async () => {
    type Area = {
      getBytesInUse?(keys: null): Promise<number>;
      get(keys: null): Promise<Record<string, unknown>>;
    };
    const g = globalThis as { chrome?: { storage?: { session?: Area } } };
    const area = g.chrome?.storage?.session;
    if (!area?.getBytesInUse) return null;
    return {
      bytes: await area.getBytesInUse(null),
      keys: Object.keys(await area.get(null)).length,
    };
  });
}

async function snapshot(bb: BenchBrowser, client: CDPSession): Promise<Snapshot> {
  // Twice: a first collection can leave what finalizers freed for the next.
  await client.send('HeapProfiler.collectGarbage');
  await client.send('HeapProfiler.collectGarbage');
  const heap = await client.send('Runtime.getHeapUsage');
  const session = await sessionUse(bb);
  return {
    heapUsed: heap.usedSize,
    heapTotal: heap.totalSize,
    sessionBytes: session?.bytes ?? null,
    sessionKeys: session?.keys ?? null,
  };
}

export const memory: BenchItem<MemoryResult> = {
  id: 'memory',
  title: 'Background memory (Chromium)',
  browsers: ['chromium'],
  run: async ({ subject, log }) => {
    const caPem = ensureCa().certPem;
    const site = await startWalkSite();
    let bb: BenchBrowser | undefined;
    try {
      bb = await launchForBench('chromium', {
        extensionDir: subject.dirs.chromium,
        caPem,
        hosts: WALK_ALL_HOSTS,
        ...launchOptionsFor(subject),
      });
      const worker = bb.worker;
      if (!worker) throw new Error(`${subject.name} has no service worker to measure`);
      const client = worker.client;
      await client.send('HeapProfiler.enable');
      await sleep(1000);
      await worker.evaluate((flag: string) => {
        (globalThis as Record<string, unknown>)[flag] = true;
      }, ALIVE);
      const atStart = await snapshot(bb, client);
      log(`memory: at start ${(atStart.heapUsed / MB).toFixed(2)} MB heap`);

      const started = Date.now();
      const pages = [];
      for (let t = 0; t < TABS; t++) {
        const page = await bb.browser.newPage();
        pages.push(page);
        page.goto(walkStart(t, STEPS)).catch(() => undefined);
      }
      let lastLog = Date.now();
      await waitFor(
        `${TABS} tabs to walk ${STEPS} pages each`,
        () => {
          if (Date.now() - lastLog > 15_000) {
            lastLog = Date.now();
            log(`memory: ${site.pages()} of ${TABS * STEPS} pages`);
          }
          return site.finished() >= TABS;
        },
        { timeoutMs: WALK_TIMEOUT_MS, intervalMs: 250 },
      );
      const walkSeconds = round((Date.now() - started) / 1000, 1);
      const navigations = site.pages();
      log(`memory: ${navigations} pages in ${walkSeconds} s`);
      // Let the last events, reports and writes drain.
      await sleep(3000);
      const tabsOpen = await snapshot(bb, client);

      for (const page of pages) await page.close();
      if (tabsOpen.sessionKeys !== null) {
        // Until the closed tabs' state is gone (or, for an extension that keeps it, 15 s).
        await waitFor(
          'the closed tabs to leave storage.session',
          async () => {
            const use = await sessionUse(bb!);
            return use !== null && use.keys <= (atStart.sessionKeys ?? 0);
          },
          { timeoutMs: 15_000, intervalMs: 250 },
        ).catch(() => undefined);
      }
      await sleep(2000);
      const tabsClosed = await snapshot(bb, client);
      const sameWorker = await worker
        .evaluate((flag: string) => (globalThis as Record<string, unknown>)[flag] === true, ALIVE)
        .catch(() => false);
      if (!sameWorker) log('memory: the service worker was restarted during the run');
      return {
        extension: subject.name,
        tabs: TABS,
        navigations,
        walkSeconds,
        sameWorker,
        atStart,
        tabsOpen: { ...tabsOpen, heapTarget: check(HEAP_TARGET, tabsOpen.heapUsed) },
        tabsClosed: {
          ...tabsClosed,
          heapTarget: check(HEAP_TARGET, tabsClosed.heapUsed),
          ...(tabsClosed.sessionBytes !== null
            ? { sessionTarget: check(SESSION_TARGET, tabsClosed.sessionBytes) }
            : {}),
        },
      };
    } finally {
      await bb?.close();
      await site.close();
    }
  },
  rows: (r) => {
    const mb = (b: number) => `${(b / MB).toFixed(2)} MB`;
    const kb = (b: number | null) => (b === null ? 'n/a' : `${(b / KB).toFixed(1)} KB`);
    const mark = (t?: TargetCheck) => (t ? (t.met ? ' ✓' : ' ✗') : '');
    const after = `after ${r.navigations.toLocaleString('en')} navigations in ${r.tabs} tabs`;
    const restarted = r.sameWorker ? '' : ' (worker restarted: not comparable)';
    return [
      {
        measure: `Background heap, ${r.extension}, at start`,
        chromium: mb(r.atStart.heapUsed),
      },
      {
        measure: `Background heap, ${r.extension}, ${after}`,
        chromium: `${mb(r.tabsOpen.heapUsed)}${mark(r.tabsOpen.heapTarget)}${restarted}`,
        target: HEAP_TARGET.text,
      },
      {
        measure: `Background heap, ${r.extension}, those tabs closed`,
        chromium: `${mb(r.tabsClosed.heapUsed)}${mark(r.tabsClosed.heapTarget)}${restarted}`,
        target: HEAP_TARGET.text,
      },
      {
        measure: `storage.session, ${r.extension}, ${after}`,
        chromium: `${kb(r.tabsOpen.sessionBytes)} (${r.tabsOpen.sessionKeys ?? 'n/a'} keys)`,
      },
      {
        measure: `storage.session, ${r.extension}, those tabs closed`,
        chromium: `${kb(r.tabsClosed.sessionBytes)} (${r.tabsClosed.sessionKeys ?? 'n/a'} keys)${mark(r.tabsClosed.sessionTarget)}`,
        target: SESSION_TARGET.text,
      },
    ];
  },
};
