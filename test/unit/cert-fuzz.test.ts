import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessTls } from '../../src/core/cert/assess';
import {
  fromChromeSecurityDetails,
  fromFirefoxSecurityInfo,
} from '../../src/core/cert/from-browser';
import {
  LEAF_SANS,
  MAX_CHAIN,
  MAX_CHAIN_PEM,
  MAX_FIELD,
  MAX_NAME,
  MAX_SAN_VALUE,
  type CertificateInfo,
  type TlsInfo,
} from '../../src/core/cert/model';
import { isParseError, parseCertificate } from '../../src/core/cert/parse';
import { base64Of, fixture, FIXTURE_NAMES } from '../fixtures/certs/load';

// The DER and the browsers' strings come from servers: whatever bytes arrive, parsing and
// mapping never throw, and what they keep stays within the model's bounds.

const RUNS = { numRuns: 300 };
const fixtures = fc.constantFrom(...FIXTURE_NAMES.filter((n) => n !== 'many-sans'));

function expectBounded(c: CertificateInfo): void {
  expect(c.subject.length).toBeLessThanOrEqual(MAX_NAME);
  expect(c.issuer.length).toBeLessThanOrEqual(MAX_NAME);
  for (const field of [c.subjectCn, c.issuerCn, c.serialNumber, c.sha256, c.signatureAlgorithm]) {
    expect(field?.length ?? 0).toBeLessThanOrEqual(MAX_FIELD);
  }
  expect(c.sans.length).toBeLessThanOrEqual(LEAF_SANS.count);
  for (const s of c.sans) expect(s.value.length).toBeLessThanOrEqual(MAX_SAN_VALUE);
  expect(c.sansDropped).toBeGreaterThanOrEqual(0);
}

function expectBoundedTls(tls: TlsInfo): void {
  expect(tls.chain.length).toBeLessThanOrEqual(MAX_CHAIN);
  const pem = tls.chain.reduce((n, c) => n + (c.pem?.length ?? 0), 0);
  expect(pem).toBeLessThanOrEqual(MAX_CHAIN_PEM);
  tls.chain.forEach(expectBounded);
  for (const field of [
    tls.protocol,
    tls.cipher,
    tls.mac,
    tls.keyExchangeGroup,
    tls.signatureScheme,
  ]) {
    expect(field?.length ?? 0).toBeLessThanOrEqual(MAX_FIELD);
  }
  expect(() => assessTls(tls, Date.now())).not.toThrow();
}

function check(der: Uint8Array): void {
  const r = parseCertificate(der);
  if (isParseError(r)) expect(r.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  else expectBounded(r);
}

function spliced(der: Uint8Array, at: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(der.length + bytes.length);
  out.set(der.subarray(0, at));
  out.set(bytes, at);
  out.set(der.subarray(at), at + bytes.length);
  return out;
}

function overwritten(der: Uint8Array, at: number, bytes: Uint8Array): Uint8Array {
  const out = der.slice();
  out.set(bytes.subarray(0, der.length - at), at);
  return out;
}

describe('parseCertificate never throws', () => {
  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), check), RUNS);
  });

  it('on random bytes that start like a certificate', () => {
    const header = fc.uint8Array({ maxLength: 1024 }).map((body) => {
      const der = new Uint8Array(body.length + 4);
      der.set([0x30, 0x82, body.length >> 8, body.length & 0xff]);
      der.set(body, 4);
      return der;
    });
    fc.assert(fc.property(header, check), RUNS);
  });

  it('on truncated certificates', () => {
    fc.assert(
      fc.property(fixtures, fc.double({ min: 0, max: 1, noNaN: true }), (name, cut) => {
        const der = fixture(name).der;
        check(der.subarray(0, Math.floor(der.length * cut)));
      }),
      RUNS,
    );
  });

  it('on certificates with flipped bits', () => {
    const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(fixtures, flips, (name, positions) => {
        const der = fixture(name).der.slice();
        for (const [at, bit] of positions) der[at % der.length]! ^= 1 << bit;
        check(der);
      }),
      { numRuns: 500 },
    );
  });

  it('on certificates with bytes overwritten or inserted', () => {
    fc.assert(
      fc.property(
        fixtures,
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 16 }),
        fc.boolean(),
        (name, at, bytes, insert) => {
          const der = fixture(name).der;
          const i = at % der.length;
          check(insert ? spliced(der, i, bytes) : overwritten(der, i, bytes));
        },
      ),
      RUNS,
    );
  });
});

describe('the browser mappers never throw', () => {
  const value = fc.anything({ maxDepth: 3, withNullPrototype: true });
  const b64 = fc.oneof(
    fixtures.map((n) => base64Of(fixture(n))),
    fc.base64String({ maxLength: 200 }),
    fc.string(),
    value,
  );

  it('on any Firefox object', () => {
    const cert = fc.record(
      {
        subject: fc.oneof(fc.string({ maxLength: 5000 }), value),
        issuer: value,
        validity: fc.oneof(fc.record({ start: fc.double(), end: fc.double() }), value),
        fingerprint: value,
        serialNumber: value,
        isBuiltInRoot: value,
        rawDER: fc.oneof(
          fixtures.map((n) => [...fixture(n).der]),
          fc.array(value),
          value,
        ),
      },
      { requiredKeys: [] },
    );
    const info = fc.record(
      {
        state: fc.oneof(fc.constantFrom('secure', 'weak', 'broken', 'insecure'), value),
        protocolVersion: value,
        cipherSuite: fc.oneof(fc.string({ maxLength: 600 }), value),
        keaGroupName: value,
        signatureSchemeName: value,
        certificateTransparencyStatus: value,
        usedEch: value,
        overridableErrorCategory: value,
        certificates: fc.oneof(fc.array(cert, { maxLength: 14 }), value),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(info, (i) => {
        const tls = fromFirefoxSecurityInfo(i);
        if (tls) expectBoundedTls(tls);
      }),
      { numRuns: 200 },
    );
  });

  it('on any Chrome object and chain', () => {
    const details = fc.record(
      {
        protocol: value,
        keyExchange: value,
        keyExchangeGroup: value,
        cipher: fc.oneof(fc.string({ maxLength: 600 }), value),
        mac: value,
        subjectName: fc.oneof(fc.string({ maxLength: 5000 }), value),
        sanList: fc.oneof(fc.array(fc.string(), { maxLength: 1200 }), value),
        issuer: value,
        validFrom: fc.oneof(fc.double(), value),
        validTo: fc.oneof(fc.double(), value),
        certificateTransparencyCompliance: value,
        serverSignatureAlgorithm: fc.oneof(fc.integer(), value),
        encryptedClientHello: value,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(details, fc.array(b64, { maxLength: 14 }), (d, chain) => {
        expectBoundedTls(fromChromeSecurityDetails(d, chain));
      }),
      { numRuns: 200 },
    );
  });
});
