import browser from 'webextension-polyfill';
import { findingText } from '../core/finding-text';
import type { Finding } from '../core/findings';
import { renderMessage } from '../core/message';
import { bound } from '../core/text';
import { t } from '../shared/i18n';

// Desktop notifications for findings (which ones is decided in core/alerts.ts). A click opens
// that tab's full report. The notification's id carries the tab, so a click handled by a
// background that was stopped and started again still knows where to go.

const PREFIX = 'portwatch:';
const ICONS: Record<Finding['severity'], string> = {
  danger: 'danger',
  warning: 'warning',
  notice: 'notice',
  info: 'neutral',
};

export async function showNotifications(tabId: number, findings: readonly Finding[]) {
  for (const f of findings) {
    const text = findingText(f);
    await browser.notifications.create(`${PREFIX}${tabId}:${f.id}:${Date.now()}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL(`icons/${ICONS[f.severity]}-128.png`),
      title: renderMessage(text.title, t),
      // Notifications show a few lines: the detail, bounded (it quotes attacker-chosen URLs).
      message: bound(renderMessage(text.detail, t), 240),
    });
  }
}

/** The tab a Portwatch notification is about; null for anything else. */
export function tabOfNotification(id: string): number | null {
  if (!id.startsWith(PREFIX)) return null;
  const tabId = Number(id.slice(PREFIX.length).split(':')[0]);
  return Number.isSafeInteger(tabId) ? tabId : null;
}

/** Opens the full report for the notification's tab (notifications.onClicked). */
export async function openNotifiedReport(id: string): Promise<void> {
  const tabId = tabOfNotification(id);
  if (tabId === null) return;
  await browser.notifications.clear(id);
  await browser.tabs.create({ url: browser.runtime.getURL(`popup.html?tab=${tabId}`) });
}
