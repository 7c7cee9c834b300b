import { describe, expect, it } from 'vitest';
import { assessTls } from '../../src/core/cert/assess';
import { weakCipherReason, normaliseProtocol } from '../../src/core/cert/cipher';
import type { CertificateInfo, TlsInfo } from '../../src/core/cert/model';
import { isParseError, parseCertificate } from '../../src/core/cert/parse';
import { findingText } from '../../src/core/finding-text';
import type { Finding } from '../../src/core/findings';
import { renderMessage } from '../../src/core/message';
import { fixture, FIXTURE_NAMES, opensslTime } from '../fixtures/certs/load';
import { renewalCerts } from '../fixtures/certs/renewals/load';
import { t } from './translate';
import { ids_ } from './events';

// The certificate and TLS findings (README.md), for each fixture, both ways: raised where the
// certificate or connection is weak, silent where it is not. Times come from the fixtures'
// own dates as openssl reads them, never from the clock.

const DAY = 86_400_000;
/** A moment when every fixture but `expired` and `expiring` is well inside its validity. */
const NOW = Date.parse('2026-01-15T00:00:00Z');

function cert(name: string): CertificateInfo {
  const r = parseCertificate(fixture(name).der);
  if (isParseError(r)) throw new Error(r.error);
  return r;
}

/** The chain a server would send, up to the test root. */
function chainOf(name: string): CertificateInfo[] {
  if (name === 'root') return [cert('root')];
  if (name === 'intermediate') return [cert('intermediate'), cert('root')];
  const issuer = fixture(name).openssl.issuer;
  const intermediate = fixture('intermediate').openssl.subject;
  return issuer === intermediate
    ? [cert(name), cert('intermediate'), cert('root')]
    : [cert(name), cert('root')];
}

function tls(chain: CertificateInfo[], extra: Partial<TlsInfo> = {}): TlsInfo {
  return {
    source: 'firefox',
    protocol: 'TLS 1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    ct: 'compliant',
    chain,
    chainDropped: 0,
    ...extra,
  };
}

const only = (fs: Finding[], id: string) => fs.find((f) => f.id === id);

/** Which findings each fixture's chain raises at NOW with a strong connection. */
const EXPECTED: Record<string, string[]> = {
  root: [],
  intermediate: [],
  'rsa-1024': ['weak-key'],
  'rsa-2048': [],
  'rsa-4096': [],
  'ec-p256': [],
  'ec-p384': [],
  ed25519: [],
  sha1: ['weak-signature'],
  'rsa-pss': [],
  expired: ['certificate-expiring'],
  expiring: [],
  'many-sans': [],
  'no-cn': [],
  idn: [],
  'big-subject': [],
};

describe('each fixture', () => {
  it('has an expectation', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...FIXTURE_NAMES]);
  });

  it.each(FIXTURE_NAMES)('%s raises exactly its findings', (name) => {
    expect(ids_(assessTls(tls(chainOf(name)), NOW))).toEqual(EXPECTED[name]);
  });
});

