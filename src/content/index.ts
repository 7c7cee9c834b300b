import { MAX_PROTOCOL, MAX_REFERENCES, type ReferencesMessage } from '../shared/messages';
import { findInsecureReferences } from './find-references';

// The one call this script makes goes to the browser's own API, without webextension-polyfill:
// the script runs in every https page, and the polyfill's setup cost each page 5 ms of Firefox's
// content process (a Gecko profile of the bench page) and two thirds of this file's size, for
// a call that both browsers' MV3 APIs already answer with a promise.
interface Runtime {
  runtime: { sendMessage(message: ReferencesMessage): Promise<unknown> };
}
const api = globalThis as { browser?: Runtime; chrome?: Runtime };
const runtime = (api.browser ?? api.chrome)?.runtime;

// Runs in https pages only (see the manifest). Tells the background which plain-HTTP
// resources the page refers to: once when idle, again after load and whenever that list changes;
// and the protocol the page was loaded over, with each message.

/** The document's `nextHopProtocol` (`h2`, `h3`, `http/1.1`…; '' when unknown), checked later. */
function loadProtocol(): string {
  try {
    const entry = performance.getEntriesByType('navigation')[0] as
      { nextHopProtocol?: unknown } | undefined;
    const protocol = entry?.nextHopProtocol;
    return typeof protocol === 'string' ? protocol.slice(0, MAX_PROTOCOL) : '';
  } catch {
    return '';
  }
}
const protocol = loadProtocol();

// The page's URL and the list last sent, sorted and joined (a URL holds no newline): a page that
// swaps one URL for another keeps the count but must be reported again; one that only reorders
// need not be. A single-page app that changes its own URL (pushState) reports again under it.
// Nothing sent yet (undefined): a page with no plain-HTTP references still tells its protocol once.
let sent: string | undefined = protocol === '' ? '' : undefined;
let sentFrom = '';

function report(): void {
  if (!runtime) return;
  const urls = findInsecureReferences(document, MAX_REFERENCES);
  const key = [...urls].sort().join('\n');
  if (key === sent && (key === '' || location.href === sentFrom)) return;
  sent = key;
  sentFrom = location.href;
  const message: ReferencesMessage = { type: 'references', pageUrl: location.href, urls };
  if (protocol !== '') message.protocol = protocol;
  // The extension was reloaded or updated: this script is orphaned and has no one to tell
  // (Chrome throws at once, Firefox rejects).
  try {
    runtime.sendMessage(message).catch(() => undefined);
  } catch {
    // As above.
  }
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
