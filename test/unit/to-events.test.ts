import { describe, expect, it } from 'vitest';
import {
  isTabRequest,
  toCommit,
  toRedirect,
  toRequest,
  toResponse,
} from '../../src/background/to-events';

// Details shaped as Chromium 156 and Firefox ESR 153 send them (see docs/browsers.md).

describe('adapters from browser details to core events', () => {
  it('takes Chrome initiator and Firefox originUrl/documentUrl as the requesting document', () => {
    const chrome = toRequest({
      requestId: '1',
      url: 'http://b.test/',
      tabId: 3,
      type: 'main_frame',
      method: 'GET',
      timeStamp: 5,
      initiator: 'https://a.test',
    });
    expect(chrome).toMatchObject({ kind: 'main_frame', initiator: 'https://a.test' });
    const firefoxTop = toRequest({
      requestId: '1',
      url: 'http://b.test/',
      tabId: 3,
      type: 'main_frame',
      method: 'GET',
      timeStamp: 5,
      originUrl: 'https://a.test/page',
    });
    expect(firefoxTop.initiator).toBe('https://a.test/page');
    const firefoxSub = toRequest({
      requestId: '2',
      url: 'http://b.test/i.png',
      tabId: 3,
      type: 'image',
      timeStamp: 5,
      originUrl: 'https://x.test/',
      documentUrl: 'https://a.test/page',
    });
    expect(firefoxSub).toMatchObject({
      kind: 'other',
      initiator: 'https://a.test/page',
      method: 'GET',
    });
  });

  it('ignores requests outside tabs and prerendered documents', () => {
    expect(isTabRequest({ tabId: -1 })).toBe(false);
    expect(isTabRequest({ tabId: 4, documentLifecycle: 'prerender' })).toBe(false);
    expect(isTabRequest({ tabId: 4, documentLifecycle: 'active' })).toBe(true);
  });

  it('reads the redirect target, the HSTS header in any case, and the IP', () => {
    const r = toRedirect({
      requestId: '1',
      url: 'https://a.test/',
      redirectUrl: 'http://a.test/',
      statusCode: 302,
      tabId: 1,
      type: 'main_frame',
      timeStamp: 1,
      ip: '127.0.0.1',
    });
    expect(r).toMatchObject({ redirectUrl: 'http://a.test/', statusCode: 302, ip: '127.0.0.1' });
    const h = toResponse({
      requestId: '1',
      url: 'https://a.test/',
      statusCode: 200,
      tabId: 1,
      type: 'main_frame',
      timeStamp: 1,
      responseHeaders: [{ name: 'Strict-Transport-Security', value: 'max-age=5' }],
    });
    expect(h.hsts).toBe('max-age=5');
    expect(
      toResponse({
        requestId: '1',
        url: 'https://a.test/',
        tabId: 1,
        type: 'main_frame',
        timeStamp: 1,
        responseHeaders: [],
      }).hsts,
    ).toBeNull();
  });

  it('carries transition type and qualifiers of a commit', () => {
    expect(
      toCommit({
        tabId: 1,
        frameId: 0,
        url: 'http://a.test/',
        timeStamp: 9,
        transitionType: 'link',
        transitionQualifiers: ['client_redirect'],
      }),
    ).toEqual({
      type: 'commit',
      url: 'http://a.test/',
      transition: 'link',
      qualifiers: ['client_redirect'],
      time: 9,
    });
  });
});
