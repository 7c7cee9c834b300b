// Item 1: page-load overhead, and (issue 4) what Firefox's blocking TLS listener adds to it.
// Each run is a fresh browser (same flags in every arm) that loads a small warm-up page on a host
// of its own, then opens a new tab and loads the benchmark site (pageload-site.ts: an https page
// behind a redirect, 200 subresources from 20 hosts, no connection or cache warmed); the figure is
// the page's own navigation timing, loadEventEnd − startTime. The arms alternate within each pair
// (each round of the four arms, in rotating order), so slow drift of the machine falls on every
// arm alike. Reported: the median of each arm, the ratio of the medians and a 95 % bootstrap
// interval over the pairs.
// Arms: no extension; Portwatch (dist/); "empty listeners" (bench/fixtures/empty-listeners: the
// same webRequest and webNavigation listeners as Portwatch's, doing nothing), the floor any
// extension that watches requests this way pays; in Chromium also "permission only"
// (bench/fixtures/permission-only: the same permissions, no listener), the part of that floor
// the permissions alone cost; in Firefox also Portwatch without the TLS listener (variants.ts).
// The first run of each Portwatch arm also checks that the extension saw the page (and, in
// Firefox, that TLS details reached its state or, in the variant, that they did not). With `--vs DIR` the arms are no extension and the other extension.
// Each run also reads the CPU time every process of the browser used from the start of the
// measured navigation to its load event (/proc; Linux only), so an overhead can be placed: in
// the browser process, the network service, the page's renderer, or the extension's own.
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { ensureCa } from '../test/lab/ca';
import { waitFor, withTimeout } from '../test/e2e/wait';
import { cpuByProcess, cpuSince, type CpuTimes } from './cpu';
import { launchForBench, type BenchBrowser } from './launch';
import { launchOptionsFor } from './subject';
import {
  PAGE_URL,
  SCRIPTS,
  ALL_HOSTS,
  START_URL,
  WARMUP_URL,
  SUBRESOURCES,
  HOST_COUNT,
  startSite,
} from './pageload-site';
import { median, ratioInterval, round } from './stats';
import {
  check,
  type BenchItem,
  type BrowserName,
  type Row,
  type Subject,
  type Target,
  type TargetCheck,
} from './types';
import { firefoxWithoutTlsListener, NO_TLS_FLAG } from './variants';

/** `portwatch` is the extension measured: Portwatch, or with `--vs` the other extension. */
type ArmId = 'none' | 'portwatch' | 'portwatch-no-tls' | 'empty-listeners' | 'permission-only';

const ARM_LABELS: Record<ArmId, string> = {
  none: 'no extension',
  portwatch: 'Portwatch',
  'portwatch-no-tls': 'Portwatch without the TLS listener',
  'empty-listeners': 'empty listeners',
  'permission-only': 'permission only',
};

/** The extension whose listeners are Portwatch's, doing nothing (see the header). */
export const EMPTY_LISTENERS_DIR = join('bench', 'fixtures', 'empty-listeners');
/** The extension with Portwatch's permissions and no listener (see the header). */
export const PERMISSION_ONLY_DIR = join('bench', 'fixtures', 'permission-only');

const TARGETS: Record<BrowserName, Target> = {
  chromium: { op: '<=', value: 1.02, text: '≤ 1.02' },
  firefox: { op: '<=', value: 1.03, text: '≤ 1.03' },
};

/** Time between the warm-up page and the measured navigation, the same in every arm. */
const SETTLE_MS = 500;
const LOAD_TIMEOUT_MS = 60_000;
/** A run that fails (a launch timing out) is tried again this many times, then the bench stops. */
const RETRIES = 2;

interface ArmFigures {
  /** loadEventEnd − startTime of each run, in pair order (ms). */
  samples: number[];
  medianMs: number;
  /** Mean CPU time per load by kind of process (ms), when it could be read. */
  cpuMs?: CpuTimes;
}

interface Comparison {
  /** median(of) / median(over). */
  ratio: number;
  interval: [number, number];
  /** median(of) − median(over), ms. */
  differenceMs: number;
}

