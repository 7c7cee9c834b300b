import { createHash, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derFromBase64, derFromPem, pemFromDer } from '../../src/core/cert/encoding';
import {
  CA_SANS,
  LEAF_SANS,
  MAX_NAME,
  sanLabel,
  type CertificateInfo,
  type San,
} from '../../src/core/cert/model';
import { isParseError, parseCertificate } from '../../src/core/cert/parse';
import { bound } from '../../src/core/text';
import {
  base64Of,
  fixture,
  FIXTURE_NAMES,
  opensslTime,
  type OpensslView,
} from '../fixtures/certs/load';

// Each fixture is parsed and compared, field by field, with what openssl read in it
// (<name>.expected.json, written by make-fixtures.sh): never with values typed by hand.

function parsed(name: string, limits = LEAF_SANS): CertificateInfo {
  const r = parseCertificate(fixture(name).der, limits);
  if (isParseError(r)) throw new Error(`${name}: ${r.error}`);
  return r;
}

/** openssl's hash spelling (`sha256`, `SHA256`, `sha1`) as ours (`SHA-256`, `SHA-1`). */
function hashName(openssl: string): string {
  return openssl.toUpperCase().replace(/^SHA(\d)/, 'SHA-$1');
}

/** openssl's signature algorithm name as the readable name the model gives. */
function signatureName(o: OpensslView): string {
  const rsa = /^(\w+)WithRSAEncryption$/.exec(o.signatureAlgorithm);
  if (rsa) return `${hashName(rsa[1]!)} with RSA`;
  const ecdsa = /^ecdsa-with-(\w+)$/.exec(o.signatureAlgorithm);
  if (ecdsa) return `ECDSA with ${hashName(ecdsa[1]!)}`;
  if (o.signatureAlgorithm === 'rsassaPss') return `RSA-PSS with ${hashName(o.pssHash!)}`;
  throw new Error(`unexpected openssl signature algorithm ${o.signatureAlgorithm}`);
}

const KEY_ALGORITHMS: Record<string, string> = {
  rsaEncryption: 'RSA',
  'id-ecPublicKey': 'EC',
  ED25519: 'Ed25519',
};

function ipText(ip: string): string {
  return ip.includes(':') ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
}

/** openssl's SAN line as [kind, value]; IPv6 in one spelling for both sides. */
function opensslSan(line: string): [string, string] {
  const [label, ...rest] = line.split(':');
  const value = rest.join(':');
  if (label === 'IP Address') return ['IP', ipText(value)];
  return [label!, value];
}

function ourSan(s: San): [string, string] {
  return [s.kind, s.kind === 'IP' ? ipText(s.value) : s.value];
}

function serialDigits(hex: string): string {
  return hex.replaceAll(':', '').replace(/^0+/, '').toUpperCase();
}

/** The first CN in an RFC 2253 string (the fixtures' names have no escaped commas). */
function attributeOf(rfc2253: string, type: string): string | undefined {
  return rfc2253
    .split(',')
    .find((p) => p.startsWith(`${type}=`))
    ?.slice(type.length + 1);
}
const cnOf = (name: string) => attributeOf(name, 'CN');

describe.each(FIXTURE_NAMES)('fixture %s, read as openssl reads it', (name) => {
  const o = fixture(name).openssl;
  const c = parsed(name);

  it('has the same SHA-256 fingerprint and serial', () => {
    expect(c.sha256).toBe(o.sha256);
    expect(serialDigits(c.serialNumber!)).toBe(serialDigits(o.serial));
  });

  it("has the key digest Node's own crypto computes from the PEM", () => {
    const spki = createPublicKey(fixture(name).pem).export({ type: 'spki', format: 'der' });
    expect(c.spkiSha256).toBe(createHash('sha256').update(spki).digest('base64'));
  });

  it('has the same validity', () => {
    expect(c.notBefore).toBe(opensslTime(o.notBefore));
    expect(c.notAfter).toBe(opensslTime(o.notAfter));
  });

  it('has the same subject and issuer, bounded for display', () => {
    expect(c.subject).toBe(bound(o.subject, MAX_NAME));
    expect(c.issuer).toBe(bound(o.issuer, MAX_NAME));
    expect(c.subjectCn).toBe(cnOf(o.subject));
    expect(c.issuerCn).toBe(cnOf(o.issuer));
    expect(c.issuerOrg).toBe(attributeOf(o.issuer, 'O'));
  });

  it('has the same SANs', () => {
    expect(c.sans.map(ourSan)).toEqual(o.sans.map(opensslSan));
    expect(c.sansDropped).toBe(0);
  });

  it('has the same key and signature algorithm', () => {
    expect(c.keyAlgorithm).toBe(KEY_ALGORITHMS[o.publicKeyAlgorithm]);
    expect(c.keySize).toBe(o.keyBits ?? undefined);
    expect(c.curve).toBe(o.curve ?? undefined);
    expect(c.signatureAlgorithm).toBe(signatureName(o));
    expect(c.isCa).toBe(o.isCa);
  });

  it('is self-signed exactly when openssl shows its issuer as its subject', () => {
    expect(c.selfSigned).toBe(o.subject === o.issuer);
  });

  it('keeps the PEM as openssl wrote it', () => {
    expect(c.pem).toBe(fixture(name).pem);
  });
});

