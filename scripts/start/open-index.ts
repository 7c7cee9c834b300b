// Opens the lab index once the extension can see it. web-ext installs the extension only after
// the browser has started (Chromium: CDP Extensions.loadUnpacked; Firefox: a temporary add-on
// over its debugger protocol), so a page given to web-ext's --start-url loads before the
// extension exists and never gets a badge. Instead the browser starts on about:blank with its
// remote protocol on a free port; we connect with puppeteer-core, wait until the extension's
// background has registered its listeners (as the e2e harness does), open the index in the first
// tab, and disconnect, leaving the browser to the person.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { waitFor } from '../../test/e2e/wait';

const TIMEOUT_MS = 60_000;

/** The port a browser wrote to `file` once its remote protocol listens (read by `parse`). */
async function portFrom(
  file: string,
  parse: (text: string) => number | undefined,
): Promise<number> {
  return waitFor(
    `${file} (the browser's remote-protocol port)`,
    () => (existsSync(file) ? parse(readFileSync(file, 'utf8')) : undefined),
    { timeoutMs: TIMEOUT_MS, intervalMs: 200 },
  );
}

async function openIn(browser: Browser, url: string): Promise<void> {
  const [first] = await browser.pages();
  const page: Page = first ?? (await browser.newPage());
  await page.goto(url);
}

/** Chromium: started with --remote-debugging-port=0, it writes the port to DevToolsActivePort. */
export async function openWhenReadyInChromium(userDataDir: string, url: string): Promise<void> {
  const port = await portFrom(join(userDataDir, 'DevToolsActivePort'), (text) => {
    const n = Number(text.split('\n')[0]);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  });
  const browser = await puppeteer.connect({
    browserURL: `http://127.0.0.1:${port}`,
    defaultViewport: null,
  });
  try {
    const target = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
      { timeout: TIMEOUT_MS },
    );
    const worker = await target.worker();
    // The worker's target appears before its script has added its listeners.
    await waitFor(
      "the extension's service worker to add its listeners",
      () =>
        worker?.evaluate(() => {
          const api = (globalThis as { chrome?: Record<string, Record<string, unknown>> }).chrome;
          return ['webRequest', 'webNavigation'].every((ns) =>
            Object.values(api?.[ns] ?? {}).some(
              (e) => (e as { hasListeners?: () => boolean } | null)?.hasListeners?.() === true,
            ),
          );
        }),
      { timeoutMs: TIMEOUT_MS },
    );
    await openIn(browser, url);
  } finally {
    await browser.disconnect();
  }
}

/**
 * Firefox: started with --remote-debugging-port=0 it writes WebDriverBiDiServer.json to the
 * profile. The add-on's pages are at the UUID preset in prefs.js; opening one over BiDi needs
 * --remote-allow-system-access. Before web-ext has installed the add-on the page fails to load,
 * so the navigation is repeated until it does. Then each of `knownRoots` is marked known, as
 * the popup's "I know this authority" does, before the index opens.
 */
export async function openWhenReadyInFirefox(
  profileDir: string,
  extensionBaseUrl: string,
  url: string,
  knownRoots: ReadonlyArray<{ spki: string; name: string }> = [],
): Promise<void> {
  const port = await portFrom(join(profileDir, 'WebDriverBiDiServer.json'), (text) => {
    try {
      const n = (JSON.parse(text) as { ws_port?: unknown }).ws_port;
      return typeof n === 'number' && n > 0 ? n : undefined;
    } catch {
      return undefined; // still being written
    }
  });
  const browser = await puppeteer.connect({
    browserWSEndpoint: `ws://127.0.0.1:${port}/session`,
    protocol: 'webDriverBiDi',
    defaultViewport: null,
  });
  try {
    const probe = await browser.newPage();
    // An icon is an extension document too, and runs no script of ours.
    const probeUrl = `${extensionBaseUrl}icons/neutral-16.png`;
    await waitFor(
      "Firefox's background page to finish loading",
      async () => {
        const loaded = await probe.evaluate(
          (u) => location.href === u && document.readyState === 'complete',
          probeUrl,
        );
        if (!loaded) {
          // goto() never resolves for moz-extension:// pages: start it and look again later.
          probe.goto(probeUrl).catch(() => undefined);
          return false;
        }
        return probe.evaluate(async () => {
          type Runtime = { getBackgroundPage(): Promise<Window | null> };
          const api = (globalThis as { browser?: { runtime: Runtime } }).browser;
          const bg = await api?.runtime.getBackgroundPage();
          return bg?.document.readyState === 'complete';
        });
      },
      { timeoutMs: TIMEOUT_MS, intervalMs: 500 },
    );
    for (const root of knownRoots) {
      await probe.evaluate(async (r) => {
        type Runtime = { sendMessage(m: object): Promise<unknown> };
        const api = (globalThis as { browser?: { runtime: Runtime } }).browser;
        await api?.runtime.sendMessage({ type: 'know-root', ...r });
      }, root);
    }
    await probe.close();
    await openIn(browser, url);
  } finally {
    await browser.disconnect();
  }
}
