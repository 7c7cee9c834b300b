import { describe, expect, it, vi } from 'vitest';
import { badges, fire } from './fake-extension-api';

// The background, loaded whole against a fake extension API, fed the events Chromium 156 sent in
// the lab's TLS scenarios (test/lab/scenarios.ts: tls-untrusted-certificate), in their order.

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./fake-extension-api')).api,
}));
await import('../../src/background/index');

describe('Chromium: the toolbar of a tab whose https load failed with a TLS error', () => {
  it('shows ERR again after Chromium clears the badge to show its error page', async () => {
    const tabId = 1515235437;
    const url = 'https://untrusted.test/';
    const T = 1_795_433_000_000;
    fire('webRequest.onBeforeRequest', {
      url,
      type: 'main_frame',
      method: 'GET',
      frameId: 0,
      requestId: '41',
      tabId,
      timeStamp: T,
    });
    fire('webRequest.onErrorOccurred', {
      url,
      type: 'main_frame',
      method: 'GET',
      error: 'net::ERR_CERT_AUTHORITY_INVALID',
      frameId: 0,
      requestId: '41',
      tabId,
      fromCache: false,
      timeStamp: T + 30,
    });
    await vi.waitFor(() => expect(badges.get(tabId)).toBe('ERR'));

    // Chromium resets the tab's action when its error page replaces the document; no
    // webNavigation.onCommitted follows, only webNavigation.onErrorOccurred.
    badges.delete(tabId);
    fire('webNavigation.onErrorOccurred', {
      url,
      error: 'net::ERR_CERT_AUTHORITY_INVALID',
      frameId: 0,
      tabId,
      timeStamp: T + 31,
    });
    await vi.waitFor(() => expect(badges.get(tabId)).toBe('ERR'));
  });
});
