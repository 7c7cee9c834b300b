import { AsnConvert } from '@peculiar/asn1-schema';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { HashName, KeyAlgorithm } from './model';

// Object identifiers of signature and key algorithms, as the words the popup shows and the
// hash the weak-signature finding looks at.

export interface SignatureInfo {
  name: string;
  hash?: HashName;
}

const HASHES: Readonly<Record<string, HashName>> = {
  '1.2.840.113549.2.2': 'MD2',
  '1.2.840.113549.2.5': 'MD5',
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** Signature OIDs whose hash is part of the algorithm: [scheme, hash]. */
const SIGNATURES: Readonly<Record<string, readonly [string, HashName | null]>> = {
  '1.2.840.113549.1.1.2': ['RSA', 'MD2'],
  '1.2.840.113549.1.1.4': ['RSA', 'MD5'],
  '1.2.840.113549.1.1.5': ['RSA', 'SHA-1'],
  '1.3.14.3.2.29': ['RSA', 'SHA-1'],
  '1.2.840.113549.1.1.14': ['RSA', 'SHA-224'],
  '1.2.840.113549.1.1.11': ['RSA', 'SHA-256'],
  '1.2.840.113549.1.1.12': ['RSA', 'SHA-384'],
  '1.2.840.113549.1.1.13': ['RSA', 'SHA-512'],
  '1.2.840.10045.4.1': ['ECDSA', 'SHA-1'],
  '1.2.840.10045.4.3.1': ['ECDSA', 'SHA-224'],
  '1.2.840.10045.4.3.2': ['ECDSA', 'SHA-256'],
  '1.2.840.10045.4.3.3': ['ECDSA', 'SHA-384'],
  '1.2.840.10045.4.3.4': ['ECDSA', 'SHA-512'],
  '1.2.840.10040.4.3': ['DSA', 'SHA-1'],
  '2.16.840.1.101.3.4.3.1': ['DSA', 'SHA-224'],
  '2.16.840.1.101.3.4.3.2': ['DSA', 'SHA-256'],
  '1.3.101.112': ['Ed25519', null],
  '1.3.101.113': ['Ed448', null],
};

const RSA_PSS = '1.2.840.113549.1.1.10';

/** The hash of an RSA-PSS signature; RFC 4055 makes SHA-1 the default when none is named. */
function pssHash(parameters: ArrayBuffer | null | undefined): HashName | undefined {
  if (!parameters) return 'SHA-1';
  const params = AsnConvert.parse(parameters, RsaSaPssParams);
  return HASHES[params.hashAlgorithm.algorithm];
}

export function signatureInfo(alg: AlgorithmIdentifier): SignatureInfo {
  if (alg.algorithm === RSA_PSS) {
    const hash = pssHash(alg.parameters);
    return hash ? { name: `RSA-PSS with ${hash}`, hash } : { name: 'RSA-PSS' };
  }
  const known = SIGNATURES[alg.algorithm];
  if (!known) return { name: alg.algorithm };
  const [scheme, hash] = known;
  if (hash === null) return { name: scheme };
  // "SHA-256 with RSA" reads as people say it; ECDSA and DSA name the scheme first.
  return { name: scheme === 'RSA' ? `${hash} with RSA` : `${scheme} with ${hash}`, hash };
}

const KEY_ALGORITHMS: Readonly<Record<string, KeyAlgorithm>> = {
  '1.2.840.113549.1.1.1': 'RSA',
  [RSA_PSS]: 'RSA',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
};

export function keyAlgorithm(oid: string): KeyAlgorithm {
  return KEY_ALGORITHMS[oid] ?? 'unknown';
}

/** Named curves: [name, bits]. */
export const CURVES: Readonly<Record<string, readonly [string, number]>> = {
  '1.2.840.10045.3.1.1': ['P-192', 192],
  '1.3.132.0.33': ['P-224', 224],
  '1.2.840.10045.3.1.7': ['P-256', 256],
  '1.3.132.0.34': ['P-384', 384],
  '1.3.132.0.35': ['P-521', 521],
  '1.3.132.0.10': ['secp256k1', 256],
  '1.3.36.3.3.2.8.1.1.7': ['brainpoolP256r1', 256],
  '1.3.36.3.3.2.8.1.1.11': ['brainpoolP384r1', 384],
  '1.3.36.3.3.2.8.1.1.13': ['brainpoolP512r1', 512],
};
