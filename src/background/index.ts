import browser from 'webextension-polyfill';
import { badgeFor } from '../core/badge';
import type { TabEvent } from '../core/events';
import { reduceTab } from '../core/reducer';
import { buildReport, type TabReport } from '../core/report';
import type { TabState } from '../core/tab-state';
import { alertsFor, markAlerted, newAlerts, NO_ALERTS, type Alerts } from '../core/alerts';
import type { Finding } from '../core/findings';
import { historyEntry } from '../core/history';
import { isInspectTab, isPageRequest, isReferencesMessage } from '../shared/messages';
import { HistoryStore } from './history-store';
import { openNotifiedReport, showNotifications } from './notifications';
import { answer, type RequestDeps } from './requests';
import { guard, logError } from './log';
import { acceptPort, publish } from './report-ports';
import { applySettingsChange, getSettings, saveSettings } from './settings-store';
import { HostMemoryStore } from './host-memory';
import { TabStore } from './tab-store';
import { tlsProvider } from './tls-source';
import {
  isTabRequest,
  toCommit,
  toError,
  toNavigate,
  toRedirect,
  toRequest,
  toResponse,
} from './to-events';
import { applyToolbar, forgetToolbar } from './toolbar';
import { consultMemory, learnVisit, type VisitDeps } from './visits';

// The background: browser events in, core events out, results to the toolbar and to open views.
// MV3 may stop it at any moment, so every listener is registered here, synchronously, at top
// level, and every fact lives in storage.session (TabStore), never only in memory.

/** Tabs whose toolbar must be repainted even if unchanged (Firefox clears it on navigation). */
const repaint = new Set<number>();

/**
 * A page load sends hundreds of events; the report, badge and alerts are rebuilt at most once per
 * REFRESH_DELAY_MS per tab, from the tab's latest state, not once per event.
 */
const REFRESH_DELAY_MS = 100;
const refreshTimers = new Map<number, ReturnType<typeof setTimeout>>();

function scheduleRefresh(tabId: number): void {
  if (refreshTimers.has(tabId)) return;
  const timer = setTimeout(() => {
    refreshTimers.delete(tabId);
    const force = repaint.delete(tabId);
    store
      .get(tabId)
      .then((state) => refresh(tabId, state, force))
      .catch((error: unknown) => logError(`refresh tab ${tabId}`, error));
  }, REFRESH_DELAY_MS);
  refreshTimers.set(tabId, timer);
}

function cancelRefresh(tabId: number): void {
  clearTimeout(refreshTimers.get(tabId));
  refreshTimers.delete(tabId);
}

const store = new TabStore(browser.storage.session, (tabId) => scheduleRefresh(tabId));

async function reportOf(tabId: number, state: TabState): Promise<TabReport> {
  const tlsSource = await tls.source();
  return buildReport(tabId, state, await getSettings(), { now: Date.now(), tlsSource });
}

async function refresh(tabId: number, state: TabState, force: boolean): Promise<void> {
  // Stored before it is shown: a background stopped from here on loses nothing on screen.
  await store.flush(tabId);
  const report = await reportOf(tabId, state);
  publish(report);
  await applyToolbar(tabId, badgeFor(report), force);
  await raiseAlerts(tabId, state, report.findings);
}

/**
 * Notifies and logs the page's new findings. The claim is made inside the tab's update, on its
 * latest state, so two refreshes in a row cannot both claim one finding; nothing is updated
 * when there is nothing new (an update triggers a refresh, which would come back here).
 */
async function raiseAlerts(
  tabId: number,
  state: TabState,
  findings: readonly Finding[],
): Promise<void> {
  const settings = await getSettings();
  const now = Date.now();
  // The report's findings are this state's: assessed once, not again for the alerts.
  const wanted = (s: TabState): Alerts =>
    s === state
      ? newAlerts(s.page, findings, settings.notify, settings.historyDays > 0)
      : alertsFor(s, settings, now);
  if (noAlerts(wanted(state))) return;
  let claimed = NO_ALERTS;
  let pageUrl = '';
  await store.update(tabId, (latest) => {
    claimed = wanted(latest);
    pageUrl = latest.page?.url ?? '';
    return markAlerted(latest, claimed);
  });
  const entries = claimed.log.map((f) => historyEntry(f, pageUrl, now));
  // Not awaited: a refresh must not hold its tab state while the history is written.
  history.append(entries, now, settings.historyDays).catch((e: unknown) => logError('history', e));
  if (claimed.notify.length > 0 && browser.notifications) {
    showNotifications(tabId, claimed.notify).catch((e: unknown) => logError('notify', e));
  }
}

