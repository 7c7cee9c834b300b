import type { Runtime } from 'webextension-polyfill';
import { browser } from '../shared/ext';
import type { TabReport } from '../core/report';
import { isReportMessage, REPORT_PORT, type WatchTab } from '../shared/messages';

// Follows one tab's report over a runtime port. The MV3 background may be stopped at any
// moment, which disconnects the port: we connect again (waking it) after a short backoff, and
// it answers a new watch with the current report, so the view never depends on it staying up.

const VERDICTS = new Set(['secure', 'notice', 'warning', 'danger', 'none']);

/**
 * The fields every view reads unguarded. isReportMessage only checks that `report` is an object
 * (null passes), and a malformed report must not crash the popup.
 */
function isTabReport(value: unknown, tabId: number): value is TabReport {
  const r = value as Partial<TabReport> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.tabId === tabId &&
    VERDICTS.has(r.verdict as string) &&
    typeof r.headline === 'string' &&
    (r.connection === null || typeof r.connection === 'object') &&
    Array.isArray(r.findings) &&
    Array.isArray(r.origins)
  );
}

/** Delays before reconnecting: quick first, since a stopped worker restarts fast, then capped. */
const BACKOFF_MS = [50, 200, 500, 1000, 2000];

export function watchReport(tabId: number, onReport: (report: TabReport) => void): () => void {
  let port: Runtime.Port | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;

  const retry = (): void => {
    port = null;
    if (stopped) return;
    const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)];
    failures += 1;
    timer = setTimeout(connect, delay);
  };

  const onMessage = (message: unknown): void => {
    // A message is data, never trusted: only a well-formed report for this tab is shown.
    if (!isReportMessage(message) || !isTabReport(message.report, tabId)) return;
    failures = 0;
    onReport(message.report);
  };

  function connect(): void {
    if (stopped) return;
    try {
      port = browser.runtime.connect({ name: REPORT_PORT });
      port.onMessage.addListener(onMessage);
      port.onDisconnect.addListener(retry);
      port.postMessage({ type: 'watch', tabId } satisfies WatchTab);
    } catch {
      retry();
    }
  }

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    port?.disconnect();
    port = null;
  };
}
