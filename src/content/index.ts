import browser from 'webextension-polyfill';
import { MAX_REFERENCES, type ReferencesMessage } from '../shared/messages';
import { findInsecureReferences } from './find-references';

// Runs in https pages only (see the manifest). Tells the background which plain-HTTP
// resources the page refers to: once when idle, again after load and when the page adds more.

let sent = 0;

function report(): void {
  const urls = findInsecureReferences(document, MAX_REFERENCES);
  if (urls.length === sent) return;
  sent = urls.length;
  const message: ReferencesMessage = { type: 'references', pageUrl: location.href, urls };
  browser.runtime.sendMessage(message).catch(() => {
    // The extension was reloaded or updated: this script is orphaned and has no one to tell.
  });
}

report();
if (document.readyState !== 'complete') window.addEventListener('load', report, { once: true });

// Pages that add content later: look again at most once a second, and only while things change.
let timer: number | undefined;
new MutationObserver(() => {
  timer ??= window.setTimeout(() => {
    timer = undefined;
    report();
  }, 1000);
}).observe(document.documentElement, {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['src', 'href', 'srcset', 'data', 'poster'],
});