function dispatch(tabId: number, event: TabEvent): Promise<void> {
  return store.update(tabId, (state) => reduceTab(state, event));
}

/** Rebuilds a tab's report with no new fact; `force` repaints a toolbar the browser cleared. */
function refreshTab(tabId: number, force: boolean): void {
  if (force) repaint.add(tabId);
  void store.update(tabId, (state) => state);
}

// A tab closed while the background was stopped (Chrome can miss tabs.onRemoved for a tab closed
// just before a stop) leaves its state behind: drop what belongs to no open tab, once per start.
void store.dropAllBut(browser.tabs.query({}).then((tabs) => tabs.map((t) => t.id ?? -1)));

/** Rebuilds every open tab's report (after a change that can touch any of them). */
function refreshAll(): void {
  void browser.tabs.query({}).then((tabs) => {
    for (const tab of tabs) if (tab.id !== undefined) refreshTab(tab.id, false);
  });
}

const visits: VisitDeps = {
  memory: new HostMemoryStore(browser.storage.local),
  settings: getSettings,
  dispatch,
  state: (tabId) => store.get(tabId),
};
const history = new HistoryStore(browser.storage.local);

const requestDeps: RequestDeps = {
  settings: getSettings,
  saveSettings,
  tlsSource: () => tls.source(),
  memory: visits.memory,
  history,
  now: Date.now,
};

const noAlerts = (a: Alerts): boolean => a.notify.length === 0 && a.log.length === 0;

// Memories and history past their time are forgotten at start (memories at most daily).
void getSettings().then(async (settings) => {
  await visits.memory.pruneIfDue(Date.now(), settings, false);
  await history.prune(Date.now(), settings.historyDays);
});

/**
 * Where TLS details come from in this browser (registers its listeners now, at top level). A
 * page's certificate, once in, is remembered for its host.
 */
const tls = tlsProvider((tabId, event) => {
  const applied = dispatch(tabId, event);
  if (event.type === 'security' && event.kind !== 'sub_frame')
    void applied.then(() => learnVisit(visits, tabId));
});

const URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];
const DOCUMENTS: browser.WebRequest.ResourceType[] = ['main_frame', 'sub_frame'];

browser.webRequest.onBeforeRequest.addListener(
  guard('onBeforeRequest', (d: browser.WebRequest.OnBeforeRequestDetailsType) => {
    if (isTabRequest(d)) void dispatch(d.tabId, toRequest(d));
  }),
  { urls: URLS },
);

browser.webRequest.onBeforeRedirect.addListener(
  guard('onBeforeRedirect', (d: browser.WebRequest.OnBeforeRedirectDetailsType) => {
    if (isTabRequest(d)) void dispatch(d.tabId, toRedirect(d));
  }),
  { urls: URLS, types: DOCUMENTS },
);

browser.webRequest.onResponseStarted.addListener(
  guard('onResponseStarted', (d: browser.WebRequest.OnResponseStartedDetailsType) => {
    if (isTabRequest(d)) void dispatch(d.tabId, toResponse(d));
  }),
  { urls: URLS, types: ['main_frame'] },
  ['responseHeaders'],
);

browser.webRequest.onErrorOccurred.addListener(
  guard('onErrorOccurred', (d: browser.WebRequest.OnErrorOccurredDetailsType) => {
    if (isTabRequest(d)) void dispatch(d.tabId, toError(d));
  }),
  { urls: URLS, types: ['main_frame'] },
);

// The URL a navigation sets out for: in Chromium the only sign that its request for an https URL
// is the browser's own upgrade of http (src/core/upgrade.ts). "Always inspect" (Chrome, with the
// permission): attach as a secure navigation starts, so its own response is read, without the
// reload a later read needs.
browser.webNavigation.onBeforeNavigate.addListener(
  guard('onBeforeNavigate', async (d: browser.WebNavigation.OnBeforeNavigateDetailsType) => {
    if (d.frameId !== 0 || !isTabRequest(d)) return;
    void dispatch(d.tabId, toNavigate(d));
    if (!d.url.startsWith('https:')) return;
    if ((await getSettings()).alwaysInspect) await tls.watchNavigation(d.tabId);
  }),
);

browser.webNavigation.onCommitted.addListener(
  guard('onCommitted', (d: browser.WebNavigation.OnCommittedDetailsType) => {
    if (d.frameId !== 0 || !isTabRequest(d)) return;
    repaint.add(d.tabId);
    void dispatch(d.tabId, toCommit(d));
    void consultMemory(visits, d.tabId, d.url);
  }),
);

