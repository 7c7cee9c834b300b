// The findings (README.md, "What it warns about"): what Portwatch can say about a page, and how
// bad each is.

export const SEVERITIES = ['info', 'notice', 'warning', 'danger'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_IDS = [
  'https-stripped',
  'downgrade-redirect',
  'downgrade-navigation',
  'insecure-form',
  'connection-error',
  'weak-protocol',
  'weak-signature',
  'plaintext-on-443',
  'insecure-page',
  'mixed-content',
  'certificate-changed',
  'local-root',
  'weak-cipher',
  'weak-key',
  'ct-not-compliant',
  'certificate-expiring',
  'downgrade-prevented',
  'nonstandard-port',
  'no-hsts',
  'certificate-renewed',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

/** What a finding rests on. Every field is optional: each finding fills the ones it needs. */
export interface Evidence {
  /** The URL the finding is about (the page, frame, socket or resource). */
  url?: string;
  /** For a downgrade: the https URL left and the http URL reached. */
  from?: string;
  to?: string;
  /** 1-based position of the downgrading hop in the redirect chain. */
  hop?: number;
  /** HTTP status of the redirect. */
  status?: number;
  /** Every URL of the redirect chain, first request first. */
  chain?: string[];
  port?: number;
  /** Key of the port's usual service (see ports.ts), when it has one. */
  service?: string;
  /** Which connection: the page itself, a frame in it, or a WebSocket. */
  where?: 'page' | 'frame' | 'websocket' | 'resource';
  count?: number;
  /** More than `count` were seen; only the first `count` were kept. */
  more?: boolean;
  urls?: string[];
  /** HSTS max-age in seconds, or null when the header is absent. */
  maxAge?: number | null;
  /** The browser's own error text, bounded. */
  error?: string;
  sameSite?: boolean;
  /**
   * downgrade-redirect: the browser tried the http target over https, that failed, and it fell
   * back to http; the error the attempt failed with, where the browser gave one ('' if none).
   */
  fallback?: string;
  transition?: string;
  /** Epoch milliseconds when the event behind the finding happened. */
  time?: number;
  /** TLS version, as `TLS 1.0`. */
  protocol?: string;
  /** Cipher suite as the browser names it (Chrome's: the cipher, then its MAC). */
  cipher?: string;
  /** Which of a finding's kinds this is, where it has several: names a message (`cipher_reason_cbc`). */
  reason?: string;
  /** The certificate concerned, by its common name, else its first SAN, else its subject. */
  certificate?: string;
  /** Its place in the chain: 0 is the site's own certificate, the leaf. */
  position?: number;
  /** The signature or key algorithm concerned: `SHA-1 with RSA`, `RSA`, `EC`. */
  algorithm?: string;
  /** Key size in bits. */
  keySize?: number;
  /** Whole days before the certificate expires; negative once it has. */
  days?: number;
  /** When the certificate expires, epoch milliseconds. */
  notAfter?: number;
  /** certificate-changed, certificate-renewed: the CA remembered, and the one seen now. */
  oldIssuer?: string;
  issuer?: string;
  /** certificate-changed, certificate-renewed: validity of the new and the old certificate, ms. */
  validFrom?: number;
  validUntil?: number;
  oldValidFrom?: number;
  oldValidUntil?: number;
  /** certificate-changed: percent of its lifetime the old certificate had used at this visit. */
  lifeUsed?: number;
  /** local-root: the root's key, SHA-256 of its SubjectPublicKeyInfo in base64 (pin-sha256). */
  root?: string;
  /** Epoch ms the host was last seen the remembered way (over HTTPS; with the old key). */
  since?: number;
}

export interface Finding {
  id: FindingId;
  severity: Severity;
  evidence: Evidence;
  /** The host or host:port is on the user's allowlist: shown greyed, left out of the verdict. */
  allowlisted: boolean;
  /** Lowered to `info` because the host is written as loopback (a development server). */
  softened: boolean;
}

/** A finding as raised: neither allowlisted nor softened unless `marks` says so. */
export function raise(
  id: FindingId,
  severity: Severity,
  evidence: Evidence,
  marks: { allowlisted?: boolean; softened?: boolean } = {},
): Finding {
  return {
    id,
    severity,
    evidence,
    allowlisted: marks.allowlisted ?? false,
    softened: marks.softened ?? false,
  };
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Worst first; among equals, the order of FINDING_IDS (most serious kind first). */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.allowlisted !== b.allowlisted) return a.allowlisted ? 1 : -1;
  const bySeverity = severityRank(b.severity) - severityRank(a.severity);
  return bySeverity !== 0 ? bySeverity : FINDING_IDS.indexOf(a.id) - FINDING_IDS.indexOf(b.id);
}
