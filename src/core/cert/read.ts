import { boundedText, finite, flag, oneOf, record } from '../checked';
import { defined, list } from './fields';
import {
  MAX_CHAIN,
  MAX_CHAIN_PEM,
  MAX_FIELD,
  MAX_NAME,
  MAX_SAN_VALUE,
  LEAF_SANS,
  type CertificateInfo,
  type CtStatus,
  type HashName,
  type KeyAlgorithm,
  type OverriddenError,
  type San,
  type SanKind,
  type TlsInfo,
} from './model';

// Reads TLS details back from storage.session. What was stored was built by the mappers, but
// storage can hold anything (an older version's shape, a damaged write): every field is checked
// and bounded again, and what does not fit is left out. Unlike the mappers it never rewrites a
// string (no escaping), so reading what was written gives back the same thing.

const KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['RSA', 'EC', 'Ed25519', 'Ed448', 'DSA', 'unknown'];
const HASHES: readonly HashName[] = [
  'MD2',
  'MD5',
  'SHA-1',
  'SHA-224',
  'SHA-256',
  'SHA-384',
  'SHA-512',
];
const SAN_KINDS: readonly SanKind[] = ['DNS', 'IP', 'email', 'URI', 'other'];
const CT: readonly CtStatus[] = ['compliant', 'not-compliant', 'not-applicable', 'unknown'];
const OVERRIDDEN: readonly OverriddenError[] = ['untrusted', 'name-mismatch', 'expired'];

function san(value: unknown): San | undefined {
  const v = record(value);
  const kind = oneOf(SAN_KINDS, v.kind);
  const text = boundedText(v.value, MAX_SAN_VALUE);
  if (kind === undefined || text === undefined) return undefined;
  return defined({ kind, value: text, unicode: boundedText(v.unicode, MAX_SAN_VALUE) });
}

function certificate(value: unknown): CertificateInfo | undefined {
  const v = record(value);
  const subject = boundedText(v.subject, MAX_NAME);
  const issuer = boundedText(v.issuer, MAX_NAME);
  if (subject === undefined || issuer === undefined) return undefined;
  const sans = list(v.sans)
    .slice(0, LEAF_SANS.count)
    .map(san)
    .filter((s): s is San => s !== undefined);
  return defined({
    source: v.source === 'browser' ? ('browser' as const) : ('der' as const),
    subject,
    subjectCn: boundedText(v.subjectCn, MAX_FIELD),
    issuer,
    issuerCn: boundedText(v.issuerCn, MAX_FIELD),
    issuerOrg: boundedText(v.issuerOrg, MAX_FIELD),
    sans,
    sansDropped: finite(v.sansDropped) ?? 0,
    notBefore: finite(v.notBefore),
    notAfter: finite(v.notAfter),
    serialNumber: boundedText(v.serialNumber, MAX_FIELD),
    sha256: boundedText(v.sha256, MAX_FIELD),
    spkiSha256: boundedText(v.spkiSha256, MAX_FIELD),
    keyAlgorithm: oneOf(KEY_ALGORITHMS, v.keyAlgorithm) ?? 'unknown',
    keySize: finite(v.keySize),
    curve: boundedText(v.curve, MAX_FIELD),
    signatureAlgorithm: boundedText(v.signatureAlgorithm, MAX_FIELD),
    signatureHash: oneOf(HASHES, v.signatureHash),
    isCa: flag(v.isCa) ?? false,
    selfSigned: flag(v.selfSigned) ?? false,
    builtInRoot: flag(v.builtInRoot),
    pem: boundedText(v.pem, MAX_CHAIN_PEM),
    parseError: boundedText(v.parseError, MAX_FIELD),
  });
}

/** The stored TLS details, or undefined when they are not TLS details at all. */
export function readTlsInfo(value: unknown): TlsInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = record(value);
  const source =
    v.source === 'chrome'
      ? ('chrome' as const)
      : v.source === 'firefox'
        ? ('firefox' as const)
        : undefined;
  if (source === undefined) return undefined;
  const chain = list(v.chain)
    .slice(0, MAX_CHAIN)
    .map(certificate)
    .filter((c): c is CertificateInfo => c !== undefined);
  return defined({
    source,
    protocol: boundedText(v.protocol, MAX_FIELD),
    cipher: boundedText(v.cipher, MAX_FIELD),
    mac: boundedText(v.mac, MAX_FIELD),
    keyExchange: boundedText(v.keyExchange, MAX_FIELD),
    keyExchangeGroup: boundedText(v.keyExchangeGroup, MAX_FIELD),
    signatureScheme: boundedText(v.signatureScheme, MAX_FIELD),
    ech: flag(v.ech),
    ct: oneOf(CT, v.ct),
    overriddenError: oneOf(OVERRIDDEN, v.overriddenError),
    chain,
    chainDropped: finite(v.chainDropped) ?? 0,
  });
}