describe('fields openssl shows another way', () => {
  it('names the hash of each signature', () => {
    expect(parsed('root').signatureHash).toBe('SHA-1');
    expect(parsed('sha1').signatureHash).toBe('SHA-1');
    expect(parsed('rsa-2048').signatureHash).toBe('SHA-256');
    expect(parsed('ec-p384').signatureHash).toBe('SHA-384');
    expect(parsed('rsa-pss').signatureHash).toBe('SHA-256');
  });

  it('decodes IDN SANs for reading and keeps the punycode', () => {
    const sans = parsed('idn').sans;
    expect(sans[0]).toEqual({
      kind: 'DNS',
      value: 'xn--bcher-kva.example',
      unicode: 'bücher.example',
    });
    expect(sans.map(sanLabel)).toEqual([
      'DNS:bücher.example',
      'DNS:www.bücher.example',
      'DNS:münchen.example',
    ]);
  });

  it('labels every kind of SAN', () => {
    expect(parsed('no-cn').sans.map(sanLabel)).toEqual([
      'DNS:no-cn.portwatch.test',
      'DNS:*.no-cn.portwatch.test',
      'IP:192.0.2.7',
      'IP:2001:db8::7',
      'email:admin@portwatch.test',
      'URI:https://no-cn.portwatch.test/',
    ]);
  });
});

describe('limits', () => {
  it('cuts a 4 KB subject to MAX_NAME for display', () => {
    const o = fixture('big-subject').openssl;
    expect(o.subject.length).toBeGreaterThan(4000);
    expect(parsed('big-subject').subject.length).toBe(MAX_NAME);
  });

  it('keeps all 1,000 SANs of a leaf', () => {
    const c = parsed('many-sans');
    expect(c.sans).toHaveLength(1000);
    expect(c.sans.at(-1)?.value).toBe('host-1000.many.portwatch.test');
  });

  it('keeps a few SANs of a CA certificate and counts the rest', () => {
    const c = parsed('many-sans', CA_SANS);
    expect(c.sans).toHaveLength(CA_SANS.count);
    expect(c.sansDropped).toBe(1000 - CA_SANS.count);
  });

  it('stops at the character budget before the count', () => {
    const c = parsed('many-sans', { count: 1000, chars: 100 });
    expect(c.sans.map((s) => s.value).join('').length).toBeLessThanOrEqual(100);
    expect(c.sans.length + c.sansDropped).toBe(1000);
  });
});

describe('encodings', () => {
  it.each(FIXTURE_NAMES)('turns %s from PEM to DER and back unchanged', (name) => {
    const f = fixture(name);
    expect(pemFromDer(f.der)).toBe(f.pem);
    expect(derFromBase64(base64Of(f))).toEqual(f.der);
  });

  it('refuses what is not base64 or PEM', () => {
    expect(derFromBase64('')).toBeNull();
    expect(derFromBase64('not base64!')).toBeNull();
    expect(derFromBase64('abc')).toBeNull();
    expect(derFromPem('no certificate here')).toBeNull();
  });

  it('reads the first certificate of a PEM bundle', () => {
    const bundle = fixture('rsa-2048').pem + fixture('intermediate').pem;
    expect(derFromPem(bundle)).toEqual(fixture('rsa-2048').der);
  });
});

describe('what is not a certificate', () => {
  it('gives an error with the fingerprint of the bytes', () => {
    const r = parseCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
    expect(isParseError(r)).toBe(true);
    expect(r.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('refuses to parse more than MAX_DER bytes', () => {
    const r = parseCertificate(new Uint8Array(200 * 1024));
    expect(isParseError(r) && r.error).toMatch(/larger than/);
  });
});
