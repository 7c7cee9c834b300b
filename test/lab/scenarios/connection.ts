// Where the page itself is: scheme, port, address, and TLS that fails.
import { page, securePage } from '../pages';
import type { Scenario } from '../scenario-types';

export const CONNECTION_SCENARIOS: Scenario[] = [
  {
    id: 'secure-443',
    group: 'connection',
    title: 'https on port 443 with a long HSTS',
    reach: { by: 'typed' },
    startUrl: 'https://secure.test/',
    endUrl: 'https://secure.test/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: {},
      absent: ['no-hsts', 'nonstandard-port'],
      fields: { port: 443, portKind: 'default', ip: '127.0.0.1', hops: 0, hsts: 'present' },
    },
    serves: { 'https://secure.test/': securePage('Secure on 443') },
  },
  {
    id: 'port-8443',
    group: 'connection',
    title: 'https on port 8443',
    reach: { by: 'typed' },
    startUrl: 'https://port8443.test:8443/',
    endUrl: 'https://port8443.test:8443/',
    expect: {
      verdict: 'notice',
      badge: '8443',
      findings: {
        'nonstandard-port': { severity: 'notice', where: 'page', detail: 'port 8443' },
      },
      absent: ['no-hsts'],
      fields: { port: 8443, portKind: 'explicit', ip: '127.0.0.1', hops: 0, hsts: 'present' },
    },
    serves: { 'https://port8443.test:8443/': securePage('Secure on 8443') },
  },
  {
    id: 'explicit-443',
    group: 'connection',
    title: 'https://host:443/ written out',
    reach: { by: 'typed' },
    startUrl: 'https://explicit443.test:443/',
    endUrl: 'https://explicit443.test/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: {},
      absent: ['nonstandard-port'],
      // Browsers drop a default port from the URL before anything else sees it.
      fields: { port: 443, portKind: 'default', ip: '127.0.0.1', hops: 0 },
    },
    note: 'Both browsers normalise https://host:443/ to https://host/ before the request.',
    serves: { 'https://explicit443.test/': securePage('Secure on 443, written out') },
  },
  {
    id: 'loopback-ipv6-8443',
    group: 'connection',
    title: 'https://[::1]:8443/, a development server',
    reach: { by: 'typed' },
    startUrl: 'https://[::1]:8443/',
    endUrl: 'https://[::1]:8443/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: { 'nonstandard-port': { severity: 'info', where: 'page' } },
      absent: ['no-hsts'],
      fields: { port: 8443, portKind: 'explicit', ip: '::1', hops: 0, hsts: 'not-applicable' },
    },
    serves: { 'https://[::1]:8443/': page('Development server on [::1]:8443') },
  },
  {
    id: 'plain-http',
    group: 'connection',
    title: 'A plain http page',
    reach: { by: 'typed' },
    startUrl: 'http://plain.test/',
    endUrl: 'http://plain.test/',
    expect: {
      verdict: 'warning',
      badge: 'HTTP',
      findings: { 'insecure-page': { severity: 'warning', where: 'page' } },
      absent: ['downgrade-navigation', 'plaintext-on-443'],
      fields: { port: 80, portKind: 'default', ip: '127.0.0.1', hops: 0 },
    },
    serves: { 'http://plain.test/': page('Plain HTTP') },
  },
  {
    id: 'plaintext-on-443',
    group: 'connection',
    title: 'Plain http answered on port 443',
    reach: { by: 'typed' },
    startUrl: 'http://plain443.test:443/',
    endUrl: 'http://plain443.test:443/',
    expect: {
      verdict: 'warning',
      badge: 'HTTP',
      findings: {
        'plaintext-on-443': { severity: 'warning', where: 'page' },
        'insecure-page': { severity: 'warning', where: 'page' },
      },
      absent: [],
      fields: { port: 443, portKind: 'explicit', ip: '127.0.0.1', hops: 0 },
    },
    serves: { 'http://plain443.test:443/': page('Plain HTTP on port 443') },
  },
  {
    id: 'tls-handshake-dropped',
    group: 'connection',
    title: 'The server drops the TLS handshake',
    reach: { by: 'typed' },
    startUrl: 'https://dropped.test/',
    endUrl: 'https://dropped.test/',
    fails: true,
    expect: {
      verdict: 'danger',
      badge: 'ERR',
      findings: { 'connection-error': { severity: 'danger' } },
      absent: ['no-hsts'],
      fields: { port: 443, error: ['secure connection could not be set up'] },
    },
    browsers: {
      chromium: {
        why:
          'Chromium reports net::ERR_CONNECTION_CLOSED and no server address; it never commits ' +
          'its error page (no webNavigation.onCommitted) but clears the badge as it shows it.',
        expect: {
          fields: {
            port: 443,
            error: ['secure connection could not be set up', 'net::ERR_CONNECTION_CLOSED'],
          },
        },
      },
      firefox: {
        why:
          'Firefox reports NS_ERROR_NET_RESET with the server address, then commits its error ' +
          'page for the https URL.',
        expect: {
          fields: {
            port: 443,
            ip: '127.0.0.1',
            error: ['secure connection could not be set up', 'NS_ERROR_NET_RESET'],
          },
        },
      },
    },
    serves: { 'https://dropped.test/': page('Never seen: the handshake is dropped') },
    tlsFault: { host: 'dropped.test', fault: 'drop-handshake' },
  },
  {
    id: 'tls-untrusted-certificate',
    group: 'connection',
    title: 'A certificate from a CA the browser does not trust',
    reach: { by: 'typed' },
    startUrl: 'https://untrusted.test/',
    endUrl: 'https://untrusted.test/',
    fails: true,
    expect: {
      verdict: 'danger',
      badge: 'ERR',
      findings: { 'connection-error': { severity: 'danger' } },
      absent: ['no-hsts'],
      fields: { port: 443, error: ['certificate not trusted'] },
    },
    browsers: {
      chromium: {
        why:
          'Chromium reports net::ERR_CERT_AUTHORITY_INVALID and no server address, and never ' +
          'commits its error page.',
        expect: {
          fields: { port: 443, error: ['certificate not trusted', 'ERR_CERT_AUTHORITY_INVALID'] },
        },
      },
      firefox: {
        why:
          'Firefox reports a translated sentence, not a code ("Peer’s Certificate issuer is not ' +
          'recognized."), with the server address, then commits its error page.',
        expect: {
          fields: {
            port: 443,
            ip: '127.0.0.1',
            error: ['certificate not trusted', 'issuer is not recognized'],
          },
        },
      },
    },
    serves: { 'https://untrusted.test/': page('Never seen: the certificate is not trusted') },
    tlsFault: { host: 'untrusted.test', fault: 'untrusted-certificate' },
  },
];
