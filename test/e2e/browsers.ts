// Launches headless Chromium or Firefox ESR with an unpacked extension loaded, a test CA trusted
// and test host names resolved to 127.0.0.1, in a throwaway sandbox per run, following
// docs/browsers.md. Both launchers return the same `TestBrowser` interface.
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import type {
  Browser,
  LaunchOptions as LaunchOptionsOfPuppeteer,
  Page,
  WebWorker,
} from 'puppeteer-core';
import {
  CHROMIUM_DISABLED_FEATURES,
  QUIET_CHROMIUM_FLAGS,
  QUIET_FIREFOX_PREFS,
} from '../lab/quiet-browsers';
import { knownRootOf } from '../lab/ca';
import { chromiumPolicy, firefoxPolicyPrefs, type PolicyValues } from './policy';
import { makeSandbox, trustCaInNssDb } from './sandbox';
import type { Sandbox } from './sandbox';
import { waitFor, withTimeout } from './wait';

export const CHROMIUM_PATH = process.env.PORTWATCH_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.PORTWATCH_FIREFOX ?? '/usr/bin/firefox-esr';

export interface LaunchOptions {
  /** An unpacked extension: the folder holding its manifest.json. */
  extensionDir: string;
  /**
   * PEM of the root CA the browser must trust (e.g. `ensureCa().certPem`), or several: the lab's
   * own first, then others (the lab's second CA).
   */
  caPem: string | readonly string[];
  /**
   * Firefox: the roots (PEM) the extension is told the person knows, as if they had said "I know
   * this authority": a root installed on the computer raises local-root in Firefox, and the lab's
   * pages are not about roots. Default: the lab's own CA (the first of `caPem`). A test about
   * roots passes `[]`.
   */
  knownRoots?: readonly string[];
  /** Host names resolved to 127.0.0.1 (Firefox takes exact names only: no `*.test`). */
  hosts: string[];
  /** Default true. */
  headless?: boolean;
  /** Limit for each awaited step of the harness (launch, extension start, popup…). */
  timeoutMs?: number;
  /** Firefox only: prefs set over the harness's own (e.g. `extensions.background.idle.timeout`). */
  firefoxPrefs?: Record<string, unknown>;
  /**
   * The browser's language (`de`), which the extension's words follow: Chromium's `--lang`;
   * Firefox's `intl.locale.requested`, which needs that language's pack installed (Debian:
   * `firefox-esr-l10n-de`). Default: the browser's own (English here).
   */
  locale?: string;
  /**
   * The extension page (path under the extension's root) the harness calls extension APIs from;
   * default `popup.html`. The popup keeps a port open to the background and reopens it when the
   * background stops, which wakes it again; a page that opens no port (an icon is a document with
   * the extension's APIs too) lets a test keep the background stopped until an event wakes it.
   */
  controlPage?: string;
  /**
   * A sandbox (home and profile) to launch in and keep: a second launch with it is the same
   * browser restarted, with its profile, the extension's storage and the trusted CA. The caller
   * removes it. Default: a fresh sandbox, removed on close.
   */
  sandbox?: Sandbox;
  /** Firefox: the extension's moz-extension UUID (keep it across a restart). Default: random. */
  firefoxUuid?: string;
  /**
   * An organisation's policy for the extension (storage.managed: `{ notify: 'warning', … }`), set
   * for this browser alone (policy.ts); null: the policy removed from a kept sandbox. Default:
   * none, as on most people's computers.
   */
  policy?: PolicyValues | null;
  /**
   * An X display (see xvfb.ts) to run the browser with a window on, not headless: headless
   * Firefox closes every desktop notification as it is created.
   */
  display?: string;
}

export interface OpenTabOptions {
  /** Resolve with the tab even when the navigation fails (TLS errors, dropped connections). */
  allowFailure?: boolean;
}

