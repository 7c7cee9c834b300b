import browser from 'webextension-polyfill';

// Messages and ports come from our own pages (the popup, the report in a tab, the options and
// history pages) or from the content script, which runs in web pages' processes and sends with
// the web page's URL: only our own pages may ask for a report, a read or a setting.

export function fromOwnPage(sender: browser.Runtime.MessageSender | undefined): boolean {
  return (
    sender !== undefined &&
    sender.id === browser.runtime.id &&
    (sender.url ?? '').startsWith(browser.runtime.getURL(''))
  );
}
