// Records the trace the core item replays (`npm run bench -- --record-trace`): Portwatch's own
// background, built from src/ with esbuild as it is, except that two imports of
// src/background/index.ts are swapped for spies (reducer-spy.ts, tab-store-spy.ts) that note every
// event the background hands to reduceTab and the tab it is for. That build replaces background.js
// in a copy of dist/chrome (content script, manifest and all else as built), which runs in
// Chromium while 50 tabs walk the walk site (walk-site.ts) until TRACE_EVENTS events have been
// reduced; the first TRACE_EVENTS are written to bench/traces/.
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { TabEvent } from '../../src/core/events';
import { ensureCa } from '../../test/lab/ca';
import { waitFor } from '../../test/e2e/wait';
import { launchForBench } from '../launch';
import { startWalkSite, walkStart, WALK_ALL_HOSTS } from '../walk-site';
import { TRACE_FORMAT, writeTrace } from './file';
import { TRACE_GLOBAL } from './recording';

export const TRACE_EVENTS = 100_000;
export const TRACE_FILE = join('bench', 'traces', 'chromium-walk-100k.json.br');
const TABS = 50;
const STEPS = 130;

/** Builds the spying background into `outFile`. */
async function buildSpyBackground(root: string, outFile: string): Promise<void> {
  const background = resolve(root, 'src', 'background', 'index.ts');
  const spies: Record<string, string> = {
    '../core/reducer': resolve(root, 'bench', 'trace', 'reducer-spy.ts'),
    './tab-store': resolve(root, 'bench', 'trace', 'tab-store-spy.ts'),
  };
  await build({
    entryPoints: [background],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    outfile: outFile,
    logLevel: 'warning',
    plugins: [
      {
        name: 'spies',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\/(core\/reducer|tab-store)$/ }, (args) =>
            args.importer === background && spies[args.path]
              ? { path: spies[args.path] }
              : undefined,
          );
        },
      },
    ],
  });
}

export async function recordTrace(
  root: string,
  revision: string,
  command: string,
  log: (line: string) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portwatch-bench-recorder-'));
  const caPem = ensureCa().certPem;
  try {
    cpSync(join(root, 'dist', 'chrome'), dir, { recursive: true });
    await buildSpyBackground(root, join(dir, 'background.js'));
    const site = await startWalkSite();
    const bb = await launchForBench('chromium', {
      extensionDir: dir,
      caPem,
      hosts: WALK_ALL_HOSTS,
    }).catch(async (error: unknown) => {
      await site.close();
      throw error;
    });
    const events: Array<[number, TabEvent]> = [];
    try {
      const worker = bb.worker!;
      const drain = async () => {
        const batch = await worker.evaluate(
          (name: string) =>
            (globalThis as unknown as Record<string, unknown[]>)[name]!.splice(0, 5000),
          TRACE_GLOBAL,
        );
        events.push(...(batch as Array<[number, TabEvent]>));
        return batch.length;
      };
      for (let t = 0; t < TABS; t++) {
        const page = await bb.browser.newPage();
        page.goto(walkStart(t, STEPS)).catch(() => undefined);
      }
      await waitFor(
        `${TRACE_EVENTS} events`,
        async () => {
          while ((await drain()) > 0);
          return events.length >= TRACE_EVENTS || site.finished() >= TABS;
        },
        { timeoutMs: 8 * 60_000, intervalMs: 1000 },
      );
      log(`trace: ${events.length} events after ${site.pages()} pages`);
    } finally {
      await bb.close();
      await site.close();
    }
    if (events.length < TRACE_EVENTS) {
      throw new Error(`only ${events.length} events recorded: walk more pages (STEPS)`);
    }
    const file = resolve(root, TRACE_FILE);
    const bytes = writeTrace(file, {
      format: TRACE_FORMAT,
      recorded: {
        command,
        revision,
        date: new Date().toISOString(),
        browser: 'chromium',
        workload: `${TABS} tabs walking the bench walk site (bench/walk-site.ts), first ${TRACE_EVENTS} events`,
      },
      events: events.slice(0, TRACE_EVENTS),
    });
    log(
      `trace: wrote ${TRACE_FILE} (${(bytes / 1e6).toFixed(2)} MB, ${statSync(file).size} bytes)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
