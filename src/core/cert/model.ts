// The one model of a TLS connection and its certificates, filled from Firefox's
// webRequest.getSecurityInfo or from Chrome's debugger (Network.SecurityDetails plus
// Network.getCertificate). Every string in it came from a server: each is bounded here, so a
// certificate made to be huge costs what an ordinary one does, in memory and in storage.

/** Certificates kept per connection; a real chain has 2 to 4. */
export const MAX_CHAIN = 10;
/** A subject or issuer as shown: a 4 KB subject is cut here. */
export const MAX_NAME = 1024;
/** A common name, a serial number, a cipher suite or another short field. */
export const MAX_FIELD = 256;
/** One SAN value: a DNS name is at most 253 characters; URIs may be longer. */
export const MAX_SAN_VALUE = 1024;
/** Bigger DER is not parsed: the largest real certificates (1,000 SANs) are about 40 KB. */
export const MAX_DER = 128 * 1024;
/** PEM characters kept for a whole chain, leaf first, each certificate whole or not at all. */
export const MAX_CHAIN_PEM = 64 * 1024;

export interface SanLimits {
  /** SANs kept. */
  count: number;
  /** Characters of SAN values kept, all SANs together. */
  chars: number;
}

/** The leaf names the site: it keeps up to 1,000 SANs. */
export const LEAF_SANS: SanLimits = { count: 1000, chars: 32 * 1024 };
/** CA certificates rarely have SANs; a few are enough to show that they do. */
export const CA_SANS: SanLimits = { count: 50, chars: 4 * 1024 };

export type KeyAlgorithm = 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'unknown';
export type HashName = 'MD2' | 'MD5' | 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';
export type SanKind = 'DNS' | 'IP' | 'email' | 'URI' | 'other';

/** One subjectAltName entry. */
export interface San {
  kind: SanKind;
  /** As written in the certificate: an IDN stays in punycode (`xn--…`), as openssl shows it. */
  value: string;
  /** A DNS name with IDN labels, decoded for reading; absent when it equals `value`. */
  unicode?: string;
}

export interface CertificateInfo {
  /**
   * `der`: parsed from the certificate itself. `browser`: only what the browser summarised,
   * when it gave no DER or the DER did not parse; the fields it cannot fill are absent.
   */
  source: 'der' | 'browser';
  /** RFC 4514 form, most specific first (`CN=…,O=…,C=…`), bounded to MAX_NAME. */
  subject: string;
  subjectCn?: string;
  issuer: string;
  issuerCn?: string;
  /** The issuer's organisation (O): the certificate authority, whichever intermediate signed. */
  issuerOrg?: string;
  sans: San[];
  /** SANs left out by the limits. */
  sansDropped: number;
  /** Epoch milliseconds. */
  notBefore?: number;
  notAfter?: number;
  /** Hex, colon-separated, upper case, as encoded (a leading 00 byte is kept, as browsers show). */
  serialNumber?: string;
  /** SHA-256 over the DER: hex, colon-separated, upper case, as `openssl x509 -fingerprint`. */
  sha256?: string;
  /**
   * SHA-256 over the DER SubjectPublicKeyInfo, base64 (the `pin-sha256` form): the key, which a
   * renewal may keep while everything else changes. Remembered per host (certificate-changed).
   */
  spkiSha256?: string;
  keyAlgorithm: KeyAlgorithm;
  /** RSA modulus bits; EC curve bits. */
  keySize?: number;
  /** `P-256`, `P-384`, …, or the curve's OID when it has no common name. */
  curve?: string;
  /** Readable: `SHA-256 with RSA`, `ECDSA with SHA-384`, `RSA-PSS with SHA-256`, `Ed25519`. */
  signatureAlgorithm?: string;
  signatureHash?: HashName;
  isCa: boolean;
  /** Issued by itself: the last one of a chain is then its root. */
  selfSigned: boolean;
  /** Firefox: a root built into the browser (not one added by the user or a proxy). */
  builtInRoot?: boolean;
  /** Kept while the chain stays within MAX_CHAIN_PEM, for "copy as PEM". */
  pem?: string;
  /** Why the DER could not be read, when source is `browser` because of it. */
  parseError?: string;
}

export type CtStatus = 'compliant' | 'not-compliant' | 'not-applicable' | 'unknown';

/** A certificate error the user chose to bypass (Firefox reports it on the connection). */
export type OverriddenError = 'untrusted' | 'name-mismatch' | 'expired';

export interface TlsInfo {
  source: 'firefox' | 'chrome';
  /** `TLS 1.3`, `TLS 1.2`, `TLS 1.1`, `TLS 1.0`, `SSL 3.0`, or `QUIC` (which is TLS 1.3). */
  protocol?: string;
  /** The suite as the browser names it: `TLS_AES_128_GCM_SHA256` (Firefox), `AES_128_GCM` (Chrome). */
  cipher?: string;
  /** Chrome names the MAC of a non-AEAD suite apart from its cipher (`HMAC-SHA1`). */
  mac?: string;
  /** Key exchange method of a TLS 1.2 suite (`ECDHE_RSA`); TLS 1.3 has none apart from the group. */
  keyExchange?: string;
  /** (EC)DH group: `x25519`, `P256`, `X25519MLKEM768`, … */
  keyExchangeGroup?: string;
  /** Signature scheme of the handshake: `RSA-PSS-SHA256`, `ecdsa_secp256r1_sha256`, … */
  signatureScheme?: string;
  ech?: boolean;
  ct?: CtStatus;
  overriddenError?: OverriddenError;
  /** Leaf first. */
  chain: CertificateInfo[];
  /** Certificates beyond MAX_CHAIN, not kept. */
  chainDropped: number;
}

/** A SAN as people read it: `DNS:bücher.example`, `IP:192.0.2.7`, `email:…`, `URI:…`. */
export function sanLabel(san: San): string {
  return `${san.kind}:${san.unicode ?? san.value}`;
}