export interface BrowserPageLoad {
  date: string;
  pairs: number;
  arms: Partial<Record<ArmId, ArmFigures>>;
  /** Portwatch over no extension. */
  overhead: Comparison & { target: TargetCheck };
  /** Firefox: Portwatch over Portwatch without the TLS listener (the listener's cost). */
  tlsListener?: Comparison;
  /** Empty listeners over no extension (the floor), and Portwatch over them. */
  emptyListeners?: { overNone: Comparison; portwatchOver: Comparison };
  /** Chromium: the permissions alone over no extension. */
  permissionOnly?: { overNone: Comparison };
}

export interface PageLoadResult {
  /** The extension measured (absent: Portwatch, in results from before `--vs`). */
  extension?: string;
  site: { url: string; hosts: number; subresources: number; redirects: string };
  measure: string;
  browsers: Partial<Record<BrowserName, BrowserPageLoad>>;
}

interface Arm {
  id: ArmId;
  extensionDir?: string;
  /** Launch options for another extension (--vs): its control page, no readiness check. */
  launch?: { controlPage?: string; requireListeners: boolean };
  /** Called after the first measured load of this arm: throws if the arm is not what it says. */
  verify?: (bb: BenchBrowser) => Promise<void>;
}

interface Timing {
  loadMs: number;
  url: string;
  redirects: number;
  /** Names of the page's resource-timing entries. */
  resources: string[];
  scripts: number;
  errors: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the page's navigation timing once its load event has ended. */
async function readTiming(page: Page): Promise<Timing> {
  return waitFor(
    'the page to finish its load event',
    () =>
      page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as
          PerformanceNavigationTiming | undefined;
        if (!nav || nav.loadEventEnd <= 0) return false;
        const w = window as { __benchScripts?: number; __benchErrors?: string[] };
        return {
          loadMs: nav.loadEventEnd - nav.startTime,
          url: location.href,
          redirects: nav.redirectCount,
          resources: performance.getEntriesByType('resource').map((e) => e.name),
          scripts: w.__benchScripts ?? 0,
          errors: w.__benchErrors ?? [],
        };
      }),
    { timeoutMs: LOAD_TIMEOUT_MS },
  );
}

function checkTiming(t: Timing): void {
  const problems: string[] = [];
  if (t.url !== PAGE_URL) problems.push(`ended on ${t.url}, not ${PAGE_URL}`);
  if (t.redirects !== 1) problems.push(`${t.redirects} redirects, not 1`);
  if (t.resources.length !== SUBRESOURCES) {
    const counts = new Map<string, number>();
    for (const r of t.resources) counts.set(r, (counts.get(r) ?? 0) + 1);
    const odd = [...counts].filter(
      ([name, n]) => n > 1 || !/\/(style|script|img)-|\/moved\/|\/elsewhere\//.test(name),
    );
    problems.push(
      `${t.resources.length} resources, not ${SUBRESOURCES} (${odd.map(([name, n]) => `${name} ×${n}`).join(', ') || 'some missing'})`,
    );
  }
  if (t.scripts !== SCRIPTS) problems.push(`${t.scripts} scripts ran, not ${SCRIPTS}`);
  if (t.errors.length > 0) problems.push(`failed to load: ${t.errors.slice(0, 5).join(', ')}`);
  if (problems.length > 0)
    throw new Error(`the benchmark page did not load as it should: ${problems.join('; ')}`);
}

/** The extension's stored state of each tab (storage.session `tab:N` keys), as JSON texts. */
async function storedTabs(bb: BenchBrowser): Promise<string[]> {
  return bb.inExtension(async () => {
    type Session = { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } };
    const g = globalThis as { browser?: Session; chrome?: Session };
    const all = await (g.browser ?? g.chrome)!.storage.session.get(null);
    return Object.entries(all)
      .filter(([key]) => key.startsWith('tab:'))
      .map(([, state]) => JSON.stringify(state));
  });
}

/**
 * Waits until the extension has recorded the benchmark page in a tab (and `also` holds for that
 * tab's state); returns that state as JSON text.
 */
async function waitForRecordedPage(
  bb: BenchBrowser,
  also: (state: string) => boolean = () => true,
): Promise<string> {
  return waitFor(
    `the extension to record ${PAGE_URL} in storage.session`,
    async () => (await storedTabs(bb)).find((state) => state.includes(PAGE_URL) && also(state)),
    { timeoutMs: 15_000, intervalMs: 250 },
  );
}