browser.webNavigation.onCompleted.addListener(
  guard('onCompleted', (d: browser.WebNavigation.OnCompletedDetailsType) => {
    if (d.frameId !== 0 || !isTabRequest(d)) return;
    repaint.add(d.tabId);
    void dispatch(d.tabId, { type: 'settled', url: d.url, time: Date.now() });
  }),
);

// Chromium shows its error page without webNavigation.onCommitted, yet clears the tab's badge
// as it shows it (a TLS error's "ERR" vanished): repaint once the failed navigation is over.
browser.webNavigation.onErrorOccurred.addListener(
  guard('webNavigation.onErrorOccurred', (d: browser.WebNavigation.OnErrorOccurredDetailsType) => {
    if (d.frameId !== 0 || !isTabRequest(d)) return;
    repaint.add(d.tabId);
    void dispatch(d.tabId, { type: 'settled', url: d.url, time: Date.now() });
  }),
);

// Firefox clears a tab's badge in its own onLocationChange, which is not ordered with the events
// the background hears: the clear can land after the repaint made for webNavigation.onCommitted,
// and after a change that webRequest events delivered late made to the badge (a failed
// handshake's ERR, painted, then wiped). tabs.onUpdated with `url` is sent from that same
// onLocationChange, so a repaint made on it lands after the clear. Firefox only: Chrome's
// tabs.onUpdated takes no filter, and would wake its worker for every title and favicon.
if (typeof browser.webRequest.getSecurityInfo === 'function') {
  browser.tabs.onUpdated.addListener(
    guard('tabs.onUpdated', (tabId: number, changeInfo: browser.Tabs.OnUpdatedChangeInfoType) => {
      if (changeInfo.url !== undefined) refreshTab(tabId, true);
    }),
    { properties: ['url'] },
  );
}

browser.tabs.onRemoved.addListener(
  guard('tabs.onRemoved', async (tabId: number) => {
    cancelRefresh(tabId);
    forgetToolbar(tabId);
    await store.remove(tabId);
  }),
);

browser.tabs.onReplaced.addListener(
  guard('tabs.onReplaced', async (addedTabId: number, removedTabId: number) => {
    const state = await store.get(removedTabId);
    await store.update(addedTabId, () => state);
    cancelRefresh(removedTabId);
    forgetToolbar(removedTabId);
    await store.remove(removedTabId);
  }),
);

/** Our own pages (the popup, the report in a tab); content scripts send from the web page's URL. */
function fromOwnPage(sender: browser.Runtime.MessageSender): boolean {
  return (
    sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''))
  );
}

browser.runtime.onMessage.addListener(
  guard('onMessage', (message: unknown, sender: browser.Runtime.MessageSender) => {
    if (isInspectTab(message)) {
      if (fromOwnPage(sender)) void tls.inspect(message.tabId);
      return;
    }
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0 || !isReferencesMessage(message)) return;
    const { pageUrl, urls } = message;
    void dispatch(tabId, { type: 'references', pageUrl, urls, time: Date.now() });
  }),
);

// The options and history pages ask; the reply is the listener's promise.
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (!isPageRequest(message) || !fromOwnPage(sender)) return undefined;
  return answer(requestDeps, message).catch((error: unknown) => {
    logError(`request ${message.type}`, error);
    throw error;
  });
});

// A click on a notification opens that tab's full report.
browser.notifications?.onClicked.addListener(
  guard('notifications.onClicked', (id: string) => openNotifiedReport(id)),
);

browser.runtime.onConnect.addListener(
  guard('onConnect', (port: browser.Runtime.Port) => {
    acceptPort(port, async (tabId) => {
      await store.flush(tabId);
      return reportOf(tabId, await store.get(tabId));
    });
  }),
);

// storage.local's own event, not storage.onChanged: that one also fires for every write of a tab's
// state to storage.session (a dozen per page load), each carrying the old and the new state.
browser.storage.local.onChanged.addListener(
  guard('storage.local.onChanged', (changes: Record<string, browser.Storage.StorageChange>) => {
    if (!applySettingsChange(changes)) return;
    // A settings change (the allowlist, say) can change any tab's findings: repaint them all.
    refreshAll();
    void getSettings().then(async (settings) => {
      await visits.memory.pruneIfDue(Date.now(), settings, true);
      await history.prune(Date.now(), settings.historyDays);
    });
  }),
);

// Granting or removing Chrome's debugger permission changes what every open report can offer.
browser.permissions.onAdded.addListener(guard('permissions.onAdded', refreshAll));
browser.permissions.onRemoved.addListener(guard('permissions.onRemoved', refreshAll));
