import {
  CA_SANS,
  LEAF_SANS,
  MAX_CHAIN,
  MAX_CHAIN_PEM,
  type CertificateInfo,
  type SanLimits,
} from './model';

// A chain as the model keeps it: at most MAX_CHAIN certificates, the leaf first, and PEM only
// while the chain's PEM budget lasts, so one connection costs a bounded amount of storage.

export interface Chain {
  chain: CertificateInfo[];
  chainDropped: number;
}

/** SAN limits by position: the leaf names the site; CA certificates keep a few. */
export function sanLimitsAt(index: number): SanLimits {
  return index === 0 ? LEAF_SANS : CA_SANS;
}

/** Only the certificates that fit in MAX_CHAIN are worth converting. */
export function chainSlice<T>(items: readonly T[]): T[] {
  return items.slice(0, MAX_CHAIN);
}

function withinPemBudget(chain: readonly CertificateInfo[]): CertificateInfo[] {
  let used = 0;
  return chain.map((cert) => {
    if (cert.pem === undefined) return cert;
    if (used + cert.pem.length <= MAX_CHAIN_PEM) {
      used += cert.pem.length;
      return cert;
    }
    const rest = { ...cert };
    delete rest.pem;
    return rest;
  });
}

/** `certs` are the converted first MAX_CHAIN of `total` certificates. */
export function limitChain(certs: readonly CertificateInfo[], total: number): Chain {
  const chain = withinPemBudget(chainSlice(certs));
  return { chain, chainDropped: Math.max(0, total - chain.length) };
}
