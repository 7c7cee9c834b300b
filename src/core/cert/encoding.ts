import { sha256 } from '@noble/hashes/sha2.js';

// Moving certificates between the forms the browsers give (Firefox: DER as a number array;
// Chrome: base64 DER) and the forms people copy (PEM) or compare (colon-hex fingerprints).
// atob/btoa exist in service workers, event pages and Node alike.

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*)-----END CERTIFICATE-----/;

/** Bytes as `AB:CD:…`, the form browsers and openssl show fingerprints and serials in. */
export function colonHex(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (const b of bytes) parts.push(b.toString(16).toUpperCase().padStart(2, '0'));
  return parts.join(':');
}

export function sha256Fingerprint(der: Uint8Array): string {
  return colonHex(sha256(der));
}

/** SHA-256 of the bytes, base64 (the form of HPKP's pin-sha256). */
export function sha256Base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of sha256(bytes)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Decodes base64 (whitespace allowed); null when it is not base64. */
export function derFromBase64(b64: string): Uint8Array | null {
  const text = b64.replace(/\s+/g, '');
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) return null;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The DER of the first certificate in a PEM text; null when there is none. */
export function derFromPem(pem: string): Uint8Array | null {
  const block = PEM_BLOCK.exec(pem);
  return block ? derFromBase64(block[1]!) : null;
}

/** PEM as openssl writes it: 64 base64 characters a line, ending with a newline. */
export function pemFromDer(der: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a whole 40 KB certificate as arguments can overflow.
  for (let i = 0; i < der.length; i += 0x2000) {
    binary += String.fromCharCode(...der.subarray(i, i + 0x2000));
  }
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}
