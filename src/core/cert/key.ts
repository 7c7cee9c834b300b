import { ECParameters } from '@peculiar/asn1-ecc';
import { RSAPublicKey } from '@peculiar/asn1-rsa';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { CURVES, keyAlgorithm } from './algorithms';
import type { KeyAlgorithm } from './model';

// The certificate's public key: its algorithm and size, which the weak-key finding judges.

export interface KeyInfo {
  keyAlgorithm: KeyAlgorithm;
  keySize?: number;
  curve?: string;
}

/** Bits of a big-endian unsigned integer, leading zero bytes ignored. */
function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

function rsaKey(spki: SubjectPublicKeyInfo): KeyInfo {
  const key = AsnConvert.parse(spki.subjectPublicKey, RSAPublicKey);
  return { keyAlgorithm: 'RSA', keySize: bitLength(new Uint8Array(key.modulus)) };
}

function ecKey(spki: SubjectPublicKeyInfo): KeyInfo {
  const parameters = spki.algorithm.parameters;
  const named = parameters ? AsnConvert.parse(parameters, ECParameters).namedCurve : undefined;
  const known = named !== undefined ? CURVES[named] : undefined;
  if (known) return { keyAlgorithm: 'EC', curve: known[0], keySize: known[1] };
  // An unnamed or unknown curve: an uncompressed point (04 || X || Y) still tells its size.
  const point = new Uint8Array(spki.subjectPublicKey);
  const keySize = point[0] === 4 && point.length > 1 ? ((point.length - 1) / 2) * 8 : undefined;
  return {
    keyAlgorithm: 'EC',
    ...(named ? { curve: named } : {}),
    ...(keySize ? { keySize } : {}),
  };
}

export function keyInfo(spki: SubjectPublicKeyInfo): KeyInfo {
  const algorithm = keyAlgorithm(spki.algorithm.algorithm);
  if (algorithm === 'RSA') return rsaKey(spki);
  if (algorithm === 'EC') return ecKey(spki);
  return { keyAlgorithm: algorithm };
}
