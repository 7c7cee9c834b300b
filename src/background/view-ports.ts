import type browser from 'webextension-polyfill';
import type { TabReport } from '../core/report';
import { isWatchTab, REPORT_PORT, type ReportMessage } from '../shared/messages';
import { logError } from './log';
import { fromOwnPage } from './own-page';

// Views (the popup, the full report) open a port and name the tab they show; they get its
// report at once and again on every change. When the background stops, the port closes and
// the view reconnects, which starts the background again.

type Port = browser.Runtime.Port;

const watchers = new Map<number, Set<Port>>();

function send(port: Port, report: TabReport): void {
  const message: ReportMessage = { type: 'report', report };
  try {
    port.postMessage(message);
  } catch (error) {
    logError('report port', error);
  }
}

/** Handles runtime.onConnect. `reportFor` builds the tab's current report. */
export function acceptPort(port: Port, reportFor: (tabId: number) => Promise<TabReport>): void {
  if (port.name !== REPORT_PORT) return;
  // Only our own pages may watch: a content script runs in web pages' processes.
  if (!fromOwnPage(port.sender)) {
    port.disconnect();
    return;
  }
  let watched: number | null = null;
  port.onMessage.addListener((message: unknown) => {
    if (!isWatchTab(message)) return;
    if (watched !== null) watchers.get(watched)?.delete(port);
    watched = message.tabId;
    const set = watchers.get(watched) ?? new Set<Port>();
    set.add(port);
    watchers.set(watched, set);
    reportFor(watched)
      .then((report) => send(port, report))
      .catch((error: unknown) => logError('report', error));
  });
  port.onDisconnect.addListener(() => {
    if (watched !== null) watchers.get(watched)?.delete(port);
  });
}

export function isWatched(tabId: number): boolean {
  return (watchers.get(tabId)?.size ?? 0) > 0;
}

export function publish(report: TabReport): void {
  for (const port of watchers.get(report.tabId) ?? []) send(port, report);
}
