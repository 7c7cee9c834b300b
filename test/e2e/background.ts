// Stopping the extension's background and watching it start again, the same way for both
// browsers (see docs/browsers.md, "background stopped"):
// - Chromium: the service worker is closed through the DevTools protocol and stops at once; its
//   target disappears, and the next event (or port) starts a new worker with a new target.
// - Firefox: there is no command to stop an event page, so the browser must be launched with a
//   short `extensions.background.idle.timeout`; `stop()` waits for the suspension. Whether the
//   page runs is read with the synchronous `extension.getBackgroundPage()`, which returns null
//   for a suspended page and, unlike `runtime.getBackgroundPage()`, does not wake it.
// Either way the harness's control page must open no port (LaunchOptions.controlPage), or its
// reconnection wakes the background again at once.
import type { Target } from 'puppeteer-core';
import type { TestBrowser } from './browsers';
import { waitFor } from './wait';

export interface BackgroundControl {
  /** True while a background (service worker or event page) is running. */
  running(): Promise<boolean>;
  /** Stops the background (Chromium) or waits for its suspension (Firefox), then checks it. */
  stop(): Promise<void>;
  /**
   * Waits until a background runs: after `stop()`, necessarily a new instance. A Firefox event
   * page woken by one event is suspended again an idle timeout later, so start waiting before
   * the step that should wake it, not after.
   */
  waitForStart(what: string): Promise<void>;
}

const TIMEOUT_MS = 15_000;

function chromiumControl(tb: TestBrowser): BackgroundControl {
  const isOurWorker = (t: Target) =>
    t.type() === 'service_worker' && t.url().startsWith(tb.extensionBaseUrl);
  const current = () => tb.browser.targets().find(isOurWorker);
  let stopped: Target | undefined;
  return {
    running: () => Promise.resolve(current() !== undefined),
    async stop() {
      const target = current();
      if (!target) throw new Error('no service worker is running to stop');
      const worker = await target.worker();
      if (!worker) throw new Error('the service-worker target has no worker');
      // Target.closeTarget, then a detach so that DevTools does not keep the worker alive.
      await worker.close();
      // Events still queued for the worker start a new one at once: wait for this one only.
      await waitFor(
        'the stopped service worker target to go away',
        () => !tb.browser.targets().includes(target),
        { timeoutMs: TIMEOUT_MS },
      );
      stopped = target;
    },
    async waitForStart(what) {
      await waitFor(
        `a new service worker (${what})`,
        () => {
          const now = current();
          return now !== undefined && now !== stopped;
        },
        { timeoutMs: TIMEOUT_MS },
      );
    },
  };
}

type FirefoxGlobals = { browser?: { extension: { getBackgroundPage(): unknown } } };

function firefoxControl(tb: TestBrowser): BackgroundControl {
  const running = () =>
    tb.inExtension(() => {
      const api = (globalThis as FirefoxGlobals).browser;
      if (!api) throw new Error('no browser.* API in the control page');
      return api.extension.getBackgroundPage() !== null;
    });
  return {
    running,
    async stop() {
      await waitFor(
        'the event page to be suspended (extensions.background.idle.timeout)',
        async () => !(await running()),
        { timeoutMs: TIMEOUT_MS },
      );
    },
    async waitForStart(what) {
      await waitFor(`the event page to start again (${what})`, running, { timeoutMs: TIMEOUT_MS });
    },
  };
}

export function backgroundOf(tb: TestBrowser): BackgroundControl {
  return tb.name === 'chromium' ? chromiumControl(tb) : firefoxControl(tb);
}
