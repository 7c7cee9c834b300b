import { describe, expect, it } from 'vitest';
import { classifyNetError, type NetErrorClass } from '../../src/core/net-error';

describe('classifyNetError', () => {
  it.each<[string, string, NetErrorClass]>([
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
    // Chrome's codes (net_error_list.h) and Firefox's English NSS error strings.
    ...(
      [
        ['net::ERR_CERT_REVOKED', 'revoked'],
        ['net::ERR_CERT_WEAK_KEY', 'weak-key'],
        ['net::ERR_CERT_WEAK_SIGNATURE_ALGORITHM', 'weak-signature'],
        ['net::ERR_CERT_INVALID', 'invalid'],
        ['net::ERR_CERT_VALIDITY_TOO_LONG', 'invalid'],
        ['net::ERR_CERT_NAME_CONSTRAINT_VIOLATION', 'invalid'],
        ['net::ERR_CERTIFICATE_TRANSPARENCY_REQUIRED', 'ct-required'],
        ['net::ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN', 'pinning'],
        ['net::ERR_CERT_KNOWN_INTERCEPTION_BLOCKED', 'interception'],
        ['net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED', 'client-certificate'],
        ['net::ERR_SSL_OBSOLETE_VERSION_OR_CIPHER', 'protocol'],
        ['net::ERR_CERT_UNABLE_TO_CHECK_REVOCATION', 'other'],
        ['The server presented a certificate that is not yet valid.', 'not-yet-valid'],
        ['Peer’s Certificate has been revoked.', 'revoked'],
        ['The certificate is not trusted because it is self-signed.', 'untrusted'],
        [
          'The server presented a certificate with a key size that is too small to establish a secure connection.',
          'weak-key',
        ],
        [
          'The certificate was signed using a signature algorithm that is disabled because it is not secure.',
          'weak-signature',
        ],
        [
          'Unable to communicate securely with peer: requested domain name does not match the server’s certificate.',
          'name-mismatch',
        ],
        ['Cannot communicate securely with peer: no common encryption algorithm(s).', 'protocol'],
        ['Peer using unsupported version of security protocol.', 'protocol'],
        ['SEC_ERROR_EXPIRED_CERTIFICATE', 'expired'],
        ['MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE', 'weak-key'],
        ['SSL_ERROR_BAD_CERT_DOMAIN', 'name-mismatch'],
      ] as const
    ).map(([error, reason]): [string, string, NetErrorClass] => [
      error,
      'https://a/',
      { kind: 'tls', reason },
    ]),
    ['NS_ERROR_CONNECTION_REFUSED', 'https://a/', { kind: 'other' }],
    ['NS_BINDING_ABORTED', 'https://a/', { kind: 'aborted' }],
  ])('%s on %s', (error, url, expected) => {
    expect(classifyNetError(error, url)).toEqual(expected);
  });
});
