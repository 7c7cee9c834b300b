// A fresh browser for one benchmark run, with or without an unpacked extension, and otherwise
// launched exactly as the end-to-end harness launches it (test/e2e/browsers.ts: the same quiet
// flags and prefs, a throwaway sandbox, the test CA trusted, the site's hosts on 127.0.0.1), so
// that the extension is the only difference between the arms of a pair. Puppeteer's own tab is
// left alone; the extension-page tab used to see the extension ready is closed again before the
// benchmark opens its own tab.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, LaunchOptions, Page, WebWorker } from 'puppeteer-core';
import {
  CHROMIUM_PATH,
  FIREFOX_PATH,
  QUIET_CHROMIUM_ARGS,
  firefoxPrefs,
} from '../test/e2e/browsers';
import { makeSandbox, trustCaInNssDb, type Sandbox } from '../test/e2e/sandbox';
import { waitFor, withTimeout } from '../test/e2e/wait';
import { CHROMIUM_DISABLED_FEATURES } from '../test/lab/quiet-browsers';
import { controlPageOf, type ManifestPages } from './extension-pages';
import type { BrowserName } from './types';

export interface BenchLaunchOptions {
  /** The unpacked extension to load; none for the "no extension" arm. */
  extensionDir?: string;
  caPem: string;
  hosts: string[];
  timeoutMs?: number;
  /**
   * Firefox: the extension page (path) the harness opens to reach the extension's APIs; default
   * the manifest's popup, else its options page (extension-pages.ts).
   */
  controlPage?: string;
  /**
   * Chromium: wait until the service worker has added a webRequest, webNavigation, tabs or runtime
   * listener (default). Another extension (--vs) may add none: false waits 5 s at most for one.
   */
  requireListeners?: boolean;
}

export interface BenchBrowser {
  browser: Browser;
  /** `chrome-extension://ID/` or `moz-extension://UUID/`; only with an extension. */
  extensionBaseUrl?: string;
  /** Chromium: the extension's service worker (its CDP session reads the worker's heap). */
  worker?: WebWorker;
  /** Evaluates `fn` where the extension's APIs are (Chromium: its service worker; Firefox: an
   * extension page opened for it). Only with an extension. */
  inExtension<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  close(): Promise<void>;
}

export interface Manifest extends ManifestPages {
  name?: string;
  default_locale?: string;
  manifest_version?: number;
  browser_specific_settings?: { gecko?: { id?: string } };
  background?: { service_worker?: string; scripts?: string[] };
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

async function shutDown(browser: Browser | undefined, sandbox: Sandbox): Promise<void> {
  try {
    if (browser) {
      await withTimeout('closing the browser', browser.close(), 15_000).catch(() => {
        browser.process()?.kill('SIGKILL');
      });
    }
  } finally {
    sandbox.remove();
  }
}

async function launchChromium(options: BenchLaunchOptions): Promise<BenchBrowser> {
  const { extensionDir, caPem, hosts, timeoutMs = 30_000 } = options;
  const sandbox = makeSandbox('bench-chromium');
  let browser: Browser | undefined;
  try {
    trustCaInNssDb(join(sandbox.home, '.pki', 'nssdb'), caPem, sandbox.env);
    const extensionArgs = extensionDir
      ? [`--load-extension=${extensionDir}`, `--disable-extensions-except=${extensionDir}`]
      : [];
    const launchOptions: LaunchOptions = {
      browser: 'chrome',
      executablePath: CHROMIUM_PATH,
      headless: true,
      userDataDir: sandbox.profile,
      env: sandbox.env,
      // Both arms: without it puppeteer adds --disable-extensions to one arm only.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        ...QUIET_CHROMIUM_ARGS,
        `--disable-features=${CHROMIUM_DISABLED_FEATURES.join(',')}`,
        `--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`,
        ...extensionArgs,
      ],
      timeout: timeoutMs,
    };
    browser = await puppeteer.launch(launchOptions);
    let worker: WebWorker | undefined;
    if (extensionDir) {
      const target = await browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
        { timeout: timeoutMs },
      );
      worker = (await target.worker()) ?? undefined;
      if (!worker) throw new Error('the service-worker target has no worker');
      const w = worker;
      // The target appears before the script has added its listeners. Another extension (--vs)
      // may listen to none of these: after a few seconds its script has surely run.
      const required = options.requireListeners ?? true;
      await waitFor(
        'the service worker to add its listeners',
        () =>
          w.evaluate(() => {
            const api = (globalThis as { chrome?: Record<string, Record<string, unknown>> }).chrome;
            return ['webRequest', 'webNavigation', 'tabs', 'runtime'].some((ns) =>
              Object.values(api?.[ns] ?? {}).some(
                (e) => (e as { hasListeners?: () => boolean } | null)?.hasListeners?.() === true,
              ),
            );
          }),
        { timeoutMs: required ? timeoutMs : 5000 },
      ).catch((error: unknown) => {
        if (required) throw error;
      });
    }
    const launched = browser;
    const base = worker ? /^[a-z-]+:\/\/[^/]+\//.exec(worker.url())?.[0] : undefined;
    return {
      browser: launched,
      ...(base ? { extensionBaseUrl: base } : {}),
      ...(worker ? { worker } : {}),
      inExtension: async (fn, ...args) => {
        if (!worker) throw new Error('no extension in this browser');
        return (await worker.evaluate(fn as (...a: unknown[]) => unknown, ...args)) as never;
      },
      close: () => shutDown(launched, sandbox),
    };
  } catch (error) {
    await shutDown(browser, sandbox);
    throw error;
  }
}

