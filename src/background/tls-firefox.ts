import browser from 'webextension-polyfill';
import { fromFirefoxSecurityInfo, type FirefoxSecurityInfo } from '../core/cert/from-firefox';
import type { SecurityEvent } from '../core/events';
import type { TlsSource } from '../core/report';
import { logError } from './log';
import { isTabRequest } from './to-events';

// Firefox gives TLS details through webRequest.getSecurityInfo, callable only while a request is
// held in a blocking onHeadersReceived listener. The listener is registered for top-level and
// sub-frame documents only (never every subresource: each would wait on us), asks, and releases
// the response at once, unchanged; the details are read into the model after it has gone on.

type Details = browser.WebRequest.OnHeadersReceivedDetailsType;

/** Status codes that send the browser on to another URL (Location); 304 is the document. */
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Firefox's getSecurityInfo is here: the one test for "this is Firefox" the background makes. */
export function hasSecurityInfo(): boolean {
  return typeof browser.webRequest.getSecurityInfo === 'function';
}

/** Registers the Firefox listener where the API exists; says where TLS details come from. */
export function watchFirefoxTls(
  dispatch: (tabId: number, event: SecurityEvent) => void,
): TlsSource {
  if (!hasSecurityInfo()) return 'none';
  const listener = async (d: Details): Promise<browser.WebRequest.BlockingResponse> => {
    // A redirect is not the document: its details would be the page's only until the next
    // response replaced them (and stay on a page redirected to plain HTTP). Not read, not held.
    if (!isTabRequest(d) || REDIRECTS.has(d.statusCode)) return {};
    try {
      const info = await browser.webRequest.getSecurityInfo(d.requestId, {
        certificateChain: true,
        rawDER: true,
      });
      // Parse after the response is released: a certificate with 1,000 SANs takes ~20 ms.
      setTimeout(() => {
        const tls = fromFirefoxSecurityInfo(info as FirefoxSecurityInfo);
        if (tls) {
          dispatch(d.tabId, {
            type: 'security',
            kind: d.type === 'sub_frame' ? 'sub_frame' : 'main_frame',
            requestId: d.requestId,
            url: d.url,
            tls,
            time: d.timeStamp,
          });
        }
      }, 0);
    } catch (error) {
      logError('getSecurityInfo', error);
    }
    return {};
  };
  browser.webRequest.onHeadersReceived.addListener(
    listener,
    { urls: ['https://*/*'], types: ['main_frame', 'sub_frame'] },
    ['blocking'],
  );
  return 'firefox';
}