describe('certificate-expiring', () => {
  const notAfter = opensslTime(fixture('expiring').openssl.notAfter);
  const at = (daysBefore: number) =>
    assessTls(tls(chainOf('expiring')), notAfter - daysBefore * DAY);

  it('a long-lived certificate: silent past 30 days, a notice from 30, a warning under 7', () => {
    const leaf = cert('rsa-2048');
    const end = leaf.notAfter!;
    const atLeft = (days: number) => assessTls(tls([leaf]), end - days * DAY);
    expect(ids_(atLeft(31))).toEqual([]);
    expect(only(atLeft(30), 'certificate-expiring')).toMatchObject({
      severity: 'notice',
      evidence: { days: 30, notAfter: end, certificate: 'rsa2048.portwatch.test' },
    });
    expect(only(atLeft(7), 'certificate-expiring')?.severity).toBe('notice');
    expect(only(atLeft(6.5), 'certificate-expiring')).toMatchObject({
      severity: 'warning',
      evidence: { days: 6 },
    });
  });

  it('a shorter one: a notice under a sixth of its lifetime left, a warning under a twelfth', () => {
    // 59.5 days: a sixth is 9.9 days, a twelfth 4.96 days (ACME renews with a third left).
    expect(ids_(at(10))).toEqual([]);
    expect(only(at(9.9), 'certificate-expiring')).toMatchObject({
      severity: 'notice',
      evidence: { days: 9, notAfter, certificate: 'expiring.portwatch.test' },
    });
    expect(only(at(5), 'certificate-expiring')?.severity).toBe('notice');
    expect(only(at(4.9), 'certificate-expiring')).toMatchObject({
      severity: 'warning',
      evidence: { days: 4 },
    });
  });

  it('a 6-day certificate renewed daily raises nothing until its renewal is a day late', () => {
    const leaf = renewalCerts('daily-1')[0]!;
    const end = leaf.notAfter!;
    expect((end - leaf.notBefore!) / DAY).toBe(6);
    const atLeft = (days: number) => assessTls(tls([leaf]), end - days * DAY);
    for (const days of [5, 3, 1.01]) expect(ids_(atLeft(days))).toEqual([]);
    expect(only(atLeft(1), 'certificate-expiring')?.severity).toBe('notice');
    expect(only(atLeft(0.4), 'certificate-expiring')?.severity).toBe('warning');
  });

  it('without a start date (a browser summary), uses the long-lived limits', () => {
    const leaf = { ...cert('expiring'), notBefore: undefined };
    expect(
      only(assessTls(tls([leaf]), notAfter - 30 * DAY), 'certificate-expiring')?.severity,
    ).toBe('notice');
  });

  it('is a warning once expired, with negative days', () => {
    const expired = opensslTime(fixture('expired').openssl.notAfter);
    const f = only(assessTls(tls(chainOf('expired')), expired + 3 * DAY), 'certificate-expiring');
    expect(f).toMatchObject({ severity: 'warning', evidence: { days: -3 } });
  });

  it('looks at the leaf only', () => {
    const chain = [cert('rsa-2048'), cert('expiring'), cert('root')];
    expect(ids_(assessTls(tls(chain), notAfter - DAY))).toEqual([]);
  });

  it('names a certificate without CN by its first SAN', () => {
    const chain = [{ ...cert('no-cn'), notAfter: NOW + DAY }];
    expect(only(assessTls(tls(chain), NOW), 'certificate-expiring')?.evidence.certificate).toBe(
      'DNS:no-cn.portwatch.test',
    );
  });
});

describe('weak-signature', () => {
  it('is danger for a SHA-1 leaf, naming it', () => {
    expect(only(assessTls(tls(chainOf('sha1')), NOW), 'weak-signature')).toMatchObject({
      severity: 'danger',
      evidence: {
        certificate: 'sha1.portwatch.test',
        position: 0,
        algorithm: 'SHA-1 with RSA',
        count: 1,
      },
    });
  });

  it('excludes the root: a SHA-1 self-signed root at the end is fine', () => {
    expect(cert('root').signatureHash).toBe('SHA-1');
    expect(ids_(assessTls(tls(chainOf('rsa-2048')), NOW))).toEqual([]);
  });

  it('counts a SHA-1 root that is not at the end of the chain', () => {
    const chain = [cert('rsa-2048'), cert('root'), cert('intermediate')];
    expect(only(assessTls(tls(chain), NOW), 'weak-signature')?.evidence.position).toBe(1);
  });

  it('excludes a last certificate Firefox knows as a built-in root', () => {
    const chain = [cert('rsa-2048'), { ...cert('sha1'), builtInRoot: true }];
    expect(ids_(assessTls(tls(chain), NOW))).toEqual([]);
  });

  it('counts a SHA-1 certificate sent without its root', () => {
    expect(ids_(assessTls(tls([cert('sha1')]), NOW))).toEqual(['weak-signature']);
  });

  it('treats MD5 like SHA-1', () => {
    const md5 = {
      ...cert('rsa-2048'),
      signatureHash: 'MD5' as const,
      signatureAlgorithm: 'MD5 with RSA',
    };
    expect(
      only(assessTls(tls([md5, cert('root')]), NOW), 'weak-signature')?.evidence.algorithm,
    ).toBe('MD5 with RSA');
  });
});

