import browser from 'webextension-polyfill';
import type { TabEvent } from '../core/events';
import { reduceTab } from '../core/reducer';
import { wouldResubmit } from '../core/report';
import { isInspectTab, isPageRequest, isReferencesMessage } from '../shared/messages';
import { policyChanges } from '../shared/policy-changes';
import { repaintAfterBadgeClears } from './badge-clears';
import { HistoryStore } from './history-store';
import { HostMemoryStore } from './host-memory';
import { tidyAfterSettingsChange, tidyAtStart } from './housekeeping';
import { guard, logError } from './log';
import { openNotifiedReport } from './notifications';
import { fromOwnPage } from './own-page';
import { alertRaiser } from './raise-alerts';
import { Refresher } from './refresh';
import { acceptPort } from './view-ports';
import { answer, type RequestDeps } from './requests';
import {
  applyPolicyChange,
  applySettingsChange,
  getPolicy,
  getSettings,
  resetSettings,
  saveSettings,
} from './settings-store';
import { TabStore } from './tab-store';
import { hasSecurityInfo } from './tls-firefox';
import { tlsProvider } from './tls-source';
import {
  isTabRequest,
  toCommit,
  toHistoryState,
  toError,
  toNavigate,
  toOriginIp,
  toRedirect,
  toReferences,
  toRequest,
  toResponse,
} from './to-events';
import { forgetToolbar } from './toolbar';
import { consultMemory, learnVisit, type VisitDeps } from './visits';

// The background's wiring: browser events in, core events out. MV3 may stop it at any moment, so
// every listener is registered here, synchronously, at top level, and every fact lives in
// storage.session (TabStore), never only in memory. One event's path: a listener here → an
// adapter (to-events.ts) → dispatch → TabStore.update → reduceTab (core) → Refresher (refresh.ts:
// report, toolbar, open views, alerts). docs/architecture.md walks it.

// `refresher` is made below; the store calls back only once events flow, after that.
const store = new TabStore(browser.storage.session, (tabId) => refresher.schedule(tabId));

function dispatch(
  tabId: number,
  event: TabEvent,
  options?: Parameters<TabStore['update']>[2],
): Promise<void> {
  return store.update(tabId, (state) => reduceTab(state, event), options);
}

const memory = new HostMemoryStore(browser.storage.local);
const history = new HistoryStore(browser.storage.local);
const visits: VisitDeps = {
  memory,
  settings: getSettings,
  dispatch,
  state: (tabId) => store.get(tabId),
};

/**
 * Where TLS details come from in this browser (registers its listeners now, at top level). A
 * page's certificate, once in, is remembered for its host.
 */
const tls = tlsProvider((tabId, event) => {
  const applied = dispatch(tabId, event);
  if (event.type === 'security' && event.kind !== 'sub_frame')
    void applied.then(() => learnVisit(visits, tabId));
});

const refresher = new Refresher({
  store,
  tlsSource: () => tls.source(),
  raiseAlerts: alertRaiser(store, history),
});

// Where each browser clears the badge by itself, and when it is painted again (badge-clears.ts).
const badgeCleared = repaintAfterBadgeClears((tabId) =>
  refresher.schedule(tabId, { repaint: true }),
);

const requestDeps: RequestDeps = {
  settings: getSettings,
  saveSettings,
  resetSettings,
  policy: getPolicy,
  tlsSource: () => tls.source(),
  memory,
  history,
  now: Date.now,
};

tidyAtStart({ store, memory, history });

/** Rebuilds every open tab's report (after a change that can touch any of them). */
function refreshAll(): void {
  void browser.tabs.query({}).then((tabs) => {
    for (const tab of tabs) if (tab.id !== undefined) refresher.schedule(tab.id);
  });
}

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

/** Firefox's status line tells the HTTP version; Chrome's does not (to-events.ts toResponse). */
const statusLineVersion = hasSecurityInfo();

browser.webRequest.onResponseStarted.addListener(
  guard('onResponseStarted', (d: browser.WebRequest.OnResponseStartedDetailsType) => {
    if (isTabRequest(d)) void dispatch(d.tabId, toResponse(d, statusLineVersion));
  }),
  { urls: URLS, types: ['main_frame'] },
  ['responseHeaders'],
);

