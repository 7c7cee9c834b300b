import browser from 'webextension-polyfill';
import { guard } from './log';
import { hasSecurityInfo } from './tls-firefox';

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

/**
 * Registers the Firefox listener (call it at top level) and returns what the top frame's
 * webNavigation listeners (commit, completed load, failed navigation) call: `repaint` paints the
 * tab's toolbar again. The same listeners dispatch the events: no second registration of them.
 */
export function repaintAfterBadgeClears(repaint: (tabId: number) => void): (tabId: number) => void {
  if (hasSecurityInfo()) {
    browser.tabs.onUpdated.addListener(
      guard('tabs.onUpdated', (tabId: number, changeInfo: browser.Tabs.OnUpdatedChangeInfoType) => {
        if (changeInfo.url !== undefined) repaint(tabId);
      }),
      { properties: ['url'] },
    );
  }
  return repaint;
}
