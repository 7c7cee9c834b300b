// `npm run screenshots`: pictures of the popup made from the lab, never by hand. Starts the lab
// (test/lab/lab.ts), opens the freshly built extension in Chromium and in Firefox as the
// end-to-end tests do (test/e2e/browsers.ts), reaches a secure page and a downgraded one, and
// photographs each popup as the toolbar shows it (400 px wide, at most 600 px tall), light and
// dark, into docs/images/ (the README shows them); then the stores' pictures into
// artifacts/store/ (store-images.ts: 1280 × 800 and 640 × 400, and the 440 × 280 tile), among
// them each browser's desktop notification, photographed on an Xvfb screen with xwd (xwd.ts).
// The lab serves a shop's page (store-images.ts) on the pages the pictures end on, so a site
// shows behind the popup. Needs the ports the lab uses (run as root), Xvfb and xwd (Debian: xvfb,
// x11-apps), and `npm run build` first; package.json's script does the build and the bundling.
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
import {
  asStoreSizes,
  promoTile,
  SHOP_PAGE,
  STORE_SIZE,
  withNotification,
  withPopup,
} from './store-images';
import { crop, encodePng, notificationBox, settledScreen } from './xwd';
import { waitFor } from '../test/e2e/wait';
import { startXvfb } from '../test/e2e/xvfb';
import { startLab, type Lab } from '../test/lab/lab';
import { BROWSERS, endUrlFor, expectationFor, type BrowserName } from '../test/lab/scenario-types';
import { scenario } from '../test/lab/scenarios';
import type { Route } from '../test/lab/servers';
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

/**
 * The pages the pictures end on with the shop's page as their body, their headers (HSTS) kept,
 * for startLab's `replace`: a site behind the popup, and the scenarios' findings unchanged.
 */
function shopPages(): Record<string, Route> {
  const pages: Record<string, Route> = {};
  for (const id of Object.values(SHOTS)) {
    const s = scenario(id);
    for (const url of BROWSERS.map((b) => endUrlFor(s, b))) {
      const own = s.serves[url];
      if (!own || typeof own === 'function' || 'upgrade' in own) {
        throw new Error(`${id} serves no fixed page at ${url} to put the shop's page in`);
      }
      pages[url] = { ...own, body: SHOP_PAGE };
    }
  }
  return pages;
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

interface ShownNotification {
  id: string;
  /** Its text: Firefox's getAll gives each one's options, Chromium's only `true`. */
  message?: string;
}

/** The notifications API as the extension's pages have it (`chrome` in Chromium). */
interface NotificationsApi {
  notifications: {
    getAll(): Promise<Record<string, { message?: string } | boolean>>;
    clear(id: string): Promise<boolean>;
  };
}
type ExtensionGlobals = { browser?: NotificationsApi; chrome?: NotificationsApi };

/** The notifications the extension has on screen. */
function shownNotifications(tb: TestBrowser): Promise<ShownNotification[]> {
  return tb.inExtension(async () => {
    const g = globalThis as ExtensionGlobals;
    const all = await (g.browser ?? g.chrome)!.notifications.getAll();
    return Object.entries(all).map(([id, n]) =>
      typeof n === 'object' ? { id, message: n.message ?? '' } : { id },
    );
  });
}

function clearNotifications(tb: TestBrowser, ids: string[]): Promise<void> {
  return tb.inExtension(async (list: string[]) => {
    const g = globalThis as ExtensionGlobals;
    const api = (g.browser ?? g.chrome)!;
    await Promise.all(list.map((id) => api.notifications.clear(id)));
  }, ids);
}

/**
 * Which schemes each browser's notification has. Firefox's window follows its dark prefs;
 * Chromium draws its own light whatever the theme (GTK_THEME=Adwaita:dark darkens its window,
 * not its notification), and it takes no flags through the launcher.
 */
const NOTIFICATION_SCHEMES: Record<BrowserName, readonly Scheme[]> = {
  chromium: ['light'],
  firefox: SCHEMES,
};

/**
 * The browser with a window on `display`, where it shows its own notifications: Firefox through
 * the launcher's `display` (headless Firefox closes a notification as it opens, and
 * `alerts.useSystemBackend` goes off); Chromium, whose launcher has no such option and takes
 * this process's environment, with DISPLAY set for its launch alone and no D-Bus session, so
 * that it draws its own rather than handing them to a desktop's notification service.
 */
async function launchOnDisplay(
  name: BrowserName,
  display: string,
  lab: Lab,
  scheme: Scheme,
): Promise<TestBrowser> {
  const options = {
    extensionDir: builtExtension(name),
    caPem: lab.caPems,
    hosts: lab.hosts,
    ...darkPrefs(name, scheme),
  };
  if (name === 'firefox') return LAUNCHERS.firefox({ ...options, display });
  const saved = { DISPLAY: process.env.DISPLAY, DBUS: process.env.DBUS_SESSION_BUS_ADDRESS };
  process.env.DISPLAY = display;
  delete process.env.DBUS_SESSION_BUS_ADDRESS;
  try {
    return await LAUNCHERS.chromium({ ...options, headless: false });
  } finally {
    restoreEnv('DISPLAY', saved.DISPLAY);
    restoreEnv('DBUS_SESSION_BUS_ADDRESS', saved.DBUS);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/**
 * The downgrade's notification on an X screen: xwd photographs the screen with the notification
 * and again once it is closed; what differs is the notification's window, cropped and laid over
 * the page as the tab shows it.
 */
async function notificationShot(tb: TestBrowser, display: string, scheme: Scheme): Promise<void> {
  const s = scenario(SHOTS.downgrade);
  const host = new URL(endUrlFor(s, tb.name)).hostname;
  const page = await tb.openTab(s.startUrl);
  try {
    await page.setViewport(STORE_SIZE);
    await emulate(page, tb, scheme);
    const shown = await waitFor(`the notification of ${s.id} naming ${host}`, async () => {
      const all = await shownNotifications(tb);
      // Chromium gives no text to check: its picture is checked by eye.
      return all.some((n) => n.message?.includes(host) ?? true) ? all : undefined;
    });
    const withIt = await settledScreen(display, 'the notification to open');
    const pagePng = Buffer.from(await page.screenshot());
    await clearNotifications(
      tb,
      shown.map((n) => n.id),
    );
    const without = await settledScreen(display, 'the notification to close', withIt);
    const box = notificationBox(withIt, without);
    const notification = encodePng(crop(withIt, box));
    writeSizes(
      `${tb.name}-${scheme}-notification-downgrade`,
      withNotification(pagePng, notification, box),
    );
  } finally {
    await page.close();
  }
}

/** The notification pictures, each browser on one Xvfb screen (xvfb.ts) in turn. */
async function notificationShots(lab: Lab): Promise<void> {
  const display = await startXvfb();
  try {
    for (const name of BROWSERS) {
      for (const scheme of NOTIFICATION_SCHEMES[name]) {
        const tb = await launchOnDisplay(name, display.name, lab, scheme);
        try {
          await notificationShot(tb, display.name, scheme);
        } finally {
          await tb.close();
        }
      }
    }
  } finally {
    display.stop();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  mkdirSync(STORE_OUT, { recursive: true });
  const summary = storeSummary();
  writeFileSync(join(STORE_OUT, 'promo-440x280.png'), promoTile(process.cwd(), summary));
  const lab: Lab = await startLab({ replace: shopPages() });
  try {
    // First: it fails soonest when Xvfb or xwd is missing.
    await notificationShots(lab);
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
