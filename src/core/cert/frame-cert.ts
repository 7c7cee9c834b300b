import { bound } from '../text';
import { certificateName } from './assess';
import type { CertificateInfo } from './model';

// A sub-frame's certificate is never shown: the popup's certificate section is the page's own.
// What a frame's certificates are kept for is their findings (assess.ts: the name a finding gives,
// validity, key, signature, whether the chain ends in a root), so that is all a frame keeps. A
// hostile page's frames can bring ten chains of ten certificates with 1 KB names and a thousand
// SANs each; kept whole, those alone were over a tab's byte budget (tab-budget.ts).

/** Characters of the name a frame's certificate keeps: what a finding names it by. */
export const FRAME_CERT_NAME = 128;

/** `cert` as a sub-frame keeps it: its findings' inputs, its name bounded. */
export function frameCert(cert: CertificateInfo): CertificateInfo {
  const lean: CertificateInfo = {
    source: cert.source,
    subject: '',
    subjectCn: bound(certificateName(cert), FRAME_CERT_NAME),
    issuer: '',
    sans: [],
    sansDropped: 0,
    keyAlgorithm: cert.keyAlgorithm,
    isCa: cert.isCa,
    selfSigned: cert.selfSigned,
  };
  if (cert.notBefore !== undefined) lean.notBefore = cert.notBefore;
  if (cert.notAfter !== undefined) lean.notAfter = cert.notAfter;
  if (cert.keySize !== undefined) lean.keySize = cert.keySize;
  if (cert.curve !== undefined) lean.curve = bound(cert.curve, FRAME_CERT_NAME);
  if (cert.signatureAlgorithm !== undefined)
    lean.signatureAlgorithm = bound(cert.signatureAlgorithm, FRAME_CERT_NAME);
  if (cert.signatureHash !== undefined) lean.signatureHash = cert.signatureHash;
  if (cert.builtInRoot !== undefined) lean.builtInRoot = cert.builtInRoot;
  return lean;
}
