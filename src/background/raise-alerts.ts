import browser from 'webextension-polyfill';
import { alertsFor, markAlerted, newAlerts, NO_ALERTS, type Alerts } from '../core/alerts';
import type { Finding } from '../core/findings';
import { historyEntry } from '../core/history';
import type { TabState } from '../core/tab-state';
import type { HistoryStore } from './history-store';
import { logError } from './log';
import { showNotifications } from './notifications';
import { getSettings } from './settings-store';
import type { TabStore } from './tab-store';

// Notifies and logs a page's new findings, once each. The claim is made inside the tab's update,
// on its latest state, so two refreshes in a row cannot both claim one finding. The claim is a
// quiet update: it changes nothing on screen, so it does not rebuild the report again.

const noAlerts = (a: Alerts): boolean => a.notify.length === 0 && a.log.length === 0;

export function alertRaiser(store: TabStore, history: HistoryStore) {
  return async (tabId: number, state: TabState, findings: readonly Finding[]): Promise<void> => {
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
    const claim = (latest: TabState): TabState => {
      claimed = wanted(latest);
      pageUrl = latest.page?.url ?? '';
      return markAlerted(latest, claimed);
    };
    await store.update(tabId, claim, { quiet: true });
    const entries = claimed.log.map((f) => historyEntry(f, pageUrl, now));
    // Not awaited: a refresh must not hold its tab state while the history is written.
    history
      .append(entries, now, settings.historyDays)
      .catch((e: unknown) => logError('history', e));
    if (claimed.notify.length > 0 && browser.notifications) {
      showNotifications(tabId, pageUrl, claimed.notify).catch((e: unknown) =>
        logError('notify', e),
      );
    }
  };
}
