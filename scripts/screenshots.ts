// `npm run screenshots`: pictures of the popup made from the lab, never by hand. Starts the lab
// (test/lab/lab.ts), opens the freshly built extension in Chromium and in Firefox as the
// end-to-end tests do (test/e2e/browsers.ts), reaches a secure page and a downgraded one, and
// photographs each popup as the toolbar shows it (400 px wide, at most 600 px tall), light and
// dark, into docs/images/ (the README shows them); then the stores' pictures into
// artifacts/store/ (store-images.ts: 1280 × 800 and 640 × 400, and the 440 × 280 tile). Needs the ports the lab uses (run as root)
// and `npm run build` first; package.json's script does both the build and the bundling.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  builtExtension,
  chromeWithDebuggerGranted,
  FIREFOX_DARK_PREFS,
  LAUNCHERS,
  openExtensionPage,
  type TestBrowser,
} from '../test/e2e/browsers';
import { asStoreSizes, promoTile, STORE_SIZE, withPopup } from './store-images';
import { waitFor } from '../test/e2e/wait';
import { startLab, type Lab } from '../test/lab/lab';
import { endUrlFor, expectationFor, type BrowserName } from '../test/lab/scenario-types';
import { scenario } from '../test/lab/scenarios';
import { waitUntilShown } from '../test/e2e/popup-read';

const OUT = resolve('docs/images');
/** The stores' pictures: too many and too large for the repository. */
const STORE_OUT = resolve('artifacts/store');
const WIDTH = 400;
const MAX_HEIGHT = 600;
/** Which lab scenario each picture shows. */
const SHOTS = { secure: 'hsts-long', downgrade: 'redirect-302' } as const;
const SCHEMES = ['light', 'dark'] as const;

/** Firefox takes the colour scheme from prefs at launch; Chromium emulates it per page. */
function darkPrefs(browser: BrowserName, scheme: (typeof SCHEMES)[number]) {
  return browser === 'firefox' && scheme === 'dark' ? { firefoxPrefs: FIREFOX_DARK_PREFS } : {};
}

/** The store summary: the extension's English description. */
function storeSummary(): string {
  const messages = JSON.parse(
    readFileSync(resolve('src/_locales/en/messages.json'), 'utf8'),
  ) as Record<string, { message: string }>;
  return messages['extDescription']?.message ?? '';
}

async function shoot(tb: TestBrowser, id: string, scheme: string, path: string): Promise<void> {
  const s = scenario(id);
  const page = await tb.openTab(s.startUrl);
  const popup: Page = await tb.popupFor(page, endUrlFor(s, tb.name), 'popup');
  try {
    await popup.setViewport({ width: WIDTH, height: MAX_HEIGHT });
    if (tb.name === 'chromium')
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    const expected = expectationFor(s, tb.name);
    await waitUntilShown(popup, expected, `the popup of ${id} to be complete`);
    // As tall as the popup would be, up to what the browser gives a popup.
    const height = await popup.evaluate(() =>
      Math.ceil(document.body.getBoundingClientRect().bottom),
    );
    await popup.screenshot({
      path,
      clip: { x: 0, y: 0, width: WIDTH, height: Math.min(height, MAX_HEIGHT) },
    });
    console.info(`wrote ${path}`);
  } finally {
    await popup.close();
    await page.close();
  }
}

type Scheme = (typeof SCHEMES)[number];

async function emulate(page: Page, tb: TestBrowser, scheme: Scheme): Promise<void> {
  if (tb.name === 'chromium')
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
}

function writeSizes(name: string, images: { large: Buffer; small: Buffer }): void {
  const { width, height } = STORE_SIZE;
  writeFileSync(join(STORE_OUT, `${name}-${width}x${height}.png`), images.large);
  writeFileSync(join(STORE_OUT, `${name}-${width / 2}x${height / 2}.png`), images.small);
  console.info(`wrote artifacts/store/${name}-*.png`);
}

/**
 * The store's pictures in one browser and scheme: the popup over a downgraded page, and over a
 * secure page with its certificate section open (Chromium: after the person's read, with the
 * permission granted as the tests grant it); the options page; the history page.
 */
async function storeShots(tb: TestBrowser, scheme: Scheme): Promise<void> {
  const prefix = `${tb.name}-${scheme}`;
  for (const [name, id] of Object.entries(SHOTS)) {
    const s = scenario(id);
    const page = await tb.openTab(s.startUrl);
    await page.setViewport(STORE_SIZE);
    await emulate(page, tb, scheme);
    const popup = await tb.popupFor(page, endUrlFor(s, tb.name), 'popup');
    try {
      await popup.setViewport({ width: WIDTH, height: MAX_HEIGHT });
      await emulate(popup, tb, scheme);
      await waitUntilShown(popup, expectationFor(s, tb.name), `the popup of ${id}`);
      if (name === 'secure') {
        if (tb.name === 'chromium') {
          await popup.click('[data-action="inspect"]');
          await waitFor('the certificate read', () =>
            popup.$('[data-section="tls"][data-tls-state="available"]'),
          );
        }
        await popup.click('[data-disclosure="certificate"] > summary');
      }
      const height = await popup.evaluate(() =>
        Math.ceil(document.body.getBoundingClientRect().bottom),
      );
      const size = { width: WIDTH, height: Math.min(height, MAX_HEIGHT) };
      const popupPng = Buffer.from(await popup.screenshot({ clip: { x: 0, y: 0, ...size } }));
      const pagePng = Buffer.from(await page.screenshot());
      writeSizes(`${prefix}-popup-${name}`, withPopup(pagePng, popupPng, size, scheme === 'dark'));
    } finally {
      await popup.close();
      await page.close();
    }
  }
  for (const path of ['options.html', 'history.html']) {
    const page = await openExtensionPage(tb, path);
    try {
      await page.setViewport(STORE_SIZE);
      await emulate(page, tb, scheme);
      writeSizes(
        `${prefix}-${path.replace('.html', '')}`,
        asStoreSizes(Buffer.from(await page.screenshot())),
      );
    } finally {
      await page.close();
    }
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  mkdirSync(STORE_OUT, { recursive: true });
  const summary = storeSummary();
  writeFileSync(join(STORE_OUT, 'promo-440x280.png'), promoTile(process.cwd(), summary));
  const lab: Lab = await startLab();
  try {
    for (const browser of ['chromium', 'firefox'] as const) {
      for (const scheme of SCHEMES) {
        const tb = await LAUNCHERS[browser]({
          // Chromium with the certificate permission granted, as a person who asked for the
          // read has it (chromeWithDebuggerGranted): the store shows a certificate.
          extensionDir:
            browser === 'chromium' ? chromeWithDebuggerGranted() : builtExtension(browser),
          caPem: lab.caPems,
          hosts: lab.hosts,
          ...darkPrefs(browser, scheme),
        });
        try {
          for (const [name, id] of Object.entries(SHOTS)) {
            await shoot(tb, id, scheme, resolve(OUT, `popup-${name}-${browser}-${scheme}.png`));
          }
          await storeShots(tb, scheme);
        } finally {
          await tb.close();
        }
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
