import { describe, expect, it } from 'vitest';
import {
  isTabRequest,
  toCommit,
  toOriginIp,
  toRedirect,
  toReferences,
  toRequest,
  toResponse,
} from '../../src/background/to-events';
import { isReferencesMessage } from '../../src/shared/messages';

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

  it("takes the HTTP version from Firefox's status line only where told to (not Chrome's)", () => {
    const firefox = {
      requestId: '4',
      url: 'https://a.test/',
      statusCode: 200,
      statusLine: 'HTTP/2.0 200 OK',
      tabId: 1,
      type: 'main_frame',
      timeStamp: 1,
      ip: '2001:db8::1',
      responseHeaders: [],
    };
    expect(toResponse(firefox, true)).toMatchObject({ httpVersion: 'h2', ip: '2001:db8::1' });
    expect(toResponse({ ...firefox, statusLine: 'HTTP/3.0 200 OK' }, true).httpVersion).toBe('h3');
    expect(toResponse({ ...firefox, statusLine: 'HTTP/1.1 200 OK' }, true).httpVersion).toBe(
      'http/1.1',
    );
    // Chrome: an HTTP/2 response's status line reads HTTP/1.1; none is taken.
    const chrome = { ...firefox, statusLine: 'HTTP/1.1 200' };
    expect(toResponse(chrome)).not.toHaveProperty('httpVersion');
    expect(toResponse(chrome, false)).not.toHaveProperty('httpVersion');
    for (const statusLine of ['', 'HTTP/9 200', `HTTP/2.0${'x'.repeat(100_000)}`]) {
      expect(toResponse({ ...firefox, statusLine }, true)).not.toHaveProperty('httpVersion');
    }
    expect(toResponse({ ...firefox, statusLine: undefined }, true)).not.toHaveProperty(
      'httpVersion',
    );
  });

  it("gives a subresource's server address, not the page's own, and none without one", () => {
    const image = {
      requestId: '9',
      url: 'https://cdn.test/a.png',
      statusCode: 200,
      tabId: 1,
      type: 'image',
      timeStamp: 7,
      ip: '203.0.113.7',
      fromCache: false,
    };
    expect(toOriginIp(image)).toEqual({
      type: 'origin-ip',
      url: 'https://cdn.test/a.png',
      ip: '203.0.113.7',
      time: 7,
    });
    expect(toOriginIp({ ...image, type: 'sub_frame' })?.ip).toBe('203.0.113.7');
    expect(toOriginIp({ ...image, type: 'main_frame' })).toBeNull();
    // From the cache or a service worker, the browser names no address.
    expect(toOriginIp({ ...image, ip: undefined, fromCache: true })).toBeNull();
    expect(toOriginIp({ ...image, ip: '' })).toBeNull();
  });

  it("makes the content script's message an event: its protocol as a known version only", () => {
    const message = {
      type: 'references' as const,
      pageUrl: 'https://a.test/',
      urls: ['http://cdn.test/a.js'],
      protocol: 'h2',
    };
    expect(toReferences(message, { documentId: 'DOC1' }, 5)).toEqual({
      type: 'references',
      pageUrl: 'https://a.test/',
      urls: ['http://cdn.test/a.js'],
      time: 5,
      documentId: 'DOC1',
      httpVersion: 'h2',
    });
    expect(toReferences({ ...message, protocol: 'H3' }, {}, 5).httpVersion).toBe('h3');
    for (const protocol of ['', 'h3-29', 'spdy/3.1', 'http/0.9', '__proto__']) {
      const event = toReferences({ ...message, protocol }, { documentId: 7 }, 5);
      expect(event).not.toHaveProperty('httpVersion');
      expect(event).not.toHaveProperty('documentId');
    }
    expect(toReferences({ ...message, protocol: undefined }, {}, 5)).not.toHaveProperty(
      'httpVersion',
    );
  });

  it("refuses a content script's message whose protocol is not a short text", () => {
    const message = { type: 'references', pageUrl: 'https://a.test/', urls: [] };
    expect(isReferencesMessage(message)).toBe(true);
    expect(isReferencesMessage({ ...message, protocol: 'http/1.1' })).toBe(true);
    expect(isReferencesMessage({ ...message, protocol: 'h'.repeat(33) })).toBe(false);
    expect(isReferencesMessage({ ...message, protocol: 2 })).toBe(false);
    expect(isReferencesMessage({ ...message, protocol: null })).toBe(false);
  });
});
