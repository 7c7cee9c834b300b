import { chainSlice, limitChain, sanLimitsAt } from './chain';
import { keyExchangeOfSuite, normaliseProtocol } from './cipher';
import { finite, flag, record } from '../checked';
import { defined, list, lookup, text } from './fields';
import {
  MAX_DER,
  MAX_FIELD,
  MAX_NAME,
  type CertificateInfo,
  type CtStatus,
  type OverriddenError,
  type TlsInfo,
} from './model';
import { isParseError, parseCertificate } from './parse';

// Firefox: what webRequest.getSecurityInfo(requestId, {certificateChain: true, rawDER: true})
// returns. Its own certificate fields have no SANs, key or signature algorithm, so each
// certificate is read from rawDER; Firefox's fields fill in when the DER cannot be read.

/** The parts of Firefox's SecurityInfo this reads; `unknown` so any version's object fits. */
export interface FirefoxSecurityInfo {
  state?: unknown;
  protocolVersion?: unknown;
  cipherSuite?: unknown;
  keaGroupName?: unknown;
  signatureSchemeName?: unknown;
  certificateTransparencyStatus?: unknown;
  usedEch?: unknown;
  overridableErrorCategory?: unknown;
  certificates?: unknown;
}

const CT: Readonly<Record<string, CtStatus>> = {
  policy_compliant: 'compliant',
  policy_not_enough_scts: 'not-compliant',
  policy_not_diverse_scts: 'not-compliant',
  not_applicable: 'not-applicable',
};

const OVERRIDDEN: Readonly<Record<string, OverriddenError>> = {
  trust_error: 'untrusted',
  domain_mismatch: 'name-mismatch',
  expired_or_not_yet_valid: 'expired',
};

function derOf(raw: unknown): Uint8Array | null {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_DER) return null;
  return Uint8Array.from(raw as unknown[], (b) => (typeof b === 'number' ? b & 0xff : 0));
}

/** A certificate from Firefox's own summary: no SANs, key or signature algorithm. */
function summary(c: Record<string, unknown>, index: number, sha256?: string): CertificateInfo {
  const validity = record(c['validity']);
  const subject = typeof c['subject'] === 'string' ? c['subject'] : '';
  return defined({
    source: 'browser' as const,
    subject: text(subject, MAX_NAME) ?? '',
    issuer: text(c['issuer'], MAX_NAME) ?? '',
    sans: [],
    sansDropped: 0,
    notBefore: finite(validity['start']),
    notAfter: finite(validity['end']),
    serialNumber: text(c['serialNumber'], MAX_FIELD),
    sha256: text(record(c['fingerprint'])['sha256'], MAX_FIELD) ?? sha256,
    keyAlgorithm: 'unknown' as const,
    // Every certificate but the leaf issued the one before it.
    isCa: index > 0,
    selfSigned: subject !== '' && subject === c['issuer'],
  });
}

/**
 * Certificates read before, by Firefox's own SHA-256 fingerprint of the DER, its length and the
 * place in the chain (which sets how many SANs are kept). A site's pages and redirects bring the
 * same chain again and again, and reading one costs milliseconds of the background's time while
 * the page loads. The oldest read is forgotten first; a certificate not found is read again.
 */
const READ = new Map<string, CertificateInfo>();
export const READ_CERTIFICATES_KEPT = 32;

function readKey(c: Record<string, unknown>, index: number): string | null {
  const sha256 = text(record(c['fingerprint'])['sha256'], MAX_FIELD);
  const raw = c['rawDER'];
  return sha256 && Array.isArray(raw) ? `${index} ${raw.length} ${sha256}` : null;
}

function read(c: Record<string, unknown>, index: number): CertificateInfo {
  const der = derOf(c['rawDER']);
  const parsed = der ? parseCertificate(der, sanLimitsAt(index)) : null;
  if (parsed === null) return summary(c, index);
  return isParseError(parsed)
    ? { ...summary(c, index, parsed.sha256), parseError: parsed.error }
    : parsed;
}

function certificate(raw: unknown, index: number): CertificateInfo {
  const c = record(raw);
  const builtInRoot = flag(c['isBuiltInRoot']);
  const key = readKey(c, index);
  let info = key === null ? undefined : READ.get(key);
  if (info === undefined) {
    info = read(c, index);
    if (key !== null) {
      if (READ.size >= READ_CERTIFICATES_KEPT) READ.delete(READ.keys().next().value!);
      READ.set(key, info);
    }
  } else {
    // Seen again: kept as the newest.
    READ.delete(key!);
    READ.set(key!, info);
  }
  return builtInRoot === undefined ? info : { ...info, builtInRoot };
}

/** The connection's TLS details; null for a connection without TLS (state `insecure`). */
export function fromFirefoxSecurityInfo(info: FirefoxSecurityInfo): TlsInfo | null {
  if (info.state === 'insecure') return null;
  const cipher = text(info.cipherSuite, MAX_FIELD);
  const certs = list(info.certificates);
  return defined({
    source: 'firefox' as const,
    protocol: normaliseProtocol(text(info.protocolVersion, MAX_FIELD)),
    cipher,
    keyExchange: cipher === undefined ? undefined : keyExchangeOfSuite(cipher),
    keyExchangeGroup: text(info.keaGroupName, MAX_FIELD),
    signatureScheme: text(info.signatureSchemeName, MAX_FIELD),
    ech: flag(info.usedEch),
    ct: lookup(CT, info.certificateTransparencyStatus),
    overriddenError: lookup(OVERRIDDEN, info.overridableErrorCategory),
    ...limitChain(chainSlice(certs).map(certificate), certs.length),
  });
}
