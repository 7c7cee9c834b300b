import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  type Extension,
} from '@peculiar/asn1-x509';
import { bound, MAX_ERROR } from '../text';
import { keyAlgorithm, signatureInfo, type SignatureInfo } from './algorithms';
import { colonHex, pemFromDer, sha256Base64, sha256Fingerprint } from './encoding';
import { keyInfo, type KeyInfo } from './key';
import { LEAF_SANS, MAX_DER, MAX_FIELD, type CertificateInfo, type SanLimits } from './model';
import { commonName, nameKey, nameText, organization } from './names';
import { sansFromGeneralNames, type SanList } from './sans';

// Reads a DER certificate into the model with a maintained X.509 library. The DER comes from a
// server, so this never throws: what cannot be read is an error with the fingerprint (computed
// over the bytes whatever they hold), and a part that cannot be read (a malformed SAN
// extension, say) leaves that part empty rather than losing the whole certificate.

export interface ParseError {
  error: string;
  sha256: string;
}

export type ParseResult = CertificateInfo | ParseError;

export function isParseError(r: ParseResult): r is ParseError {
  return 'error' in r;
}

/** The value of `read()`, or `fallback` when the certificate's bytes make it throw. */
function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function extension(cert: Certificate, id: string): Extension | undefined {
  return cert.tbsCertificate.extensions?.find((e) => e.extnID === id);
}

function isCa(cert: Certificate): boolean {
  const ext = extension(cert, id_ce_basicConstraints);
  return ext ? attempt(() => AsnConvert.parse(ext.extnValue, BasicConstraints).cA, false) : false;
}

function sans(cert: Certificate, limits: SanLimits): SanList {
  const ext = extension(cert, id_ce_subjectAltName);
  const none: SanList = { sans: [], sansDropped: 0 };
  if (!ext) return none;
  return attempt(
    () => sansFromGeneralNames(AsnConvert.parse(ext.extnValue, SubjectAlternativeName), limits),
    none,
  );
}

/** Key identifiers, when present, must match too: a CA can reuse its name on a new key. */
function keyIdsMatch(cert: Certificate): boolean {
  const ski = extension(cert, id_ce_subjectKeyIdentifier);
  const aki = extension(cert, id_ce_authorityKeyIdentifier);
  if (!ski || !aki) return true;
  return attempt(() => {
    const subjectId = colonHex(
      new Uint8Array(AsnConvert.parse(ski.extnValue, SubjectKeyIdentifier).buffer),
    );
    const authority = AsnConvert.parse(aki.extnValue, AuthorityKeyIdentifier).keyIdentifier;
    return !authority || colonHex(new Uint8Array(authority.buffer)) === subjectId;
  }, true);
}

function selfSigned(cert: Certificate): boolean {
  const tbs = cert.tbsCertificate;
  return nameKey(tbs.subject) === nameKey(tbs.issuer) && keyIdsMatch(cert);
}

function validityMs(cert: Certificate): [number, number] {
  const v = cert.tbsCertificate.validity;
  const range: [number, number] = [v.notBefore.getTime().getTime(), v.notAfter.getTime().getTime()];
  if (!range.every(Number.isFinite)) throw new Error('invalid validity dates');
  return range;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function certificateInfo(
  cert: Certificate,
  der: Uint8Array,
  fingerprint: string,
  limits: SanLimits,
): CertificateInfo {
  const tbs = cert.tbsCertificate;
  const [notBefore, notAfter] = validityMs(cert);
  const oid = tbs.subjectPublicKeyInfo.algorithm.algorithm;
  const key = attempt<KeyInfo>(() => keyInfo(tbs.subjectPublicKeyInfo), {
    keyAlgorithm: keyAlgorithm(oid),
  });
  const signature = attempt<SignatureInfo>(() => signatureInfo(cert.signatureAlgorithm), {
    name: bound(cert.signatureAlgorithm.algorithm, MAX_FIELD),
  });
  return {
    source: 'der',
    subject: nameText(tbs.subject),
    ...optional('subjectCn', commonName(tbs.subject)),
    issuer: nameText(tbs.issuer),
    ...optional('issuerCn', commonName(tbs.issuer)),
    ...optional('issuerOrg', organization(tbs.issuer)),
    ...sans(cert, limits),
    notBefore,
    notAfter,
    serialNumber: bound(colonHex(new Uint8Array(tbs.serialNumber)), MAX_FIELD),
    sha256: fingerprint,
    ...optional(
      'spkiSha256',
      attempt<string | undefined>(
        () => sha256Base64(new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo))),
        undefined,
      ),
    ),
    ...key,
    signatureAlgorithm: bound(signature.name, MAX_FIELD),
    ...optional('signatureHash', signature.hash),
    isCa: isCa(cert),
    selfSigned: selfSigned(cert),
    pem: pemFromDer(der),
  };
}

/**
 * Parses one DER certificate. `limits` bounds its SANs (the leaf keeps more than a CA).
 * The PEM is always included; the chain decides which PEMs it can afford to keep.
 */
export function parseCertificate(der: Uint8Array, limits: SanLimits = LEAF_SANS): ParseResult {
  const sha256 = sha256Fingerprint(der);
  if (der.length > MAX_DER) return { error: `larger than ${MAX_DER} bytes`, sha256 };
  try {
    return certificateInfo(AsnConvert.parse(der, Certificate), der, sha256, limits);
  } catch (e) {
    return { error: bound(`not a readable certificate: ${String(e)}`, MAX_ERROR), sha256 };
  }
}