const hasTls = (state: string) => state.includes('"tls":{');

function armsFor(name: BrowserName, root: string, subject: Subject, noTlsDir?: string): Arm[] {
  if (!subject.portwatch) {
    return [
      { id: 'none' },
      { id: 'portwatch', extensionDir: subject.dirs[name], launch: launchOptionsFor(subject) },
    ];
  }
  const dist = subject.dirs[name];
  const arms: Arm[] = [
    { id: 'none' },
    {
      id: 'portwatch',
      extensionDir: dist,
      verify: async (bb) => {
        // Firefox: the listener ran, so TLS details reached the tab's state.
        await waitForRecordedPage(bb, name === 'firefox' ? hasTls : undefined);
      },
    },
  ];
  arms.push({ id: 'empty-listeners', extensionDir: join(root, EMPTY_LISTENERS_DIR) });
  if (name === 'chromium') {
    arms.push({ id: 'permission-only', extensionDir: join(root, PERMISSION_ONLY_DIR) });
  }
  if (name === 'firefox' && noTlsDir) {
    arms.push({
      id: 'portwatch-no-tls',
      extensionDir: noTlsDir,
      verify: async (bb) => {
        const stubbed = await bb.inExtension(async (flag: string) => {
          const api = (
            globalThis as {
              browser?: { runtime: { getBackgroundPage(): Promise<Window | null> } };
            }
          ).browser;
          const bg = (await api?.runtime.getBackgroundPage()) as Record<string, unknown> | null;
          return bg?.[flag] === true;
        }, NO_TLS_FLAG);
        if (!stubbed) {
          throw new Error('the no-TLS-listener variant did not run its stub in the background');
        }
        await waitForRecordedPage(bb);
        await sleep(2000);
        if (hasTls(await waitForRecordedPage(bb))) {
          throw new Error('the no-TLS-listener variant still recorded TLS details');
        }
      },
    });
  }
  return arms;
}

interface RunFigures {
  loadMs: number;
  cpu?: CpuTimes;
}

async function runOnce(
  name: BrowserName,
  arm: Arm,
  caPem: string,
  verify: boolean,
): Promise<RunFigures> {
  const bb = await launchForBench(name, {
    ...(arm.extensionDir ? { extensionDir: arm.extensionDir } : {}),
    ...arm.launch,
    caPem,
    hosts: ALL_HOSTS,
  });
  try {
    const warmup = await bb.browser.newPage();
    await withTimeout(`loading ${WARMUP_URL}`, warmup.goto(WARMUP_URL), LOAD_TIMEOUT_MS);
    await warmup.close();
    const page = await bb.browser.newPage();
    await sleep(SETTLE_MS);
    const pid = bb.browser.process()?.pid;
    const before = pid !== undefined ? cpuByProcess(pid) : undefined;
    await withTimeout(`loading ${START_URL}`, page.goto(START_URL), LOAD_TIMEOUT_MS);
    const timing = await readTiming(page);
    const cpu = pid !== undefined && before ? cpuSince(pid, before) : undefined;
    checkTiming(timing);
    if (verify) await arm.verify?.(bb);
    return { loadMs: timing.loadMs, ...(cpu ? { cpu } : {}) };
  } finally {
    await bb.close();
  }
}

function compare(of: number[], over: number[]): Comparison {
  const ratio = median(of) / median(over);
  const [low, high] = ratioInterval(of, over);
  return {
    ratio: round(ratio, 4),
    interval: [round(low, 4), round(high, 4)],
    differenceMs: round(median(of) - median(over), 1),
  };
}