describe('weak-key', () => {
  it('is a warning for RSA 1024, with the size', () => {
    expect(only(assessTls(tls(chainOf('rsa-1024')), NOW), 'weak-key')).toMatchObject({
      severity: 'warning',
      evidence: { algorithm: 'RSA', keySize: 1024, position: 0, count: 1 },
    });
  });

  it('looks at every certificate of the chain', () => {
    const chain = [cert('rsa-2048'), cert('rsa-1024'), cert('root')];
    expect(only(assessTls(tls(chain), NOW), 'weak-key')?.evidence.position).toBe(1);
  });

  it('is raised for EC under 256 bits, not for P-256, P-384 or Ed25519', () => {
    const p224 = { ...cert('ec-p256'), curve: 'P-224', keySize: 224 };
    expect(only(assessTls(tls([p224]), NOW), 'weak-key')?.evidence.algorithm).toBe('EC P-224');
    for (const name of ['ec-p256', 'ec-p384', 'ed25519', 'rsa-2048', 'rsa-4096']) {
      expect(ids_(assessTls(tls(chainOf(name)), NOW))).not.toContain('weak-key');
    }
  });
});

describe('weak-protocol', () => {
  it.each(['TLS 1.0', 'TLS 1.1', 'SSL 3.0'])('is danger for %s', (protocol) => {
    const f = only(assessTls(tls(chainOf('rsa-2048'), { protocol }), NOW), 'weak-protocol');
    expect(f).toMatchObject({ severity: 'danger', evidence: { protocol } });
  });

  it.each(['TLS 1.2', 'TLS 1.3', 'QUIC', undefined])('is silent for %s', (protocol) => {
    expect(ids_(assessTls(tls(chainOf('rsa-2048'), { protocol }), NOW))).toEqual([]);
  });

  it.each([
    ['TLSv1', 'TLS 1.0'],
    ['TLSv1.1', 'TLS 1.1'],
    ['TLSv1.3', 'TLS 1.3'],
    ['TLS 1', 'TLS 1.0'],
    ['TLS 1.2', 'TLS 1.2'],
    ['SSL 3.0', 'SSL 3.0'],
    ['QUIC', 'QUIC'],
    ['unknown', undefined],
  ])('reads %s as %s', (raw, normal) => {
    expect(normaliseProtocol(raw)).toBe(normal);
  });
});

describe('weak-cipher', () => {
  it.each([
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', undefined, 'cbc'],
    ['TLS_RSA_WITH_AES_256_CBC_SHA256', undefined, 'cbc'],
    ['ECDHE-RSA-AES128-SHA', undefined, 'cbc'],
    ['AES256-SHA256', undefined, 'cbc'],
    ['AES_128_CBC', 'HMAC-SHA1', 'cbc'],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', undefined, 'des'],
    ['DES-CBC3-SHA', undefined, 'des'],
    ['3DES_EDE_CBC', 'HMAC-SHA1', 'des'],
    ['TLS_RSA_WITH_RC4_128_SHA', undefined, 'rc4'],
    ['RC4-MD5', undefined, 'rc4'],
    ['RC4_128', 'HMAC-SHA1', 'rc4'],
    ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', undefined, 'export'],
    ['EXP-DES-CBC-SHA', undefined, 'export'],
    ['TLS_RSA_WITH_NULL_SHA256', undefined, 'null'],
    ['NULL-SHA', undefined, 'null'],
    ['SOME_STREAM_CIPHER', 'HMAC-SHA256', 'non-aead'],
  ])('calls %s (mac %s) weak: %s', (cipher, mac, reason) => {
    expect(weakCipherReason(cipher, mac)).toBe(reason);
    const f = only(assessTls(tls(chainOf('rsa-2048'), { cipher, mac }), NOW), 'weak-cipher');
    expect(f).toMatchObject({ severity: 'warning', evidence: { reason } });
  });

  it.each([
    ['TLS_AES_128_GCM_SHA256', undefined],
    ['TLS_AES_256_GCM_SHA384', undefined],
    ['TLS_CHACHA20_POLY1305_SHA256', undefined],
    ['TLS_AES_128_CCM_SHA256', undefined],
    ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', undefined],
    ['ECDHE-RSA-CHACHA20-POLY1305', undefined],
    ['AES_128_GCM', undefined],
    ['CHACHA20_POLY1305', ''],
    ['SOMETHING_NEW', undefined],
  ])('leaves %s alone', (cipher, mac) => {
    expect(weakCipherReason(cipher, mac)).toBeNull();
  });

  it("shows Chrome's cipher with its MAC", () => {
    const f = only(
      assessTls(tls(chainOf('rsa-2048'), { cipher: 'AES_128_CBC', mac: 'HMAC-SHA1' }), NOW),
      'weak-cipher',
    );
    expect(f?.evidence.cipher).toBe('AES_128_CBC with HMAC-SHA1');
  });
});

