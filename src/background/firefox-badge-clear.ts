import browser from 'webextension-polyfill';
import { guard } from './log';
import { hasSecurityInfo } from './tls-firefox';

// Firefox clears a tab's badge in its own onLocationChange, which is not ordered with the events
// the background hears: the clear can land after the repaint made for webNavigation.onCommitted,
// and after a change that webRequest events delivered late made to the badge (a failed
// handshake's ERR, painted, then wiped). tabs.onUpdated with `url` is sent from that same
// onLocationChange, so a repaint made on it lands after the clear. Firefox only: Chrome's
// tabs.onUpdated takes no filter, and would wake its worker for every title and favicon.

/** Registers the listener (call it at top level); `repaint` paints the tab's toolbar again. */
export function repaintAfterFirefoxClears(repaint: (tabId: number) => void): void {
  if (!hasSecurityInfo()) return;
  browser.tabs.onUpdated.addListener(
    guard('tabs.onUpdated', (tabId: number, changeInfo: browser.Tabs.OnUpdatedChangeInfoType) => {
      if (changeInfo.url !== undefined) repaint(tabId);
    }),
    { properties: ['url'] },
  );
}