/** Opens an extension page as a tab (goto never resolves for moz-extension:// pages: poll). */
async function openExtensionPage(browser: Browser, url: string, timeoutMs: number): Promise<Page> {
  const page = await browser.newPage();
  page.goto(url).catch(() => undefined);
  await waitFor(
    `${url} to load`,
    () => page.evaluate((u) => location.href === u && document.readyState === 'complete', url),
    { timeoutMs },
  );
  return page;
}

async function launchFirefox(options: BenchLaunchOptions): Promise<BenchBrowser> {
  const { extensionDir, caPem, hosts, timeoutMs = 30_000 } = options;
  const manifest = extensionDir ? readManifest(extensionDir) : undefined;
  const geckoId = manifest?.browser_specific_settings?.gecko?.id ?? 'none@portwatch.bench';
  const uuid = randomUUID();
  const sandbox = makeSandbox('bench-firefox');
  let browser: Browser | undefined;
  try {
    trustCaInNssDb(sandbox.profile, caPem, sandbox.env);
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: sandbox.profile,
      env: { ...sandbox.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: firefoxPrefs(hosts, geckoId, uuid),
      timeout: timeoutMs,
    });
    const launched = browser;
    let pageUrl: string | undefined;
    if (extensionDir) {
      await withTimeout(
        `installing ${extensionDir}`,
        launched.installExtension(extensionDir),
        timeoutMs,
      );
      const controlPage = options.controlPage ?? (manifest && controlPageOf(manifest));
      if (!controlPage) {
        throw new Error(
          `${extensionDir}: the manifest names no popup or options page to reach the extension's APIs from (pass controlPage)`,
        );
      }
      pageUrl = `moz-extension://${uuid}/${controlPage}`;
      // The event page must have run its script before the measured navigation.
      const control = await openExtensionPage(launched, pageUrl, timeoutMs);
      await waitFor(
        'the background page to finish loading',
        () =>
          control.evaluate(async () => {
            const api = (
              globalThis as {
                browser?: { runtime: { getBackgroundPage(): Promise<Window | null> } };
              }
            ).browser;
            const bg = await api?.runtime.getBackgroundPage();
            return bg?.document.readyState === 'complete';
          }),
        { timeoutMs },
      );
      await control.close();
    }
    return {
      browser: launched,
      ...(extensionDir ? { extensionBaseUrl: `moz-extension://${uuid}/` } : {}),
      inExtension: async (fn, ...args) => {
        if (!pageUrl) throw new Error('no extension in this browser');
        const page = await openExtensionPage(launched, pageUrl, timeoutMs);
        try {
          return (await page.evaluate(fn as (...a: unknown[]) => unknown, ...args)) as never;
        } finally {
          await page.close();
        }
      },
      close: () => shutDown(launched, sandbox),
    };
  } catch (error) {
    await shutDown(browser, sandbox);
    throw error;
  }
}

export function launchForBench(
  name: BrowserName,
  options: BenchLaunchOptions,
): Promise<BenchBrowser> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
