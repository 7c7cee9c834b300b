// Records the webRequest and webNavigation events a browser delivers while a lab scenario runs,
// in the order they arrive, with the recorder extension (./extension) instead of Portwatch. The
// unit tests replay such recordings (test/fixtures/events/) through Portwatch's own adapters.
//
//   npm run record -- chromium|firefox SCENARIO_ID [SCENARIO_ID…] [--runs N] [--out DIR]
//
// Each run is a new browser, as the browsers remember what they learnt of a host.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startLab } from '../lab/lab';
import { endUrlFor, type BrowserName } from '../lab/scenario-types';
import { scenario } from '../lab/scenarios';
import { LAUNCHERS, type TestBrowser } from '../e2e/browsers';
import { waitFor } from '../e2e/wait';

const EXTENSION = resolve('test', 'recorder', 'extension');

/** The events recorded so far, emptied. */
async function drain(tb: TestBrowser): Promise<unknown[]> {
  if (tb.worker) {
    return tb.worker.evaluate(() =>
      (globalThis as unknown as { recorded: unknown[] }).recorded.splice(0),
    );
  }
  return tb.inExtension(async () => {
    const api = (
      globalThis as unknown as {
        browser: { runtime: { getBackgroundPage(): Promise<{ recorded: unknown[] }> } };
      }
    ).browser;
    const page = await api.runtime.getBackgroundPage();
    return page.recorded.splice(0);
  });
}

async function recordOne(tb: TestBrowser, id: string, browser: BrowserName): Promise<unknown[]> {
  const s = scenario(id);
  await drain(tb);
  const page = await tb.openTab(s.startUrl, { allowFailure: true });
  if (s.reach.by === 'click') await page.click(s.reach.selector);
  if (s.reach.by === 'submit') throw new Error('the recorder does not fill in forms');
  const end = endUrlFor(s, browser);
  await waitFor(
    `the tab to end on ${end}`,
    async () =>
      page.url() === end && (await page.evaluate(() => document.readyState === 'complete')),
  );
  // Late events (Firefox delivers some after the load is over).
  await new Promise((r) => setTimeout(r, 1500));
  const events = await drain(tb);
  await page.close();
  return events;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args.splice(i, 2)[1];
  };
  const runs = Number(option('--runs') ?? '1');
  const out = option('--out') ?? join('.lab', 'recordings');
  const [browser, ...ids] = args as [BrowserName, ...string[]];
  if (!LAUNCHERS[browser] || ids.length === 0) {
    throw new Error(
      'usage: npm run record -- chromium|firefox SCENARIO_ID… [--runs N] [--out DIR]',
    );
  }
  const lab = await startLab();
  try {
    for (let run = 1; run <= runs; run++) {
      const tb = await LAUNCHERS[browser]({
        extensionDir: EXTENSION,
        caPem: lab.caPems,
        hosts: lab.hosts,
      });
      try {
        for (const id of ids) {
          const events = await recordOne(tb, id, browser);
          mkdirSync(out, { recursive: true });
          const file = join(out, `${browser}-${id}-${run}.json`);
          writeFileSync(file, `${JSON.stringify(events, null, 1)}\n`);
          console.info(`${file}: ${events.length} events`);
        }
      } finally {
        await tb.close();
      }
    }
  } finally {
    await lab.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
