import { isSecureUrl } from './url';

// Sorts a browser's network error text into what it means for the user. Chrome gives codes
// (`net::ERR_CERT_DATE_INVALID`); Firefox gives `NS_ERROR_*` codes for network errors but a
// translated sentence for security errors ("Peer’s Certificate has expired.").

export type NetErrorKind = 'aborted' | 'tls' | 'other';

/** Why a secure connection failed, in terms a person can act on. */
export type TlsFailure =
  | 'expired'
  | 'not-yet-valid'
  | 'untrusted'
  | 'name-mismatch'
  | 'revoked'
  | 'weak-key'
  | 'weak-signature'
  | 'invalid'
  | 'pinning'
  | 'ct-required'
  | 'interception'
  | 'client-certificate'
  | 'handshake'
  | 'protocol'
  | 'other';

export interface NetErrorClass {
  kind: NetErrorKind;
  /** For TLS errors: a key for the reason shown to the user. */
  reason?: TlsFailure;
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

/** Chrome's codes, most specific first (net/base/net_error_list.h). */
const CHROME_REASONS: ReadonlyArray<[RegExp, TlsFailure]> = [
  [/DATE_INVALID/, 'expired'],
  [/AUTHORITY_INVALID|SELF_SIGNED/, 'untrusted'],
  [/COMMON_NAME_INVALID/, 'name-mismatch'],
  [/_REVOKED$/, 'revoked'],
  [/WEAK_KEY/, 'weak-key'],
  [/WEAK_SIGNATURE|SHA1/, 'weak-signature'],
  [/TRANSPARENCY_REQUIRED/, 'ct-required'],
  [/PINNED_KEY/, 'pinning'],
  [/INTERCEPTION/, 'interception'],
  [/CLIENT_AUTH/, 'client-certificate'],
  [/CERT_INVALID|CONTAINS_ERRORS|NAME_CONSTRAINT|NON_UNIQUE_NAME|VALIDITY_TOO_LONG/, 'invalid'],
  [/VERSION|CIPHER/, 'protocol'],
  [/^net::ERR_(BAD_)?SSL/, 'handshake'],
];

/**
 * Firefox's texts: English sentences from its NSS error strings ("Peer’s Certificate has
 * expired.") or, in places, the codes themselves (SEC_ERROR_EXPIRED_CERTIFICATE). Lower-cased.
 */
const FIREFOX_REASONS: ReadonlyArray<[RegExp, TlsFailure]> = [
  [/not yet valid|not_yet_valid/, 'not-yet-valid'],
  [/expired/, 'expired'],
  [/key size|inadequate_key/, 'weak-key'],
  [/signature algorithm|algorithm_disabled/, 'weak-signature'],
  [/pinning|pinset/, 'pinning'],
  [/mitm|intercept/, 'interception'],
  [/transparency/, 'ct-required'],
  [/issuer|self-signed|self_signed|not trusted/, 'untrusted'],
  [/domain name|not valid for|cert_domain/, 'name-mismatch'],
  [/revoked/, 'revoked'],
  [/version|cipher|encryption algorithm|cypher/, 'protocol'],
  [/client certificate|client_cert/, 'client-certificate'],
];

function reasonOf(text: string, table: ReadonlyArray<[RegExp, TlsFailure]>): TlsFailure | null {
  return table.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

export function classifyNetError(error: string, url: string): NetErrorClass {
  if (ABORTED.has(error)) return { kind: 'aborted' };
  const secure = isSecureUrl(url);
  if (
    error.startsWith('net::ERR_CERT') ||
    error.startsWith('net::ERR_SSL') ||
    error.startsWith('net::ERR_BAD_SSL')
  ) {
    return { kind: 'tls', reason: reasonOf(error, CHROME_REASONS) ?? 'other' };
  }
  if (DROPPED.has(error)) return secure ? { kind: 'tls', reason: 'handshake' } : { kind: 'other' };
  if (error.startsWith('NS_') || error.startsWith('net::')) return { kind: 'other' };
  // Firefox reports security errors as a sentence rather than a code.
  const reason = reasonOf(error.toLowerCase(), FIREFOX_REASONS) ?? 'other';
  return secure ? { kind: 'tls', reason } : { kind: 'other' };
}
