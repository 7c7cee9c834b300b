// Walks lab scenarios (test/lab/scenarios.ts) in real Chromium and Firefox with the built
// extension: one lab and one browser per test file, a fresh tab per scenario, reached the way a
// person would (typed URL, click, form), then the badge and the popup checked against the
// scenario's expectation for that browser. Every wait is for a condition, with a deadline.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab/lab';
import {
  BROWSERS,
  endUrlFor,
  expectationFor,
  type BrowserName,
  type Expectation,
  type Scenario,
} from '../lab/scenario-types';
import { SCENARIOS } from '../lab/scenarios';
import { builtExtension, LAUNCHERS, type TestBrowser } from './browsers';
import { differences, readPopup, waitUntilShown } from './popup-read';
import { SCENARIO_FILES, type ScenarioFile } from './scenario-files';
import { waitFor } from './wait';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(repoRoot, 'artifacts');

/** Scenarios whose popup is kept as a picture (artifacts/, git-ignored). */
const SCREENSHOTS = new Set([
  'secure-443',
  'port-8443',
  'redirect-302',
  'mixed-image',
  'plain-http',
  'tls-untrusted-certificate',
]);

/** Opens the start URL and does what a person would do there to reach the end URL. */
async function reach(
  tb: TestBrowser,
  s: Scenario,
  browser: BrowserName,
  opened: Page[],
): Promise<Page> {
  const first = s.reach.by === 'typed' && s.reach.over !== undefined ? s.reach.over : s.startUrl;
  // A navigation the browser replaces with another (Firefox's fallback from a failed https
  // attempt is a new navigation) rejects too: where the tab ends is checked below.
  const page = await tb.openTab(first, { allowFailure: true });
  opened.push(page);
  if (first !== s.startUrl) await page.goto(s.startUrl);
  if (s.reach.by === 'submit') {
    for (const [name, value] of Object.entries(s.reach.fields)) {
      await page.type(`[name="${name}"]`, value);
    }
  }
  if (s.reach.by !== 'typed') await page.click(s.reach.selector);
  const interstitial = s.browsers?.[browser]?.interstitial;
  if (interstitial) {
    // The browser's own warning is a real page in the tab: go on as a person would. Chromium
    // ignores the button for a moment after showing the page (about half a second here), so
    // click it again until the tab moves on.
    const { proceed, what } = interstitial;
    await waitFor(
      `to get past "${what}" by clicking ${proceed}`,
      async () => {
        if (page.url() === endUrlFor(s, browser)) return true;
        const shown = await page.evaluate(
          (selector, title) =>
            document.readyState === 'complete' &&
            document.title.includes(title) &&
            document.querySelector<HTMLElement>(selector)?.offsetParent != null,
          proceed,
          what,
        );
        if (shown) await page.click(proceed);
        return false;
      },
      { intervalMs: 250 },
    );
  }
  // Chromium's error pages are chrome-error://chromewebdata/ to puppeteer; the tab keeps the URL.
  const endUrl = endUrlFor(s, browser);
  if (!s.fails) {
    await waitFor(`the tab to end on ${endUrl} and finish loading`, async () => {
      if (page.url() !== endUrl) throw new Error(`the tab shows ${page.url()}`);
      return page.evaluate(() => document.readyState === 'complete');
    });
  }
  return page;
}

async function checkPageMarks(page: Page, expected: Expectation): Promise<void> {
  if (!expected.page) return;
  const want = JSON.stringify(expected.page);
  await waitFor(`the page to record ${want}`, async () => {
    const marks = await page.evaluate(() => ({ ...document.body.dataset }));
    const got = Object.fromEntries(Object.keys(expected.page ?? {}).map((k) => [k, marks[k]]));
    if (JSON.stringify(got) !== want) throw new Error(`the page recorded ${JSON.stringify(got)}`);
    return true;
  });
}

async function checkPopupAndBadge(
  tb: TestBrowser,
  s: Scenario,
  browser: BrowserName,
  page: Page,
  popup: Page,
): Promise<void> {
  const expected = expectationFor(s, browser);
  await waitUntilShown(popup, expected, `the popup of ${s.id} to match`);
  await waitFor(`the badge of ${s.id} to be ${JSON.stringify(expected.badge)}`, async () => {
    const badge = await tb.badgeFor(page, endUrlFor(s, browser));
    if (badge !== expected.badge) throw new Error(`the badge is ${JSON.stringify(badge)}`);
    return true;
  });
  // Read once more: a finding that arrived late (while the badge settled) must not be missed.
  expect(differences(await readPopup(popup), expected)).toEqual([]);
  if (SCREENSHOTS.has(s.id)) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.setViewport({ width: 420, height: 900 });
    const path = join(ARTIFACTS, `popup-${s.id}-${browser}.png`);
    await popup.screenshot({ path, fullPage: true });
  }
}

async function runScenario(tb: TestBrowser, s: Scenario, browser: BrowserName): Promise<void> {
  const opened: Page[] = [];
  try {
    const page = await reach(tb, s, browser, opened);
    await checkPageMarks(page, expectationFor(s, browser));
    const popup = await tb.popupFor(page, endUrlFor(s, browser));
    opened.push(popup);
    await checkPopupAndBadge(tb, s, browser, page, popup);
  } finally {
    // Close this scenario's tabs even when it failed, so the next one starts clean.
    await Promise.all(opened.map((p) => p.close().catch(() => undefined)));
  }
}

/**
 * Registers the tests of one file's scenarios in both browsers, sharing one lab for the file.
 * With `runs` above 1, each browser walks them that many times, each time freshly launched: a
 * browser remembers what it learnt of a host (HSTS, an https attempt that failed), so only a new
 * profile meets the scenario as the first time did.
 */
export function describeScenarios(file: ScenarioFile, options: { runs?: number } = {}): void {
  const groups: ReadonlyArray<Scenario['group']> = SCENARIO_FILES[file];
  const scenarios = SCENARIOS.filter((s) => groups.includes(s.group));
  const runs = options.runs ?? 1;
  let lab: Lab | undefined;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  for (const browser of BROWSERS) {
    for (let run = 1; run <= runs; run++) {
      const label = runs > 1 ? `, run ${run} of ${runs}` : '';
      describe(`${browser}: ${groups.join(', ')} scenarios${label}`, () => {
        let tb: TestBrowser | undefined;
        beforeAll(async () => {
          const extensionDir = builtExtension(browser);
          if (!lab) throw new Error('the lab did not start');
          tb = await LAUNCHERS[browser]({ extensionDir, caPem: lab.caPems, hosts: lab.hosts });
        });
        afterAll(async () => {
          await tb?.close();
        });

        for (const s of scenarios) {
          const why = s.browsers?.[browser]?.why;
          const prefs = browser === 'firefox' ? s.browsers?.firefox?.firefoxPrefs : undefined;
          it(`${s.id}: ${s.title}${why ? ' (differs here)' : ''}`, async () => {
            if (!tb || !lab) throw new Error(`${browser} did not start`);
            if (!prefs) return runScenario(tb, s, browser);
            // A default changed for this scenario only: in a browser of its own.
            const own = await LAUNCHERS[browser]({
              extensionDir: builtExtension(browser),
              caPem: lab.caPems,
              hosts: lab.hosts,
              firefoxPrefs: prefs,
            });
            try {
              await runScenario(own, s, browser);
            } finally {
              await own.close();
            }
          });
        }
      });
    }
  }
}
