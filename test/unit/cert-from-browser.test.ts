import { describe, expect, it } from 'vitest';
import { assessTls } from '../../src/core/cert/assess';
import {
  fromChromeSecurityDetails,
  fromFirefoxSecurityInfo,
} from '../../src/core/cert/from-browser';
import { READ_CERTIFICATES_KEPT } from '../../src/core/cert/from-firefox';
import { MAX_CHAIN, MAX_CHAIN_PEM, sanLabel } from '../../src/core/cert/model';
import { chromeDetails } from '../fixtures/certs/chrome-details';
import { firefoxCert, firefoxInfo } from '../fixtures/certs/firefox-info';
import { base64Of, fixture, opensslTime } from '../fixtures/certs/load';

// The two browsers' objects, built as each browser returns them for the fixtures' chains, and
// mapped to the one model: the same certificate must read the same from either browser.

const chain = (...names: string[]) => names.map(fixture);

describe('Firefox getSecurityInfo', () => {
  const certs = chain('rsa-2048', 'intermediate', 'root');

  it('gives the connection and the whole chain, read from rawDER', () => {
    const tls = fromFirefoxSecurityInfo(firefoxInfo(certs))!;
    expect(tls).toMatchObject({
      source: 'firefox',
      protocol: 'TLS 1.3',
      cipher: 'TLS_AES_128_GCM_SHA256',
      keyExchangeGroup: 'x25519',
      signatureScheme: 'ECDSA-P256-SHA256',
      ech: false,
      ct: 'not-applicable',
      chainDropped: 0,
    });
    expect(tls.keyExchange).toBeUndefined();
    expect(tls.chain.map((c) => c.sha256)).toEqual(certs.map((f) => f.openssl.sha256));
    expect(tls.chain.map((c) => c.source)).toEqual(['der', 'der', 'der']);
    expect(tls.chain[0]!.sans.map(sanLabel)).toEqual(['DNS:rsa2048.portwatch.test']);
    expect(tls.chain[2]).toMatchObject({ selfSigned: true, builtInRoot: false, isCa: true });
  });

  it("falls back to Firefox's own fields without rawDER, and says so by the source", () => {
    const info = firefoxInfo(certs, { certificates: certs.map((f) => firefoxCert(f, false)) });
    const leaf = fromFirefoxSecurityInfo(info)!.chain[0]!;
    expect(leaf).toEqual({
      source: 'browser',
      subject: certs[0]!.openssl.subject,
      issuer: certs[0]!.openssl.issuer,
      sans: [],
      sansDropped: 0,
      notBefore: opensslTime(certs[0]!.openssl.notBefore),
      notAfter: opensslTime(certs[0]!.openssl.notAfter),
      serialNumber: certs[0]!.openssl.serial,
      sha256: certs[0]!.openssl.sha256,
      keyAlgorithm: 'unknown',
      isCa: false,
      selfSigned: false,
      builtInRoot: false,
    });
  });

  it('keeps the fingerprint and the reason when rawDER is not a certificate', () => {
    const bad = { ...firefoxCert(certs[0]!), rawDER: [1, 2, 3] };
    const leaf = fromFirefoxSecurityInfo(firefoxInfo(certs, { certificates: [bad] }))!.chain[0]!;
    expect(leaf.source).toBe('browser');
    expect(leaf.sha256).toBe(certs[0]!.openssl.sha256);
    expect(leaf.parseError).toMatch(/not a readable certificate/);
  });

  it('reads a certificate seen before from memory, by place in the chain, and keeps few', () => {
    // Without isBuiltInRoot, what is read is returned as it is: the same object when remembered.
    const plain = (f: (typeof certs)[number], sha256 = f.openssl.sha256) => {
      const cert: Record<string, unknown> = {
        ...firefoxCert(f),
        fingerprint: { sha1: '00', sha256 },
      };
      delete cert['isBuiltInRoot'];
      return cert;
    };
    const info = () => firefoxInfo(certs, { certificates: certs.map((f) => plain(f)) });
    const first = fromFirefoxSecurityInfo(info())!;
    const again = fromFirefoxSecurityInfo(info())!;
    expect(again.chain).toEqual(first.chain);
    expect(again.chain[1]).toBe(first.chain[1]);
    // The same certificate as a leaf keeps another number of SANs: read anew.
    const asLeaf = fromFirefoxSecurityInfo(firefoxInfo([], { certificates: [plain(certs[1]!)] }))!;
    expect(asLeaf.chain[0]).not.toBe(first.chain[1]);
    expect(asLeaf.chain[0]!.sha256).toBe(first.chain[1]!.sha256);
    // Other fingerprints fill the memory: the intermediate is forgotten, then read again.
    for (let i = 0; i < READ_CERTIFICATES_KEPT; i++) {
      const other = plain(certs[1]!, `other-${i}`);
      fromFirefoxSecurityInfo(firefoxInfo([], { certificates: [other, other] }));
    }
    const later = fromFirefoxSecurityInfo(info())!;
    expect(later.chain[1]).not.toBe(first.chain[1]);
    expect(later.chain[1]).toEqual(first.chain[1]);
  });

  it('reads a TLS 1.2 suite, its key exchange and weakness', () => {
    const tls = fromFirefoxSecurityInfo(
      firefoxInfo(certs, {
        protocolVersion: 'TLSv1.2',
        cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
        state: 'weak',
      }),
    )!;
    expect(tls).toMatchObject({ protocol: 'TLS 1.2', keyExchange: 'ECDHE_RSA' });
    expect(assessTls(tls, opensslTime(certs[0]!.openssl.notBefore)).map((f) => f.id)).toEqual([
      'weak-cipher',
    ]);
  });

  it('maps CT status and a bypassed certificate error', () => {
    const tls = fromFirefoxSecurityInfo(
      firefoxInfo(certs, {
        certificateTransparencyStatus: 'policy_not_enough_scts',
        overridableErrorCategory: 'domain_mismatch',
        usedEch: true,
      }),
    )!;
    expect(tls).toMatchObject({ ct: 'not-compliant', overriddenError: 'name-mismatch', ech: true });
  });

  it('ignores values it does not know', () => {
    const tls = fromFirefoxSecurityInfo(
      firefoxInfo(certs, {
        certificateTransparencyStatus: 'toString',
        overridableErrorCategory: '__proto__',
        protocolVersion: 'unknown',
      }),
    )!;
    expect(tls.ct).toBeUndefined();
    expect(tls.overriddenError).toBeUndefined();
    expect(tls.protocol).toBeUndefined();
  });

  it('gives nothing for a connection without TLS', () => {
    expect(fromFirefoxSecurityInfo({ state: 'insecure', certificates: [] })).toBeNull();
  });

  it(`keeps ${MAX_CHAIN} certificates and counts the rest`, () => {
    const long = Array.from({ length: 15 }, () => fixture('intermediate'));
    const tls = fromFirefoxSecurityInfo(firefoxInfo(long))!;
    expect(tls.chain).toHaveLength(MAX_CHAIN);
    expect(tls.chainDropped).toBe(5);
  });

  it('keeps PEMs, leaf first, within the chain budget', () => {
    const big = chain('many-sans', 'many-sans', 'intermediate');
    const tls = fromFirefoxSecurityInfo(firefoxInfo(big))!;
    expect(tls.chain.map((c) => c.pem !== undefined)).toEqual([true, false, true]);
    const kept = tls.chain.reduce((n, c) => n + (c.pem?.length ?? 0), 0);
    expect(kept).toBeLessThanOrEqual(MAX_CHAIN_PEM);
  });

  it('keeps few SANs of a CA certificate', () => {
    const tls = fromFirefoxSecurityInfo(firefoxInfo(chain('rsa-2048', 'many-sans')))!;
    expect(tls.chain[1]!.sans.length).toBeLessThan(100);
    expect(tls.chain[1]!.sansDropped).toBeGreaterThan(900);
  });
});