export interface TestBrowser {
  name: 'chromium' | 'firefox';
  browser: Browser;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionBaseUrl: string;
  /** Chromium's service worker (undefined for Firefox, whose background is an event page). */
  worker?: WebWorker;
  /**
   * Opens a new tab and navigates it to `url`, as a person typing the URL would. A navigation that
   * ends on the browser's error page rejects, unless `allowFailure` (error scenarios expect it).
   */
  openTab(url: string, options?: OpenTabOptions): Promise<Page>;
  /**
   * The extension API's tab id of `page`, found by its URL: `tabUrl` when given (Chromium's
   * `page.url()` is `chrome-error://chromewebdata/` on an error page or interstitial, while the
   * tab's URL stays the one that failed), else `page.url()`.
   */
  tabIdFor(page: Page, tabUrl?: string): Promise<number>;
  /**
   * Opens `popup.html?tab=N` for `page` as a tab and waits until it has rendered; with `view`
   * 'popup', laid out as the toolbar popup is (`&view=popup`).
   */
  popupFor(page: Page, tabUrl?: string, view?: 'popup'): Promise<Page>;
  /** The extension's badge text for the tab of `page`. */
  badgeFor(page: Page, tabUrl?: string): Promise<string>;
  /**
   * Chromium launched with a `policy`: replaces it (null: none), as an administrator's change
   * reaches a running browser. Firefox reads its policies at start only: it throws.
   */
  setPolicy(values: PolicyValues | null): void;
  /**
   * Sends `request` to the background as the options page does (runtime.sendMessage from an
   * extension page) and resolves with its reply.
   */
  ask<R>(request: object): Promise<R>;
  /** Evaluates `fn` in an extension page, where `chrome` / `browser` APIs are available. */
  inExtension<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  close(): Promise<void>;
}

/** Every Chromium launch's quiet flags (exported for the benchmarks, which launch the same way). */
export const QUIET_CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', ...QUIET_CHROMIUM_FLAGS];

/** The prefs of every Firefox launch (exported for the benchmarks, which launch the same way). */
export function firefoxPrefs(
  hosts: string[],
  geckoId: string,
  uuid: string,
): Record<string, unknown> {
  return {
    // Off the network (with MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 in the environment).
    ...QUIET_FIREFOX_PREFS,
    // Test hosts and the extension's moz-extension:// UUID.
    'network.dns.localDomains': hosts.join(','),
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    // Nothing else: HTTPS-First and the other defaults stay as Firefox ships them. A test that
    // needs one off says so and passes it in `firefoxPrefs`.
  };
}

