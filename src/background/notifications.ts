import browser from 'webextension-polyfill';
import type { Finding } from '../core/findings';
import { renderMessage } from '../core/message';
import {
  admit,
  readNotifyLimits,
  tabOfNotification,
  type NotifyLimits,
  type TabNotification,
} from '../core/notify';
import { bound } from '../core/text';
import { t } from '../shared/i18n';
import { InOrder } from './in-order';

// Desktop notifications for findings (which ones a page calls for: core/alerts.ts; how many
// reach the screen: core/notify.ts). A click opens that tab's full report. The notification's id
// is the tab's, so a new one replaces the tab's last, and a click handled by a background that
// was stopped and started again still knows where to go. The limits live in storage.session:
// they outlast a stopped background, and a browser restart starts them afresh.

const ICONS: Record<Finding['severity'], string> = {
  danger: 'danger',
  warning: 'warning',
  notice: 'notice',
  info: 'neutral',
};
const LIMITS_KEY = 'notify-limits';
/** One at a time: two tabs notifying at once must not both spend the last of the minute. */
const queue = new InOrder<string>(() => 'notification limits');

async function show(n: TabNotification): Promise<void> {
  await browser.notifications.create(n.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(`icons/${ICONS[n.severity]}-128.png`),
    title: renderMessage(n.title, t),
    // A few lines show: the host is bounded (a name is at most 253 characters, twice for IDN).
    message: bound(renderMessage(n.message, t), 600),
  });
}

/** Shows what the limits let through of `findings` (worst first) for the tab's page. */
export function showNotifications(
  tabId: number,
  pageUrl: string,
  findings: readonly Finding[],
): Promise<void> {
  return queue.run(LIMITS_KEY, async () => {
    const stored = await browser.storage.session.get(LIMITS_KEY);
    const limits: NotifyLimits = readNotifyLimits(stored[LIMITS_KEY]);
    const { notification, limits: next } = admit(limits, tabId, pageUrl, findings, Date.now());
    await browser.storage.session.set({ [LIMITS_KEY]: next });
    if (notification) await show(notification);
  });
}

export { tabOfNotification };

/** Opens the full report for the notification's tab (notifications.onClicked). */
export async function openNotifiedReport(id: string): Promise<void> {
  const tabId = tabOfNotification(id);
  if (tabId === null) return;
  await browser.notifications.clear(id);
  await browser.tabs.create({ url: browser.runtime.getURL(`popup.html?tab=${tabId}`) });
}
