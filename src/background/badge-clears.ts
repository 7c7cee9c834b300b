import browser from 'webextension-polyfill';
import { guard } from './log';
import { hasSecurityInfo } from './tls-firefox';
import { isTabRequest } from './to-events';

// Both browsers clear a tab's badge by themselves, each at moments of its own; Portwatch paints
// it again after each (a repaint makes the toolbar calls even when the view is unchanged):
// - Firefox clears it on every navigation: repaint when the page commits and when it is loaded.
// - Chromium shows its error page without webNavigation.onCommitted, yet clears the badge as it
//   shows it (a TLS error's "ERR" vanished): repaint once the failed navigation is over.
// - Firefox also clears it in its own onLocationChange, which is not ordered with the events the
//   background hears: the clear can land after the repaint made for the commit, and after a
//   change that late webRequest events made (a failed handshake's ERR, painted, then wiped).
//   tabs.onUpdated with `url` is sent from that same onLocationChange, so a repaint made on it
//   lands after the clear. Firefox only: Chrome's tabs.onUpdated takes no filter, and would wake
//   its worker for every title and favicon.

type TopFrameDetails = { tabId: number; frameId: number; documentLifecycle?: string };

/** Registers the listeners (call it at top level); `repaint` paints the tab's toolbar again. */
export function repaintAfterBadgeClears(repaint: (tabId: number) => void): void {
  const onTopFrame = (name: string) =>
    guard(name, (d: TopFrameDetails) => {
      if (d.frameId === 0 && isTabRequest(d)) repaint(d.tabId);
    });
  browser.webNavigation.onCommitted.addListener(onTopFrame('repaint onCommitted'));
  browser.webNavigation.onCompleted.addListener(onTopFrame('repaint onCompleted'));
  browser.webNavigation.onErrorOccurred.addListener(onTopFrame('repaint onErrorOccurred'));
  if (!hasSecurityInfo()) return;
  browser.tabs.onUpdated.addListener(
    guard('tabs.onUpdated', (tabId: number, changeInfo: browser.Tabs.OnUpdatedChangeInfoType) => {
      if (changeInfo.url !== undefined) repaint(tabId);
    }),
    { properties: ['url'] },
  );
}
