// What a TLS version and cipher suite name says about the connection's strength. Names come in
// three spellings: IANA (`TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA`, Firefox), OpenSSL
// (`ECDHE-RSA-AES128-SHA`) and Chrome's split cipher (`AES_128_CBC`) plus MAC (`HMAC-SHA1`).

/** Why a suite is weak, worst first; each names a message (`cipher_reason_<reason>`). */
export const CIPHER_REASONS = ['null', 'export', 'rc4', 'des', 'cbc', 'non-aead'] as const;
export type CipherReason = (typeof CIPHER_REASONS)[number];

const AEAD = ['GCM', 'CCM', 'POLY1305', 'CHACHA20'];
/** Block ciphers that, without an AEAD mode, run in CBC (OpenSSL names omit the mode). */
const BLOCK = [
  'AES',
  'AES128',
  'AES256',
  'CAMELLIA',
  'CAMELLIA128',
  'CAMELLIA256',
  'ARIA',
  'SEED',
  'IDEA',
];

function tokens(name: string): string[] {
  return name
    .toUpperCase()
    .split(/[-_\s]+/)
    .filter(Boolean);
}

function weakToken(t: string[]): CipherReason | null {
  if (t.includes('NULL') || t.includes('ENULL')) return 'null';
  if (t.some((x) => x.startsWith('EXP'))) return 'export';
  if (t.some((x) => x.startsWith('RC4') || x === 'ARCFOUR')) return 'rc4';
  if (t.some((x) => x === 'DES' || x === '3DES' || x.startsWith('DES40') || x === 'CBC3'))
    return 'des';
  if (t.includes('RC2')) return 'export';
  return null;
}

/**
 * Why the suite is weak, or null when it is an AEAD suite or cannot be recognised (an unknown
 * name is not called weak: a wrong alarm costs the user's trust).
 */
export function weakCipherReason(cipher: string, mac?: string): CipherReason | null {
  const t = tokens(cipher);
  const weak = weakToken(t);
  if (weak) return weak;
  if (t.some((x) => AEAD.includes(x))) return null;
  if (t.includes('CBC') || t.some((x) => BLOCK.includes(x))) return 'cbc';
  // Chrome reports a MAC only for suites that need one: a stream cipher, not AEAD.
  return mac !== undefined && mac !== '' ? 'non-aead' : null;
}

/**
 * The protocol in one spelling: Firefox says `TLSv1.2`, Chrome `TLS 1.2`, and TLS 1.0 is also
 * written `TLSv1` or `TLS 1`. Undefined for `unknown` or an empty value.
 */
export function normaliseProtocol(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const m = /^(TLS|SSL)\s*v?\s*(\d)(?:\.(\d))?$/i.exec(text);
  if (m) return `${m[1]!.toUpperCase()} ${m[2]}.${m[3] ?? '0'}`;
  if (text === '' || text.toLowerCase() === 'unknown') return undefined;
  return text;
}

/** SSL 2/3 and TLS 1.0/1.1: retired by RFC 8996 and disabled in current browsers. */
export function isWeakProtocol(protocol: string): boolean {
  return /^SSL /.test(protocol) || protocol === 'TLS 1.0' || protocol === 'TLS 1.1';
}

/** The key exchange method in a TLS 1.2 IANA suite name: `ECDHE_RSA` in `TLS_ECDHE_RSA_WITH_…`. */
export function keyExchangeOfSuite(cipher: string): string | undefined {
  const m = /^TLS_(.+?)_WITH_/.exec(cipher);
  return m ? m[1] : undefined;
}