describe('Chrome SecurityDetails and getCertificate', () => {
  const leaf = fixture('idn');
  const certs = chain('idn', 'intermediate', 'root');

  it('reads the same certificates from the base64 DER chain', () => {
    const tls = fromChromeSecurityDetails(chromeDetails(leaf), certs.map(base64Of));
    const firefox = fromFirefoxSecurityInfo(firefoxInfo(certs))!;
    expect(tls).toMatchObject({
      source: 'chrome',
      protocol: 'TLS 1.3',
      cipher: 'AES_128_GCM',
      keyExchangeGroup: 'X25519',
      signatureScheme: 'ecdsa_secp256r1_sha256',
      ech: false,
      ct: 'unknown',
    });
    expect(tls.keyExchange).toBeUndefined();
    expect(tls.mac).toBeUndefined();
    // Only builtInRoot, which Chrome does not report, differs from Firefox's reading.
    expect(tls.chain).toEqual(firefox.chain.map(({ builtInRoot: _, ...c }) => c));
  });

  it('takes the leaf from SecurityDetails when getCertificate gave no chain', () => {
    const tls = fromChromeSecurityDetails(chromeDetails(leaf), []);
    expect(tls.chain).toHaveLength(1);
    expect(tls.chain[0]).toEqual({
      source: 'browser',
      subject: 'xn--bcher-kva.example',
      issuer: 'Portwatch Test Intermediate CA',
      sans: [
        { kind: 'DNS', value: 'xn--bcher-kva.example', unicode: 'bücher.example' },
        { kind: 'DNS', value: 'www.xn--bcher-kva.example', unicode: 'www.bücher.example' },
        { kind: 'DNS', value: 'xn--mnchen-3ya.example', unicode: 'münchen.example' },
      ],
      sansDropped: 0,
      notBefore: opensslTime(leaf.openssl.notBefore),
      notAfter: opensslTime(leaf.openssl.notAfter),
      keyAlgorithm: 'unknown',
      isCa: false,
      selfSigned: false,
    });
  });

  it('tells IP addresses from DNS names in sanList', () => {
    const noCn = fixture('no-cn');
    const tls = fromChromeSecurityDetails(
      chromeDetails(noCn, { sanList: ['a.example', '192.0.2.7', '2001:db8::7'] }),
      [],
    );
    expect(tls.chain[0]!.sans.map(sanLabel)).toEqual([
      'DNS:a.example',
      'IP:192.0.2.7',
      'IP:2001:db8::7',
    ]);
  });

  it('reads a TLS 1.2 CBC suite with its MAC and key exchange', () => {
    const tls = fromChromeSecurityDetails(
      chromeDetails(leaf, {
        protocol: 'TLS 1.2',
        keyExchange: 'ECDHE_RSA',
        cipher: 'AES_128_CBC',
        mac: 'HMAC-SHA1',
        serverSignatureAlgorithm: 0x0804,
        certificateTransparencyCompliance: 'not-compliant',
      }),
      certs.map(base64Of),
    );
    expect(tls).toMatchObject({
      protocol: 'TLS 1.2',
      keyExchange: 'ECDHE_RSA',
      mac: 'HMAC-SHA1',
      signatureScheme: 'rsa_pss_rsae_sha256',
      ct: 'not-compliant',
    });
    const now = opensslTime(leaf.openssl.notBefore);
    expect(assessTls(tls, now).map((f) => f.id)).toEqual(['weak-cipher', 'ct-not-compliant']);
  });

  it('names an unknown signature scheme by its code point', () => {
    const tls = fromChromeSecurityDetails(
      chromeDetails(leaf, { serverSignatureAlgorithm: 0x1234 }),
      [],
    );
    expect(tls.signatureScheme).toBe('0x1234');
  });

  it('keeps an unreadable CA certificate as unreadable, with its fingerprint', () => {
    const garbage = btoa('not a certificate at all');
    const tls = fromChromeSecurityDetails(chromeDetails(leaf), [base64Of(leaf), garbage, 42]);
    expect(tls.chain.map((c) => c.source)).toEqual(['der', 'browser', 'browser']);
    expect(tls.chain[1]).toMatchObject({
      isCa: true,
      parseError: expect.stringMatching(/not a readable/),
    });
    expect(tls.chain[1]!.sha256).toMatch(/^[0-9A-F:]{95}$/);
    expect(tls.chain[2]).toMatchObject({ parseError: 'not base64 DER' });
    expect(tls.chain[2]).not.toHaveProperty('sha256');
  });

  it('uses SecurityDetails for a leaf whose DER cannot be read', () => {
    const tls = fromChromeSecurityDetails(chromeDetails(leaf), ['AAAA']);
    expect(tls.chain[0]).toMatchObject({ source: 'browser', subject: 'xn--bcher-kva.example' });
    expect(tls.chain[0]!.parseError).toBeDefined();
  });
});

describe('Chrome without details', () => {
  it('gives an empty chain rather than a certificate without a name', () => {
    expect(fromChromeSecurityDetails({ protocol: 'TLS 1.3' }, [])).toEqual({
      source: 'chrome',
      protocol: 'TLS 1.3',
      chain: [],
      chainDropped: 0,
    });
  });
});