// Every other response: the address each other origin's server answered from. It fires for every
// subresource, so it asks for no headers, dispatches only where the browser names an address, and
// its update is quiet unless it changed something: the reducer keeps an origin's first address
// only and leaves the state as it was for every later one (reducer-page.ts onOriginIp), so those
// neither write to storage nor rebuild the report. (A filter cannot leave main_frame out: the
// types each browser knows differ, and an unknown one fails the registration.)
browser.webRequest.onResponseStarted.addListener(
  guard('onResponseStarted (origins)', (d: browser.WebRequest.OnResponseStartedDetailsType) => {
    const event = isTabRequest(d) ? toOriginIp(d) : null;
    if (event) void dispatch(d.tabId, event, { quiet: 'unless-changed' });
  }),
  { urls: URLS },
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
    badgeCleared(d.tabId);
    void dispatch(d.tabId, toCommit(d));
    void consultMemory(visits, d.tabId, d.url);
  }),
);

// A single-page app changes its URL without a new document: the page follows it.
browser.webNavigation.onHistoryStateUpdated.addListener(
  guard('onHistoryStateUpdated', (d: browser.WebNavigation.OnHistoryStateUpdatedDetailsType) => {
    if (d.frameId !== 0 || !isTabRequest(d)) return;
    void dispatch(d.tabId, toHistoryState(d));
  }),
);

browser.webNavigation.onCompleted.addListener(
  guard('onCompleted', (d: browser.WebNavigation.OnCompletedDetailsType) => {
    if (d.frameId !== 0 || !isTabRequest(d)) return;
    badgeCleared(d.tabId);
    void dispatch(d.tabId, { type: 'settled', url: d.url, time: Date.now() });
  }),
);

// A failed navigation is over: its error page shows (Chromium never commits it).
browser.webNavigation.onErrorOccurred.addListener(
  guard('webNavigation.onErrorOccurred', (d: browser.WebNavigation.OnErrorOccurredDetailsType) => {
    if (d.frameId !== 0 || !isTabRequest(d)) return;
    badgeCleared(d.tabId);
    void dispatch(d.tabId, { type: 'settled', url: d.url, time: Date.now() });
  }),
);

browser.tabs.onRemoved.addListener(
  guard('tabs.onRemoved', async (tabId: number) => {
    refresher.cancel(tabId);
    forgetToolbar(tabId);
    await store.remove(tabId);
  }),
);

browser.tabs.onReplaced.addListener(
  guard('tabs.onReplaced', async (addedTabId: number, removedTabId: number) => {
    const state = await store.get(removedTabId);
    await store.update(addedTabId, () => state);
    refresher.cancel(removedTabId);
    forgetToolbar(removedTabId);
    await store.remove(removedTabId);
  }),
);

/** Reads the tab's certificate, unless the reload that needs would send a form again. */
async function inspectUnlessForm(tabId: number): Promise<void> {
  const page = (await store.get(tabId)).page;
  if (page && wouldResubmit(page)) return;
  await tls.inspect(tabId);
}

browser.runtime.onMessage.addListener(
  guard('onMessage', (message: unknown, sender: browser.Runtime.MessageSender) => {
    if (isInspectTab(message)) {
      if (fromOwnPage(sender)) void inspectUnlessForm(message.tabId);
      return;
    }
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0 || !isReferencesMessage(message)) return;
    // Chrome names the sending document: the references join that document's page, whatever
    // URL a single-page app has given itself since (core/reducer-page.ts onReferences).
    void dispatch(tabId, toReferences(message, sender as { documentId?: unknown }, Date.now()));
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
    acceptPort(port, (tabId) => refresher.reportFor(tabId));
  }),
);

// storage.local's own event, not storage.onChanged: that one also fires for every write of a tab's
// state to storage.session (a dozen per page load), each carrying the old and the new state.
browser.storage.local.onChanged.addListener(
  guard('storage.local.onChanged', (changes: Record<string, browser.Storage.StorageChange>) => {
    if (!applySettingsChange(changes)) return;
    // A settings change (the allowlist, say) can change any tab's findings: repaint them all.
    refreshAll();
    tidyAfterSettingsChange({ store, memory, history });
  }),
);

// Chrome re-reads an organisation's policies while it runs and tells of a change here; Firefox
// reads them once, at start (shared/policy-changes.ts).
policyChanges(browser)?.addListener(
  guard('storage.managed.onChanged', () => {
    void applyPolicyChange().then(() => {
      refreshAll();
      tidyAfterSettingsChange({ store, memory, history });
    });
  }),
);

// Granting or removing Chrome's debugger permission changes what every open report can offer.
browser.permissions.onAdded.addListener(guard('permissions.onAdded', refreshAll));
browser.permissions.onRemoved.addListener(guard('permissions.onRemoved', refreshAll));
