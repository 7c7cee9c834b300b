import { chainSlice, limitChain, sanLimitsAt, type Chain } from './chain';
import { normaliseProtocol } from './cipher';
import { derFromBase64 } from './encoding';
import { finite, flag } from '../checked';
import { defined, list, lookup, text } from './fields';
import {
  LEAF_SANS,
  MAX_DER,
  MAX_FIELD,
  MAX_NAME,
  type CertificateInfo,
  type CtStatus,
  type TlsInfo,
} from './model';
import { parseCertificate } from './parse';
import { sansFromStrings } from './sans';
import { signatureSchemeName } from './signature-scheme';

// Chrome: the DevTools protocol's Network.SecurityDetails (from Network.responseReceived) and
// the chain from Network.getCertificate (`tableNames`: base64 DER, leaf first). getCertificate
// returns an empty chain for a page loaded before the debugger attached; the leaf is then
// taken from SecurityDetails alone, which has its SANs and validity but no fingerprint or key.

/** The parts of Network.SecurityDetails this reads; `unknown` so any version's object fits. */
export interface ChromeSecurityDetails {
  protocol?: unknown;
  keyExchange?: unknown;
  keyExchangeGroup?: unknown;
  cipher?: unknown;
  mac?: unknown;
  subjectName?: unknown;
  sanList?: unknown;
  issuer?: unknown;
  /** Seconds since the epoch (CDP TimeSinceEpoch). */
  validFrom?: unknown;
  validTo?: unknown;
  certificateTransparencyCompliance?: unknown;
  serverSignatureAlgorithm?: unknown;
  encryptedClientHello?: unknown;
}

const CT: Readonly<Record<string, CtStatus>> = {
  compliant: 'compliant',
  'not-compliant': 'not-compliant',
  unknown: 'unknown',
};

function seconds(value: unknown): number | undefined {
  const s = finite(value);
  return s === undefined ? undefined : s * 1000;
}

/** The leaf as SecurityDetails describes it; `subjectName` and `issuer` are display names. */
function leafSummary(d: ChromeSecurityDetails): CertificateInfo {
  const subject = text(d.subjectName, MAX_NAME) ?? '';
  const issuer = text(d.issuer, MAX_NAME) ?? '';
  return defined({
    source: 'browser' as const,
    subject,
    issuer,
    ...sansFromStrings(list(d.sanList), LEAF_SANS),
    notBefore: seconds(d.validFrom),
    notAfter: seconds(d.validTo),
    keyAlgorithm: 'unknown' as const,
    isCa: false,
    selfSigned: subject !== '' && subject === issuer,
  });
}

/** A CA certificate that could not be read: only its fingerprint is known. */
function unreadable(sha256: string | undefined, error: string): CertificateInfo {
  return defined({
    source: 'browser' as const,
    subject: '',
    issuer: '',
    sans: [],
    sansDropped: 0,
    sha256,
    keyAlgorithm: 'unknown' as const,
    isCa: true,
    selfSigned: false,
    parseError: error,
  });
}

/** The DER in `b64`, or why there is none. */
function derOf(b64: unknown): Uint8Array | string {
  if (typeof b64 !== 'string') return 'not base64 DER';
  if (b64.length > (MAX_DER * 4) / 3 + 4) return `larger than ${MAX_DER} bytes`;
  return derFromBase64(b64) ?? 'not base64 DER';
}

function certificate(details: ChromeSecurityDetails, b64: unknown, index: number): CertificateInfo {
  const der = derOf(b64);
  const parsed =
    typeof der === 'string' ? { error: der } : parseCertificate(der, sanLimitsAt(index));
  if (!('error' in parsed)) return parsed;
  const sha256 = 'sha256' in parsed ? parsed.sha256 : undefined;
  return index === 0
    ? { ...leafSummary(details), ...defined({ sha256 }), parseError: parsed.error }
    : unreadable(sha256, parsed.error);
}

/** Without DER, the leaf as SecurityDetails has it; no chain if it has not even a name. */
function summaryChain(details: ChromeSecurityDetails): Chain {
  const leaf = leafSummary(details);
  const named = leaf.subject !== '' || leaf.sans.length > 0;
  return { chain: named ? [leaf] : [], chainDropped: 0 };
}

/** The connection's TLS details, from SecurityDetails and the DER chain (possibly empty). */
export function fromChromeSecurityDetails(
  details: ChromeSecurityDetails,
  derChainBase64: readonly unknown[],
): TlsInfo {
  const code = finite(details.serverSignatureAlgorithm);
  const certs = chainSlice(derChainBase64).map((b64, i) => certificate(details, b64, i));
  return defined({
    source: 'chrome' as const,
    protocol: normaliseProtocol(text(details.protocol, MAX_FIELD)),
    cipher: text(details.cipher, MAX_FIELD),
    mac: text(details.mac, MAX_FIELD),
    keyExchange: text(details.keyExchange, MAX_FIELD),
    keyExchangeGroup: text(details.keyExchangeGroup, MAX_FIELD),
    signatureScheme: code === undefined ? undefined : signatureSchemeName(code),
    ech: flag(details.encryptedClientHello),
    ct: lookup(CT, details.certificateTransparencyCompliance),
    ...(certs.length > 0 ? limitChain(certs, derChainBase64.length) : summaryChain(details)),
  });
}