async function runBrowser(
  name: BrowserName,
  pairs: number,
  root: string,
  subject: Subject,
  caPem: string,
  log: (line: string) => void,
): Promise<BrowserPageLoad> {
  const variant =
    name === 'firefox' && subject.portwatch
      ? firefoxWithoutTlsListener(subject.dirs.firefox)
      : undefined;
  try {
    const arms = armsFor(name, root, subject, variant?.dir);
    const samples = new Map<ArmId, number[]>(arms.map((a) => [a.id, []]));
    const cpus = new Map<ArmId, CpuTimes[]>(arms.map((a) => [a.id, []]));
    for (let i = 0; i < pairs; i++) {
      // Rotate the order: with two arms ABAB…, with three ABC, BCA, CAB…, and so on.
      const order = arms.map((_, k) => arms[(i + k) % arms.length]!);
      const line: string[] = [];
      for (const arm of order) {
        let run: RunFigures | undefined;
        for (let attempt = 0; run === undefined; attempt++) {
          try {
            run = await runOnce(name, arm, caPem, i === 0);
          } catch (error) {
            if (attempt >= RETRIES) throw error;
            log(`  ${name} ${arm.id}: run failed, trying again (${String(error)})`);
          }
        }
        samples.get(arm.id)!.push(run.loadMs);
        if (run.cpu) cpus.get(arm.id)!.push(run.cpu);
        line.push(`${arm.id} ${run.loadMs.toFixed(0)} ms`);
      }
      log(`${name} ${i + 1}/${pairs}: ${line.join(', ')}`);
    }
    const figures = (id: ArmId): ArmFigures | undefined => {
      const s = samples.get(id);
      const c = cpus.get(id) ?? [];
      return s
        ? {
            samples: s.map((v) => round(v, 1)),
            medianMs: round(median(s), 1),
            ...(c.length === s.length ? { cpuMs: meanCpu(c) } : {}),
          }
        : undefined;
    };
    const none = samples.get('none')!;
    const portwatch = samples.get('portwatch')!;
    const noTls = samples.get('portwatch-no-tls');
    const empty = samples.get('empty-listeners');
    const permissionOnly = samples.get('permission-only');
    const overhead = compare(portwatch, none);
    const armFigures: Partial<Record<ArmId, ArmFigures>> = {};
    for (const arm of arms) armFigures[arm.id] = figures(arm.id)!;
    return {
      date: new Date().toISOString(),
      pairs,
      arms: armFigures,
      overhead: { ...overhead, target: check(TARGETS[name], overhead.ratio) },
      ...(noTls ? { tlsListener: compare(portwatch, noTls) } : {}),
      ...(empty
        ? {
            emptyListeners: {
              overNone: compare(empty, none),
              portwatchOver: compare(portwatch, empty),
            },
          }
        : {}),
      ...(permissionOnly ? { permissionOnly: { overNone: compare(permissionOnly, none) } } : {}),
    };
  } finally {
    variant?.remove();
  }
}

/** The mean of each kind of process over the runs (a kind absent from a run counts 0 there). */
function meanCpu(runs: CpuTimes[]): CpuTimes {
  const kinds = new Set(runs.flatMap((r) => Object.keys(r)));
  const mean: CpuTimes = {};
  for (const k of kinds) {
    mean[k] = round(runs.reduce((sum, r) => sum + (r[k] ?? 0), 0) / runs.length, 0);
  }
  return mean;
}

const totalCpu = (c: CpuTimes) => Object.values(c).reduce((a, b) => a + b, 0);