function readManifest(extensionDir: string): Record<string, unknown> {
  const path = join(extensionDir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`no extension at ${extensionDir}: ${path} is missing`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function geckoIdOf(manifest: Record<string, unknown>): string {
  const bss = manifest.browser_specific_settings as { gecko?: { id?: unknown } } | undefined;
  const id = bss?.gecko?.id;
  if (typeof id !== 'string')
    throw new Error('the manifest has no browser_specific_settings.gecko.id');
  return id;
}

/** The few extension APIs the harness calls, the same in both browsers (promise-based). */
interface ExtensionApi {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  runtime: {
    getBackgroundPage?(): Promise<Window | null>;
    sendMessage(message: object): Promise<unknown>;
  };
}
/** In an extension page: `browser` in Firefox, `chrome` in Chromium. */
type ExtensionGlobals = { browser?: ExtensionApi; chrome?: ExtensionApi };

/** puppeteer.launch (whose `timeout` bounds the start) with the executable named in errors. */
async function launch(executablePath: string, options: LaunchOptionsOfPuppeteer): Promise<Browser> {
  try {
    return await puppeteer.launch({ ...options, executablePath });
  } catch (error) {
    throw new Error(`launching ${executablePath} failed: ${String(error)}`, { cause: error });
  }
}

/** Closes the browser (killing it if it does not close in time) and removes its own sandbox. */
async function shutDown(browser: Browser | undefined, sandbox: Sandbox, owned = true) {
  try {
    if (browser) {
      await withTimeout('closing the browser', browser.close(), 15_000).catch(() => {
        browser.process()?.kill('SIGKILL');
      });
    }
  } finally {
    if (owned) sandbox.remove();
  }
}

/** Trusts the CA in a new NSS db; a kept sandbox launched again already has it. */
function trustOnce(
  dbDir: string,
  caPem: string | readonly string[],
  env: Record<string, string>,
): void {
  if (!existsSync(join(dbDir, 'cert9.db'))) trustCaInNssDb(dbDir, caPem, env);
}

interface Driver {
  name: TestBrowser['name'];
  browser: Browser;
  extensionBaseUrl: string;
  worker?: WebWorker;
  timeoutMs: number;
  controlPage?: string;
  /** Navigates `page` to an extension page and resolves once it has loaded. */
  gotoExtensionPage(page: Page, url: string): Promise<void>;
  setPolicy?: TestBrowser['setPolicy'];
  close(): Promise<void>;
}

/** The common part: tab lookup, badge and popup through an extension page kept open as a tab. */
async function makeTestBrowser(driver: Driver): Promise<TestBrowser> {
  const { browser, extensionBaseUrl, timeoutMs, controlPage = 'popup.html' } = driver;
  // popup.html without ?tab= is the one extension page the contract guarantees; it serves as the
  // page from which extension APIs are called unless the test names another.
  const control = await browser.newPage();
  await driver.gotoExtensionPage(control, `${extensionBaseUrl}${controlPage}`);

  const inExtension: TestBrowser['inExtension'] = (fn, ...args) =>
    control.evaluate(fn as (...a: unknown[]) => unknown, ...args) as never;

  const ask: TestBrowser['ask'] = (request) =>
    inExtension(async (r: object) => {
      const g = globalThis as ExtensionGlobals;
      return ((g.browser ?? g.chrome) as ExtensionApi).runtime.sendMessage(r);
    }, request) as never;

  const tabIdFor = async (page: Page, tabUrl?: string): Promise<number> => {
    const url = tabUrl ?? page.url();
    return waitFor(
      `the tab id of ${url} (tabs.query from the extension)`,
      async () => {
        const tabs = await inExtension(async () => {
          const g = globalThis as ExtensionGlobals;
          const api = (g.browser ?? g.chrome) as ExtensionApi;
          return (await api.tabs.query({})).map((t) => ({ id: t.id, url: t.url }));
        });
        const matches = tabs.filter((t) => t.url === url && typeof t.id === 'number');
        if (matches.length > 1) throw new Error(`${matches.length} tabs show ${url}`);
        return matches[0]?.id;
      },
      { timeoutMs },
    );
  };

  const badgeFor = async (page: Page, tabUrl?: string): Promise<string> => {
    const tabId = await tabIdFor(page, tabUrl);
    return inExtension(async (id: number) => {
      const g = globalThis as ExtensionGlobals;
      const api = (g.browser ?? g.chrome) as ExtensionApi;
      return api.action.getBadgeText({ tabId: id });
    }, tabId);
  };

  const popupFor = async (page: Page, tabUrl?: string, view?: 'popup'): Promise<Page> => {
    const tabId = await tabIdFor(page, tabUrl);
    const popup = await browser.newPage();
    const url = `${extensionBaseUrl}popup.html?tab=${tabId}${view ? `&view=${view}` : ''}`;
    await driver.gotoExtensionPage(popup, url);
    await waitFor(
      `the popup ${url} to set data-ready="true"`,
      () => popup.evaluate(() => document.documentElement.dataset.ready === 'true'),
      { timeoutMs },
    );
    return popup;
  };

  const openTab = async (url: string, options: OpenTabOptions = {}): Promise<Page> => {
    const page = await browser.newPage();
    try {
      await withTimeout(`navigating to ${url}`, page.goto(url), timeoutMs);
    } catch (error) {
      // A navigation that never settles is a harness problem, even when failure is expected.
      if (!options.allowFailure || String(error).includes('timed out after')) throw error;
    }
    return page;
  };

  return {
    name: driver.name,
    browser,
    extensionBaseUrl,
    ...(driver.worker ? { worker: driver.worker } : {}),
    openTab,
    tabIdFor,
    popupFor,
    badgeFor,
    ask,
    inExtension,
    setPolicy:
      driver.setPolicy ??
      (() => {
        throw new Error(`${driver.name} was not launched with a policy it can change`);
      }),
    close: driver.close,
  };
}

/** Chromium with the extension loaded unpacked; resolves once its service worker is ready. */
export async function launchChromium(options: LaunchOptions): Promise<TestBrowser> {
  const { extensionDir, caPem, hosts, headless = true, timeoutMs = 30_000 } = options;
  readManifest(extensionDir);
  const owned = options.sandbox === undefined;
  const sandbox = options.sandbox ?? makeSandbox('chromium');
  let browser: Browser | undefined;
  try {
    trustOnce(join(sandbox.home, '.pki', 'nssdb'), caPem, sandbox.env);
    const resolverRules = hosts.map((h) => `MAP ${h} 127.0.0.1`).join(',');
    const policy =
      options.policy !== undefined
        ? chromiumPolicy(sandbox, extensionDir, CHROMIUM_PATH, options.policy)
        : undefined;
    browser = await launch(policy?.executablePath ?? CHROMIUM_PATH, {
      browser: 'chrome',
      headless,
      userDataDir: sandbox.profile,
      env: {
        ...sandbox.env,
        // On Linux, Chromium takes its language from LANGUAGE rather than --lang: give both.
        ...(options.locale ? { LANGUAGE: options.locale } : {}),
        ...policy?.env,
      },
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        ...QUIET_CHROMIUM_ARGS,
        `--disable-features=${CHROMIUM_DISABLED_FEATURES.join(',')}`,
        `--host-resolver-rules=${resolverRules}`,
        `--load-extension=${extensionDir}`,
        `--disable-extensions-except=${extensionDir}`,
        ...(options.locale ? [`--lang=${options.locale}`] : []),
      ],
      timeout: timeoutMs,
    });
    const target = await browser
      .waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
        { timeout: timeoutMs },
      )
      .catch((error: unknown) => {
        throw new Error(`the extension's service worker did not start: ${String(error)}`);
      });
    const extensionId = new URL(target.url()).host;
    const worker = await target.worker();
    if (!worker) throw new Error('the service-worker target has no worker');
    // The target appears before the script has registered its listeners: wait for them.
    await waitFor(
      'the service worker to register its event listeners',
      () =>
        worker.evaluate(() => {
          const api = (globalThis as { chrome?: Record<string, Record<string, unknown>> }).chrome;
          return ['runtime', 'tabs', 'webNavigation', 'webRequest', 'action'].some((ns) =>
            Object.values(api?.[ns] ?? {}).some(
              (event) =>
                (event as { hasListeners?: () => boolean } | null)?.hasListeners?.() === true,
            ),
          );
        }),
      { timeoutMs },
    );
    const launched = browser;
    return await makeTestBrowser({
      name: 'chromium',
      browser: launched,
      extensionBaseUrl: `chrome-extension://${extensionId}/`,
      worker,
      timeoutMs,
      controlPage: options.controlPage,
      ...(policy ? { setPolicy: policy.write } : {}),
      gotoExtensionPage: async (page, url) => {
        await withTimeout(`opening ${url}`, page.goto(url), timeoutMs);
      },
      close: () => shutDown(launched, sandbox, owned),
    });
  } catch (error) {
    await shutDown(browser, sandbox, owned);
    throw error;
  }
}

