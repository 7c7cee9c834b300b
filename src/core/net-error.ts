// Sorts a browser's network error text into what it means for the user. Chrome gives codes
// (`net::ERR_CERT_DATE_INVALID`); Firefox gives `NS_ERROR_*` codes for network errors but a
// translated sentence for security errors ("Peer’s Certificate has expired.").

export type NetErrorKind = 'aborted' | 'tls' | 'other';

export interface NetErrorClass {
  kind: NetErrorKind;
  /** For TLS errors: a key for the reason shown to the user. */
  reason?:
    'expired' | 'untrusted' | 'name-mismatch' | 'revoked' | 'handshake' | 'protocol' | 'other';
}

const ABORTED = new Set([
  'net::ERR_ABORTED',
  // Chrome's own "Form is not secure" interstitial, and blocks by other extensions.
  'net::ERR_BLOCKED_BY_CLIENT',
  'NS_BINDING_ABORTED',
  'NS_BINDING_RETARGETED',
  'NS_ERROR_ABORT',
]);

/** Connection drops that, on an https URL, mean the TLS handshake did not complete. */
const DROPPED = new Set([
  'net::ERR_CONNECTION_CLOSED',
  'net::ERR_CONNECTION_RESET',
  'net::ERR_EMPTY_RESPONSE',
  'NS_ERROR_NET_RESET',
  'NS_ERROR_NET_INTERRUPT',
]);

function chromeReason(code: string): NetErrorClass['reason'] {
  if (code.includes('DATE_INVALID') || code.includes('VALIDITY_TOO_LONG')) return 'expired';
  if (code.includes('AUTHORITY_INVALID') || code.includes('SELF_SIGNED')) return 'untrusted';
  if (code.includes('COMMON_NAME_INVALID')) return 'name-mismatch';
  if (code.includes('REVOKED')) return 'revoked';
  if (code.includes('VERSION') || code.includes('CIPHER')) return 'protocol';
  if (code.startsWith('net::ERR_SSL')) return 'handshake';
  return 'other';
}

function firefoxReason(text: string): NetErrorClass['reason'] {
  const t = text.toLowerCase();
  if (t.includes('expired') || t.includes('not yet valid')) return 'expired';
  if (t.includes('issuer') || t.includes('self-signed') || t.includes('not trusted'))
    return 'untrusted';
  if (t.includes('domain name') || t.includes('not valid for')) return 'name-mismatch';
  if (t.includes('revoked')) return 'revoked';
  if (t.includes('version') || t.includes('cipher')) return 'protocol';
  return 'other';
}

export function classifyNetError(error: string, url: string): NetErrorClass {
  if (ABORTED.has(error)) return { kind: 'aborted' };
  const secure = url.startsWith('https:') || url.startsWith('wss:');
  if (
    error.startsWith('net::ERR_CERT') ||
    error.startsWith('net::ERR_SSL') ||
    error.startsWith('net::ERR_BAD_SSL')
  ) {
    return { kind: 'tls', reason: chromeReason(error) };
  }
  if (DROPPED.has(error)) return secure ? { kind: 'tls', reason: 'handshake' } : { kind: 'other' };
  if (error.startsWith('NS_') || error.startsWith('net::')) return { kind: 'other' };
  // Firefox reports security errors as a sentence rather than a code.
  return secure ? { kind: 'tls', reason: firefoxReason(error) } : { kind: 'other' };
}