describe('ct-not-compliant', () => {
  it('is a warning when the browser reports it', () => {
    const f = only(
      assessTls(tls(chainOf('rsa-2048'), { ct: 'not-compliant' }), NOW),
      'ct-not-compliant',
    );
    expect(f?.severity).toBe('warning');
  });

  it.each(['compliant', 'not-applicable', 'unknown', undefined] as const)(
    'is silent for %s',
    (ct) => {
      expect(ids_(assessTls(tls(chainOf('rsa-2048'), { ct }), NOW))).toEqual([]);
    },
  );
});

describe('what a browser did not give raises nothing', () => {
  it('an empty chain and no protocol or cipher', () => {
    expect(assessTls({ source: 'chrome', chain: [], chainDropped: 0 }, NOW)).toEqual([]);
  });
});

describe('sentences', () => {
  const weakEverything = tls([cert('sha1'), cert('rsa-1024')], {
    protocol: 'TLS 1.0',
    cipher: 'TLS_RSA_WITH_RC4_128_SHA',
    ct: 'not-compliant',
  });

  it('are worst first', () => {
    const found = assessTls(
      weakEverything,
      opensslTime(fixture('sha1').openssl.notAfter) - 2 * DAY,
    );
    expect(ids_(found)).toEqual([
      'weak-protocol',
      'weak-signature',
      'weak-cipher',
      'weak-key',
      'ct-not-compliant',
      'certificate-expiring',
    ]);
  });

  it('exist in English for every TLS finding and say what was found', () => {
    const found = assessTls(
      weakEverything,
      opensslTime(fixture('sha1').openssl.notAfter) - 2 * DAY,
    );
    const text = found.map((f) => {
      const s = findingText(f);
      return [s.title, s.detail, s.why].map((m) => renderMessage(m, t)).join(' | ');
    });
    expect(text.join('\n')).toMatchInlineSnapshot(`
      "Outdated TLS version | The connection uses TLS 1.0; TLS 1.2 or newer is expected. | TLS 1.0 and 1.1 have known attacks and lack modern ciphers; standards (RFC 8996) and browsers have retired them.
      Weak certificate signature | The certificate “sha1.portwatch.test” is signed with SHA-1 with RSA. | SHA-1 and MD5 signatures can be forged with collision attacks, so a certificate signed with them could be faked.
      Weak cipher suite | The cipher suite TLS_RSA_WITH_RC4_128_SHA uses RC4, a broken stream cipher. | A weak cipher suite can let someone on the network decrypt or tamper with the traffic.
      Weak certificate key | The certificate “rsa1024.portwatch.test” has a key of only 1024 bits (RSA). | A short key can be broken with enough computing power, letting someone impersonate the site.
      Certificate Transparency not met | The browser reports that this certificate does not meet its Certificate Transparency policy. | Certificate Transparency makes every certificate public so that wrongly issued ones are noticed; this one was not logged as the browser requires.
      Certificate expiring or expired | The certificate “sha1.portwatch.test” expires in 2 day(s), on 2045-01-01 00:00 UTC. | Once the certificate expires, browsers refuse the connection until the site renews it."
    `);
  });

  it.each([
    [-2, 'expired on'],
    [0.5, 'expires within a day'],
    [3, 'expires in 3 day(s)'],
  ])('for a certificate %s days from expiry: %s', (days, words) => {
    const notAfter = opensslTime(fixture('expiring').openssl.notAfter);
    const f = only(
      assessTls(tls(chainOf('expiring')), notAfter - days * DAY),
      'certificate-expiring',
    )!;
    const detail = renderMessage(findingText(f).detail, t);
    expect(detail).toContain(words);
    expect(detail).toContain('2026-03-01 12:00 UTC');
  });
});