/** Firefox ESR with the extension installed as a temporary add-on at a preset moz-extension UUID. */
export async function launchFirefox(options: LaunchOptions): Promise<TestBrowser> {
  const { extensionDir, caPem, hosts, headless = true, timeoutMs = 30_000 } = options;
  const wildcards = hosts.filter((h) => h.includes('*'));
  if (wildcards.length > 0) {
    throw new Error(`Firefox resolves exact host names only, not ${wildcards.join(', ')}`);
  }
  const geckoId = geckoIdOf(readManifest(extensionDir));
  const uuid = options.firefoxUuid ?? randomUUID();
  const owned = options.sandbox === undefined;
  const sandbox = options.sandbox ?? makeSandbox('firefox');
  // A temporary add-on is uninstalled when Firefox quits: keep its storage and UUID for the
  // next launch of a kept profile, as a restart keeps an installed add-on's.
  const keep = owned
    ? {}
    : {
        'extensions.webextensions.keepStorageOnUninstall': true,
        'extensions.webextensions.keepUuidOnUninstall': true,
      };
  // Firefox's own notification windows: the machine has no desktop notification service.
  const alerts = options.display ? { 'alerts.useSystemBackend': false } : {};
  let browser: Browser | undefined;
  try {
    // The CA must be in the profile's NSS db before Firefox first opens the profile.
    trustOnce(sandbox.profile, caPem, sandbox.env);
    browser = await launch(FIREFOX_PATH, {
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      headless: options.display ? false : headless,
      userDataDir: sandbox.profile,
      env: {
        ...sandbox.env,
        MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1',
        ...(options.display ? { DISPLAY: options.display } : {}),
      },
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        ...firefoxPrefs(hosts, geckoId, uuid),
        ...keep,
        ...alerts,
        ...(options.locale ? { 'intl.locale.requested': options.locale } : {}),
        ...(options.policy !== undefined
          ? firefoxPolicyPrefs(sandbox, geckoId, options.policy)
          : {}),
        ...options.firefoxPrefs,
      },
      timeout: timeoutMs,
    });
    const launched = browser;
    await withTimeout(
      `installing the add-on ${extensionDir}`,
      launched.installExtension(extensionDir),
      timeoutMs,
    );
    const extensionBaseUrl = `moz-extension://${uuid}/`;
    const testBrowser = await makeTestBrowser({
      name: 'firefox',
      browser: launched,
      extensionBaseUrl,
      timeoutMs,
      controlPage: options.controlPage,
      // goto() never resolves for moz-extension:// pages although they load: start it and poll.
      gotoExtensionPage: async (page, url) => {
        page.goto(url).catch(() => undefined);
        await waitFor(
          `${url} to load`,
          () =>
            page.evaluate((u) => location.href === u && document.readyState === 'complete', url),
          { timeoutMs },
        );
      },
      close: () => shutDown(launched, sandbox, owned),
    });
    // The event page must have run its script before the first navigation, or events are lost.
    await waitFor(
      'the background page to finish loading',
      () =>
        testBrowser.inExtension(async () => {
          const api = (globalThis as ExtensionGlobals).browser;
          const bg = await api?.runtime.getBackgroundPage?.();
          return bg?.document.readyState === 'complete';
        }),
      { timeoutMs },
    );
    await tellKnownRoots(testBrowser, options.knownRoots ?? [firstOf(caPem)]);
    return testBrowser;
  } catch (error) {
    await shutDown(browser, sandbox, owned);
    throw error;
  }
}

