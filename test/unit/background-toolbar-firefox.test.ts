import { describe, expect, it, vi } from 'vitest';
import { badges, fire } from './fake-extension-api';

// The background, loaded whole against a Firefox-like fake extension API, fed the events Firefox
// ESR 153 sent in the lab's scenario tls-handshake-dropped (test/lab/scenarios/connection.ts) in
// the order recorded when the test failed: the error page's commit first, then the load's
// webRequest events, although their timeStamps are earlier than the commit's.

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./fake-extension-api')).firefoxApi,
}));
await import('../../src/background/index');

describe('Firefox: the toolbar of a tab whose handshake failed, request events delivered late', () => {
  const tabId = 15;
  const url = 'https://dropped.test/';
  const T = 1_796_017_721_385;
  const request = { url, type: 'main_frame', method: 'GET', frameId: 0, requestId: '15', tabId };

  it('shows ERR, and shows it again after Firefox clears the badge for the error page', async () => {
    fire('webNavigation.onBeforeNavigate', { url, frameId: 0, tabId, timeStamp: T + 80 });
    fire('webNavigation.onErrorOccurred', {
      url,
      error: 'Error code 2152398868',
      frameId: 0,
      tabId,
      timeStamp: T + 108,
    });
    fire('webNavigation.onCommitted', {
      url,
      frameId: 0,
      tabId,
      transitionType: 'link',
      transitionQualifiers: [],
      timeStamp: T + 119,
    });
    fire('webRequest.onBeforeRequest', { ...request, timeStamp: T + 82 });
    fire('webRequest.onErrorOccurred', {
      ...request,
      error: 'NS_ERROR_NET_RESET',
      ip: '127.0.0.1',
      fromCache: false,
      timeStamp: T + 101,
    });
    await vi.waitFor(() => expect(badges.get(tabId)).toBe('ERR'));

    // Firefox clears a tab's action in its onLocationChange, which can land after the paint
    // above; the same onLocationChange sends tabs.onUpdated with the URL.
    badges.delete(tabId);
    fire('tabs.onUpdated', tabId, { status: 'complete', url });
    await vi.waitFor(() => expect(badges.get(tabId)).toBe('ERR'));
  });
});
