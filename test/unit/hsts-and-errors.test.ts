import { describe, expect, it } from 'vitest';
import { parseHsts } from '../../src/core/hsts';
import { classifyNetError } from '../../src/core/net-error';

describe('parseHsts', () => {
  it('reads max-age, includeSubDomains and preload in any case and order', () => {
    expect(parseHsts('max-age=31536000; includeSubDomains; preload')).toEqual({
      maxAge: 31536000,
      includeSubDomains: true,
      preload: true,
    });
    expect(parseHsts(' PRELOAD ;Max-Age="600"')).toEqual({
      maxAge: 600,
      includeSubDomains: false,
      preload: true,
    });
  });

  it('rejects headers a browser would ignore', () => {
    for (const bad of [
      '',
      'includeSubDomains',
      'max-age=',
      'max-age=-1',
      'max-age=1e9',
      'max-age=1; max-age=2',
    ]) {
      expect(parseHsts(bad)).toBeNull();
    }
  });
});

describe('classifyNetError', () => {
  it.each([
    ['net::ERR_CERT_DATE_INVALID', 'https://a/', { kind: 'tls', reason: 'expired' }],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'https://a/', { kind: 'tls', reason: 'untrusted' }],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'https://a/', { kind: 'tls', reason: 'name-mismatch' }],
    ['net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'https://a/', { kind: 'tls', reason: 'protocol' }],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'https://a/', { kind: 'tls', reason: 'handshake' }],
    ['net::ERR_CONNECTION_CLOSED', 'https://a/', { kind: 'tls', reason: 'handshake' }],
    ['net::ERR_CONNECTION_CLOSED', 'http://a/', { kind: 'other' }],
    ['net::ERR_NAME_NOT_RESOLVED', 'https://a/', { kind: 'other' }],
    ['net::ERR_ABORTED', 'https://a/', { kind: 'aborted' }],
    ['net::ERR_BLOCKED_BY_CLIENT', 'http://a/', { kind: 'aborted' }],
    ['Peer’s Certificate has expired.', 'https://a/', { kind: 'tls', reason: 'expired' }],
    [
      'Peer’s Certificate issuer is not recognized.',
      'https://a/',
      { kind: 'tls', reason: 'untrusted' },
    ],
    ['NS_ERROR_NET_RESET', 'https://a/', { kind: 'tls', reason: 'handshake' }],
    ['NS_ERROR_CONNECTION_REFUSED', 'https://a/', { kind: 'other' }],
    ['NS_BINDING_ABORTED', 'https://a/', { kind: 'aborted' }],
  ])('%s on %s', (error, url, expected) => {
    expect(classifyNetError(error, url)).toEqual(expected);
  });
});
