// Sites whose certificate or TLS settings are weak or unusual, for the certificate findings
// (weak-key, certificate-expiring, weak-protocol, weak-cipher, weak-signature): each is a host on
// the lab's port 443 with its own leaf and TLS limits. Data only, like the scenarios: the lab
// (lab.ts) serves them, its index page lists them with what each browser does, and
// test/e2e/weak-certificates.test.ts visits them in Firefox and in Chromium.
//
// Which browser connects to which was found by experiment (Firefox ESR 153, Chromium 156, the
// lab CA trusted in the profile's NSS database as the end-to-end harness does). Chromium gives an
// extension TLS details only through the debugger (an optional permission the person grants), so
// its expectation for a site it connects to is what the popup shows once the person has asked for
// that read; the end-to-end test drives it with the permission pre-granted.
import type { LeafOptions } from './ca';
import { expiringIn } from './ca';
import type { Expectation } from './scenario-types';
import type { HostTls } from './servers';

export interface TlsSite {
  id: string;
  /** Served as `https://<host>/` on 127.0.0.1:443. */
  host: string;
  title: string;
  /** The leaf presented; none: the lab's ordinary leaf (EC P-256, SHA-256, every lab host). */
  leaf?: {
    /** The names it covers; default just the host. */
    names?: string[];
    options?: LeafOptions;
    /** Signed by the lab's second CA (ca.ts), which the lab does not mark as known. */
    ca?: 'second';
  };
  /** TLS versions and OpenSSL ciphers of this host's server; none: Node's defaults (1.2–1.3). */
  tls?: Pick<HostTls, 'minVersion' | 'maxVersion' | 'ciphers' | 'http2'>;
  firefox: {
    /** Firefox prefs without which it does not connect (the test sets them). */
    prefs?: Record<string, string | number | boolean>;
    /** The browser refuses the connection: the tab ends on its error page. */
    refuses?: boolean;
    why: string;
    expect: Expectation;
  };
  chromium: {
    /** The browser refuses the connection: the tab ends on its error page. */
    refuses?: boolean;
    why: string;
    /**
     * What the popup shows, where it differs from Firefox's expectation (each key replaces
     * Firefox's whole): for a site Chromium connects to, once the person has asked for the read.
     */
    expect?: Partial<Expectation>;
  };
}

/** A leaf with exactly 1,000 SANs: the host and 999 more names under it. */
export const MANY_SANS_HOST = 'many-sans.test';
export const MANY_SANS = [
  MANY_SANS_HOST,
  ...Array.from(
    { length: 999 },
    (_, i) => `san-${String(i + 1).padStart(3, '0')}.${MANY_SANS_HOST}`,
  ),
];

/** Days the short-lived leaf has left when the lab starts (floored, as the popup counts). */
export const EXPIRING_DAYS = 5;

const CHROMIUM_NO_DETAILS =
  'Chromium connects; it gives an extension TLS details only through the debugger, so ' +
  'Portwatch can show a finding there only after the person allows that and asks for a read.';

