// `npm run screenshots`: pictures of the popup made from the lab, never by hand. Starts the lab
// (test/lab/lab.ts), opens the freshly built extension in Chromium and in Firefox as the
// end-to-end tests do (test/e2e/browsers.ts), reaches a secure page and a downgraded one, and
// photographs each popup as the toolbar shows it (400 px wide, at most 600 px tall), light and
// dark, into docs/images/ (the README shows them). Needs the ports the lab uses (run as root)
// and `npm run build` first; package.json's script does both the build and the bundling.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { builtExtension, LAUNCHERS, type TestBrowser } from '../test/e2e/browsers';
import { waitFor } from '../test/e2e/wait';
import { startLab, type Lab } from '../test/lab/lab';
import { endUrlFor, expectationFor, type BrowserName } from '../test/lab/scenario-types';
import { scenario } from '../test/lab/scenarios';
import { differences, readPopup } from '../test/e2e/popup-read';

const OUT = resolve('docs/images');
const WIDTH = 400;
const MAX_HEIGHT = 600;
/** Which lab scenario each picture shows. */
const SHOTS = { secure: 'hsts-long', downgrade: 'redirect-302' } as const;
const SCHEMES = ['light', 'dark'] as const;

/** Firefox takes the colour scheme from prefs at launch; Chromium emulates it per page. */
function darkPrefs(browser: BrowserName, scheme: (typeof SCHEMES)[number]) {
  return browser === 'firefox' && scheme === 'dark'
    ? {
        firefoxPrefs: {
          'ui.systemUsesDarkTheme': 1,
          'layout.css.prefers-color-scheme.content-override': 0,
        },
      }
    : {};
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
    await waitFor(`the popup of ${id} to be complete`, async () => {
      const diff = differences(await readPopup(popup), expected);
      if (diff.length > 0) throw new Error(diff.join('; '));
      return true;
    });
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

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const lab: Lab = await startLab();
  try {
    for (const browser of ['chromium', 'firefox'] as const) {
      for (const scheme of SCHEMES) {
        const tb = await LAUNCHERS[browser]({
          extensionDir: builtExtension(browser),
          caPem: lab.caPems,
          hosts: lab.hosts,
          ...darkPrefs(browser, scheme),
        });
        try {
          for (const [name, id] of Object.entries(SHOTS)) {
            await shoot(tb, id, scheme, resolve(OUT, `popup-${name}-${browser}-${scheme}.png`));
          }
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
