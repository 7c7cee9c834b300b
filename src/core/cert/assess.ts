import type { Finding } from '../findings';
import { compareFindings, raise } from '../findings';
import { isWeakProtocol, weakCipherReason } from './cipher';
import { sanLabel, type CertificateInfo, type HashName, type TlsInfo } from './model';
import { DAY_MS } from '../time';

// The TLS and certificate findings (README.md, "What it warns about"), from the connection's
// details. Pure: the same details and `now` give the same findings. Each rests only on what the
// browser reported: a detail it did not give raises nothing (unknown is not weak).

/**
 * certificate-expiring, relative to the certificate's own lifetime (docs/certificates.md,
 * "Expiry"): ACME clients renew with a third of the lifetime left, so a certificate still served
 * with under a sixth left is a renewal running late (notice), and with under a twelfth, one that
 * is failing (warning). Never earlier than the 30 and 7 days a long-lived certificate gets: a
 * 6-day certificate with 3 days left is routine, a 398-day one is not.
 */
const EXPIRING_NOTICE = { max: 30 * DAY_MS, share: 1 / 6 };
const EXPIRING_WARNING = { max: 7 * DAY_MS, share: 1 / 12 };
const MIN_RSA_BITS = 2048;
const MIN_EC_BITS = 256;
const WEAK_HASHES: ReadonlySet<HashName> = new Set(['MD2', 'MD5', 'SHA-1']);

/** How a certificate is named in a finding: what a person recognises first. */
export function certificateName(cert: CertificateInfo): string {
  const san = cert.sans[0];
  return cert.subjectCn ?? (san ? sanLabel(san) : cert.subject);
}

function weakProtocol(tls: TlsInfo): Finding | null {
  if (tls.protocol === undefined || !isWeakProtocol(tls.protocol)) return null;
  return raise('weak-protocol', 'danger', { protocol: tls.protocol });
}

function weakCipher(tls: TlsInfo): Finding | null {
  if (tls.cipher === undefined) return null;
  const reason = weakCipherReason(tls.cipher, tls.mac);
  if (reason === null) return null;
  const cipher = tls.mac ? `${tls.cipher} with ${tls.mac}` : tls.cipher;
  return raise('weak-cipher', 'warning', { cipher, reason });
}

/** The time left under which `limit` applies, for a certificate of `lifetime` ms (if known). */
function within(limit: { max: number; share: number }, lifetime: number | undefined): number {
  return lifetime === undefined || lifetime <= 0
    ? limit.max
    : Math.min(limit.max, lifetime * limit.share);
}

function certificateExpiring(tls: TlsInfo, now: number): Finding | null {
  const leaf = tls.chain[0];
  if (leaf?.notAfter === undefined) return null;
  const left = leaf.notAfter - now;
  const lifetime = leaf.notBefore === undefined ? undefined : leaf.notAfter - leaf.notBefore;
  if (left > within(EXPIRING_NOTICE, lifetime)) return null;
  const severity = left < within(EXPIRING_WARNING, lifetime) ? 'warning' : 'notice';
  return raise('certificate-expiring', severity, {
    certificate: certificateName(leaf),
    days: Math.floor(left / DAY_MS),
    notAfter: leaf.notAfter,
  });
}

/**
 * The chain's root: a self-signed last certificate, or one Firefox knows as built in. A lone
 * self-signed certificate is its own root: trusted as it is, its signature protects nothing.
 */
function isRoot(cert: CertificateInfo, index: number, chain: readonly CertificateInfo[]): boolean {
  return index === chain.length - 1 && (cert.selfSigned || cert.builtInRoot === true);
}

/**
 * A root's own signature is never checked (it is trusted as it is), so a SHA-1 root is fine;
 * every other signature in the chain is what an attacker would have to forge.
 */
function weakSignature(tls: TlsInfo): Finding | null {
  const weak = tls.chain
    .map((cert, position) => ({ cert, position }))
    .filter(({ cert, position }) => !isRoot(cert, position, tls.chain))
    .filter(({ cert }) => cert.signatureHash !== undefined && WEAK_HASHES.has(cert.signatureHash));
  const first = weak[0];
  if (!first) return null;
  return raise('weak-signature', 'danger', {
    certificate: certificateName(first.cert),
    position: first.position,
    algorithm: first.cert.signatureAlgorithm ?? first.cert.signatureHash,
    count: weak.length,
  });
}

function isWeakKey(cert: CertificateInfo): boolean {
  if (cert.keySize === undefined) return false;
  if (cert.keyAlgorithm === 'RSA') return cert.keySize < MIN_RSA_BITS;
  if (cert.keyAlgorithm === 'EC') return cert.keySize < MIN_EC_BITS;
  return false;
}

/** Any certificate's key: a weak CA key lets its holder's certificates be forged too. */
function weakKey(tls: TlsInfo): Finding | null {
  const position = tls.chain.findIndex(isWeakKey);
  const cert = tls.chain[position];
  if (!cert) return null;
  return raise('weak-key', 'warning', {
    certificate: certificateName(cert),
    position,
    algorithm: cert.curve ? `${cert.keyAlgorithm} ${cert.curve}` : cert.keyAlgorithm,
    keySize: cert.keySize,
    count: tls.chain.filter(isWeakKey).length,
  });
}

function ctNotCompliant(tls: TlsInfo): Finding | null {
  return tls.ct === 'not-compliant' ? raise('ct-not-compliant', 'warning', {}) : null;
}

export function assessTls(tls: TlsInfo, now: number): Finding[] {
  return [
    weakProtocol(tls),
    weakCipher(tls),
    certificateExpiring(tls, now),
    weakSignature(tls),
    weakKey(tls),
    ctNotCompliant(tls),
  ]
    .filter((f): f is Finding => f !== null)
    .sort(compareFindings);
}