/** `+95 ms (browser +70, extension +40, …)`: where `of` spent more CPU than `over`. */
function cpuDifference(of: CpuTimes, over: CpuTimes): string {
  const kinds = [...new Set([...Object.keys(of), ...Object.keys(over)])]
    .map((k) => [k, (of[k] ?? 0) - (over[k] ?? 0)] as const)
    .filter(([, d]) => Math.abs(d) >= 5)
    .sort((a, b) => b[1] - a[1]);
  const signed = (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(0)}`;
  const parts = kinds.map(([k, d]) => `${k} ${signed(d)}`).join(', ');
  return `${signed(totalCpu(of) - totalCpu(over))} ms${parts ? ` (${parts})` : ''}`;
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const ratioText = (c: Comparison) =>
  `${c.ratio.toFixed(3)} (${c.interval[0].toFixed(2)}–${c.interval[1].toFixed(2)})`;

export const pageload: BenchItem<PageLoadResult> = {
  id: 'pageload',
  title: 'Page-load overhead',
  run: async ({ pairs, browsers, root, log, subject }) => {
    const caPem = ensureCa().certPem;
    const site = await startSite();
    const result: PageLoadResult = {
      extension: subject.name,
      site: {
        url: START_URL,
        hosts: HOST_COUNT,
        subresources: SUBRESOURCES,
        redirects: 'the page (302); two images (301 same host, 302 to another host)',
      },
      measure: 'loadEventEnd − startTime (navigation timing), one load per fresh browser',
      browsers: {},
    };
    try {
      for (const name of browsers) {
        result.browsers[name] = await runBrowser(name, pairs, root, subject, caPem, log);
      }
    } finally {
      await site.close();
    }
    return result;
  },
  merge: (previous, next) => ({ ...next, browsers: { ...previous.browsers, ...next.browsers } }),
  rows: (result) => {
    const { chromium, firefox } = result.browsers;
    const cells = (f: (b: BrowserPageLoad) => string | undefined) => {
      const c = chromium && f(chromium);
      const x = firefox && f(firefox);
      return { ...(c ? { chromium: c } : {}), ...(x ? { firefox: x } : {}) };
    };
    const arm = (id: ArmId) => (b: BrowserPageLoad) => {
      const a = b.arms[id];
      return a ? `${ms(a.medianMs)} (n = ${a.samples.length})` : undefined;
    };
    const name = result.extension ?? 'Portwatch';
    const rows: Row[] = [
      { measure: `Page load, ${ARM_LABELS.none} (median)`, ...cells(arm('none')) },
      { measure: `Page load, ${name} (median)`, ...cells(arm('portwatch')) },
      {
        measure: `Page-load ratio, ${name} / none (95 % CI)`,
        ...cells((b) => `${ratioText(b.overhead)} ${b.overhead.target.met ? '✓' : '✗'}`),
        target: [
          chromium && `Chromium ${TARGETS.chromium.text}`,
          firefox && `Firefox ${TARGETS.firefox.text}`,
        ]
          .filter(Boolean)
          .join(', '),
      },
    ];
    const cpuOver = (id: ArmId) => (b: BrowserPageLoad) => {
      const of = b.arms[id]?.cpuMs;
      const none = b.arms.none?.cpuMs;
      return of && none ? cpuDifference(of, none) : undefined;
    };
    if (chromium?.arms.portwatch?.cpuMs || firefox?.arms.portwatch?.cpuMs) {
      rows.push({ measure: `CPU per load, ${name} − none (mean)`, ...cells(cpuOver('portwatch')) });
    }
    if (chromium?.emptyListeners || firefox?.emptyListeners) {
      rows.push(
        {
          measure: `Page load, ${ARM_LABELS['empty-listeners']} (median)`,
          ...cells(arm('empty-listeners')),
        },
        {
          measure: 'Empty listeners / none (95 % CI)',
          ...cells((b) => b.emptyListeners && ratioText(b.emptyListeners.overNone)),
        },
        {
          measure: 'Portwatch / empty listeners (95 % CI)',
          ...cells((b) => b.emptyListeners && ratioText(b.emptyListeners.portwatchOver)),
        },
        {
          measure: 'CPU per load, empty listeners − none (mean)',
          ...cells(cpuOver('empty-listeners')),
        },
      );
    }
    if (chromium?.permissionOnly) {
      rows.push(
        {
          measure: `Page load, ${ARM_LABELS['permission-only']} (median)`,
          ...cells(arm('permission-only')),
        },
        {
          measure: 'Permission only / none (95 % CI)',
          chromium: ratioText(chromium.permissionOnly.overNone),
        },
        {
          measure: 'CPU per load, permission only − none (mean)',
          ...cells(cpuOver('permission-only')),
        },
      );
    }
    if (firefox?.tlsListener) {
      rows.push(
        {
          measure: `Page load, ${ARM_LABELS['portwatch-no-tls']} (median)`,
          ...cells(arm('portwatch-no-tls')),
        },
        {
          measure: 'TLS listener cost: Portwatch / Portwatch without it (95 % CI)',
          firefox: `${ratioText(firefox.tlsListener)}, ${firefox.tlsListener.differenceMs >= 0 ? '+' : ''}${firefox.tlsListener.differenceMs.toFixed(0)} ms`,
        },
      );
    }
    return rows;
  },
};