const firstOf = (pems: string | readonly string[]): string =>
  typeof pems === 'string' ? pems : pems[0]!;

/** Marks each root known, through the message the popup's "I know this authority" sends. */
async function tellKnownRoots(tb: TestBrowser, pems: readonly string[]): Promise<void> {
  for (const pem of pems) {
    const root = knownRootOf(pem);
    const reply = await tb.ask<{ ok?: boolean } | undefined>({ type: 'know-root', ...root });
    if (reply?.ok !== true)
      throw new Error(`the extension did not take ${root.name} as a known root`);
  }
}

export type Launcher = (options: LaunchOptions) => Promise<TestBrowser>;
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The built, unpacked extension for a browser: dist/chrome or dist/firefox (PORTWATCH_DIST moves dist). */
export function builtExtension(name: TestBrowser['name']): string {
  const dist = resolve(REPO_ROOT, process.env.PORTWATCH_DIST ?? 'dist');
  const dir = join(dist, name === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`${dir}/manifest.json is missing: run npm run build first`);
  }
  return dir;
}

/**
 * A copy of the Chrome build in which the optional `debugger` permission is granted from the
 * start: moved to `permissions`, which Chrome grants on install. A person grants it from the
 * popup, through a prompt no test can click; everything after the grant runs as shipped.
 */
export function chromeWithDebuggerGranted(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portwatch-granted-'));
  cpSync(builtExtension('chromium'), dir, { recursive: true });
  const manifest = readManifest(dir);
  const optional = (manifest.optional_permissions ?? []) as string[];
  if (!optional.includes('debugger')) throw new Error('the Chrome build does not offer debugger');
  manifest.optional_permissions = optional.filter((p) => p !== 'debugger');
  manifest.permissions = [...((manifest.permissions ?? []) as string[]), 'debugger'];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

export const LAUNCHERS: Record<TestBrowser['name'], Launcher> = {
  chromium: launchChromium,
  firefox: launchFirefox,
};

/** Opens one of the extension's own pages (`options.html`…) in a tab, once it has rendered. */
export async function openExtensionPage(tb: TestBrowser, path: string): Promise<Page> {
  const tab = await tb.browser.newPage();
  const url = `${tb.extensionBaseUrl}${path}`;
  // Firefox's navigation to a moz-extension: page never resolves: wait for the page instead.
  tab.goto(url).catch(() => undefined);
  await waitFor(`${path} to render`, () =>
    tab.evaluate(() => document.documentElement.dataset.ready === 'true').catch(() => false),
  );
  return tab;
}

/**
 * Firefox's dark colour scheme, set at launch (BiDi has no media emulation; Chromium's pages
 * emulate it instead): both prefs, so extension pages follow it as content does.
 */
export const FIREFOX_DARK_PREFS = {
  'ui.systemUsesDarkTheme': 1,
  'layout.css.prefers-color-scheme.content-override': 0,
} as const;