export const TLS_SITES: TlsSite[] = [
  {
    id: 'rsa-1024',
    host: 'rsa1024.test',
    title: 'A leaf with an RSA 1024-bit key',
    leaf: { options: { key: 'rsa-1024' } },
    firefox: {
      why: 'Firefox accepts RSA 1024 under a root added by the user.',
      expect: {
        verdict: 'warning',
        badge: 'KEY',
        findings: { 'weak-key': { severity: 'warning', detail: '1024 bits (RSA)' } },
        absent: ['no-hsts', 'weak-signature'],
        fields: { port: 443, hsts: 'present' },
      },
    },
    chromium: { why: CHROMIUM_NO_DETAILS },
  },
  {
    id: 'expiring-5-days',
    host: 'expiring.test',
    title: `A leaf that expires in ${EXPIRING_DAYS} days`,
    leaf: { options: expiringIn(EXPIRING_DAYS) },
    firefox: {
      why:
        `The leaf is made again each day, valid for ${EXPIRING_DAYS + 1} days, so it has ` +
        `${EXPIRING_DAYS} days left (floored) when the lab starts; under 7 days is a warning.`,
      expect: {
        verdict: 'warning',
        badge: `${EXPIRING_DAYS}d`,
        findings: { 'certificate-expiring': { severity: 'warning' } },
        absent: ['no-hsts'],
        fields: { port: 443, hsts: 'present' },
      },
    },
    chromium: { why: CHROMIUM_NO_DETAILS },
  },
  {
    id: 'tls-1.2-only',
    host: 'tls12.test',
    title: 'A server that speaks TLS 1.2 at most',
    tls: { maxVersion: 'TLSv1.2' },
    firefox: {
      why: 'TLS 1.2 with an AEAD suite (ECDHE-ECDSA with AES-GCM) is not weak: no finding.',
      expect: {
        verdict: 'secure',
        badge: '',
        findings: {},
        absent: ['weak-protocol', 'weak-cipher', 'no-hsts'],
        fields: { port: 443, hsts: 'present', httpVersion: 'http/1.1' },
      },
    },
    chromium: { why: CHROMIUM_NO_DETAILS },
  },
  {
    id: 'http2',
    host: 'h2.test',
    title: 'A site served over HTTP/2',
    tls: { http2: true },
    firefox: {
      why:
        "Both browsers choose h2 by ALPN; the popup shows HTTP/2 (from the page's own " +
        'PerformanceNavigationTiming.nextHopProtocol, and in Firefox the status line too).',
      expect: {
        verdict: 'secure',
        badge: '',
        findings: {},
        absent: ['no-hsts'],
        fields: { port: 443, hsts: 'present', httpVersion: 'h2' },
      },
    },
    chromium: { why: 'Chromium reads it from the page, with or without the debugger.' },
  },
  {
    id: 'tls-1.2-cbc',
    host: 'cbc.test',
    title: 'TLS 1.2 with a CBC cipher suite only',
    // An RSA leaf: of the CBC suites, both browsers still offer ECDHE-RSA with AES-128-CBC-SHA;
    // Chromium offers no ECDHE-ECDSA CBC suite and Firefox only the AES-256 one.
    leaf: { options: { key: 'rsa-2048' } },
    tls: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA' },
    firefox: {
      why: 'TLS 1.2 itself is fine; its CBC suite with HMAC-SHA1 is not (no AEAD).',
      expect: {
        verdict: 'warning',
        badge: 'TLS',
        findings: {
          'weak-cipher': { severity: 'warning', detail: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA' },
        },
        absent: ['weak-protocol', 'no-hsts'],
        fields: { port: 443, hsts: 'present' },
      },
    },
    chromium: {
      why:
        CHROMIUM_NO_DETAILS +
        ' The debugger names the suite in two parts, cipher AES_128_CBC and MAC HMAC-SHA1.',
      expect: {
        findings: {
          'weak-cipher': { severity: 'warning', detail: 'AES_128_CBC with HMAC-SHA1' },
        },
      },
    },
  },
  {
    id: 'many-sans',
    host: MANY_SANS_HOST,
    title: 'A leaf with 1,000 SANs',
    leaf: { names: MANY_SANS },
    firefox: {
      why: 'All 1,000 names are listed (the first 20, the rest behind "show all").',
      expect: {
        verdict: 'secure',
        badge: '',
        findings: {},
        absent: ['no-hsts'],
        fields: { port: 443, hsts: 'present' },
      },
    },
    chromium: { why: CHROMIUM_NO_DETAILS },
  },
  {
    id: 'tls-1.0',
    host: 'tls10.test',
    title: 'A server that speaks TLS 1.0 only',
    // OpenSSL 3 allows TLS 1.0 (and its SHA-1 handshake signature) only at security level 0.
    tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' },
    firefox: {
      prefs: { 'security.tls.version.min': 1 },
      why:
        'Firefox connects only with security.tls.version.min = 1 (about:config); without it, it ' +
        'refuses ("Peer reports incompatible or unsupported protocol version.") and Portwatch ' +
        'shows connection-error. TLS 1.0 has no AEAD suite: weak-cipher too.',
      expect: {
        verdict: 'danger',
        badge: 'TLS',
        findings: {
          'weak-protocol': { severity: 'danger', detail: 'TLS 1.0' },
          'weak-cipher': { severity: 'warning' },
        },
        absent: ['no-hsts'],
        fields: { port: 443, hsts: 'present' },
      },
    },
    chromium: {
      refuses: true,
      why:
        'net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH: Chromium 156 has no TLS 1.0 or 1.1 at all ' +
        '(--ssl-version-min=tls1 changes nothing); Portwatch shows connection-error.',
      expect: {
        verdict: 'danger',
        badge: 'ERR',
        findings: { 'connection-error': { severity: 'danger' } },
        absent: ['weak-protocol', 'weak-cipher'],
        fields: { port: 443, error: ['ERR_SSL_VERSION_OR_CIPHER_MISMATCH'] },
      },
    },
  },
  {
    id: 'sha1-signature',
    host: 'sha1.test',
    title: 'A leaf signed with SHA-1',
    leaf: { options: { signatureHash: 'sha1' } },
    // Node's OpenSSL refuses to even load a SHA-1 certificate above security level 0.
    tls: { ciphers: 'DEFAULT@SECLEVEL=0' },
    firefox: {
      refuses: true,
      why:
        'Firefox refuses SHA-1 even under a root added by the user (no pref turns it back on): ' +
        'SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED. After "Proceed (Risky)" the page loads, ' +
        'but Firefox then gives no certificate to extensions, so weak-signature cannot be seen.',
      expect: {
        verdict: 'danger',
        badge: 'ERR',
        findings: { 'connection-error': { severity: 'danger' } },
        absent: ['weak-signature'],
        fields: { port: 443, error: ['signature algorithm that is disabled'] },
      },
    },
    chromium: {
      refuses: true,
      why: 'net::ERR_CERT_INVALID with the lab CA trusted; Portwatch shows connection-error.',
      expect: { fields: { port: 443, error: ['ERR_CERT_INVALID'] } },
    },
  },

  {
    id: 'local-root',
    host: 'other-root.test',
    title: 'A certificate from a root installed on this computer, not one you said you know',
    leaf: { ca: 'second' },
    firefox: {
      why:
        "Firefox says the chain ends at a root it does not ship (the lab's second CA, trusted " +
        'in this profile as a company proxy or antivirus root would be): local-root, a notice. ' +
        'The lab marks only its own CA as known.',
      expect: {
        verdict: 'notice',
        badge: 'ROOT',
        findings: { 'local-root': { severity: 'notice', detail: 'Portwatch Test Second CA' } },
        absent: ['no-hsts', 'certificate-changed'],
        fields: { port: 443, hsts: 'present' },
      },
    },
    chromium: {
      why:
        "Chromium's debugger does not say whether a root ships with the browser: no local-root, " +
        'and the certificate section says the check is Firefox only.',
      expect: { verdict: 'secure', badge: '', findings: {}, absent: ['local-root'] },
    },
  },
];

export function tlsSite(id: string): TlsSite {
  const found = TLS_SITES.find((s) => s.id === id);
  if (!found) throw new Error(`no TLS site ${id}`);
  return found;
}

/** What the server presents, in words, from the data (for the index page). */
export function describeTlsSite(site: TlsSite): string {
  const t = site.tls ?? {};
  const versions =
    t.minVersion || t.maxVersion
      ? `${t.minVersion ?? 'TLSv1.2'} to ${t.maxVersion ?? 'TLSv1.3'}`
      : 'TLSv1.2 to TLSv1.3';
  const server = `${versions}${t.ciphers ? `, ciphers ${t.ciphers}` : ''}${t.http2 ? ', HTTP/2 and HTTP/1.1' : ''}`;
  if (!site.leaf) return `the lab's ordinary leaf (EC P-256, SHA-256); ${server}`;
  const o = site.leaf.options ?? {};
  const leaf = [
    o.key === undefined || o.key === 'ec-p256' ? 'EC P-256 key' : `${o.key.toUpperCase()} key`,
    `signed with ${(o.signatureHash ?? 'sha256').toUpperCase().replace('SHA', 'SHA-')}`,
    o.days === undefined
      ? 'valid 825 days'
      : `valid ${o.days} days${o.backdateDays ? ` from ${o.backdateDays} days ago` : ''}, ` +
        `made again once under ${o.renewWithinDays} are left`,
    `${(site.leaf.names ?? [site.host]).length} SAN(s)`,
    ...(site.leaf.ca === 'second' ? ["signed by the lab's second CA"] : []),
  ];
  return `leaf: ${leaf.join(', ')}; ${server}`;
}
