import { caIdentity, type RememberedCert } from './remembered-cert';

// Is the certificate a host shows now an ordinary renewal, or a swap? (docs/certificates.md,
// "Renewals".) Certificates churn: CA/Browser Forum ballot SC-081 cuts the maximum lifetime to
// 200 days from 2026-03-15, 100 from 2027-03-15 and 47 from 2029-03-15; ACME clients renew when a
// third of the lifetime is left, or earlier when the CA asks (ACME Renewal Information, RFC
// 9773); Certbot makes a new key at every renewal; Let's Encrypt rotates among intermediates on
// purpose; CDNs serve several certificates for one name at once, some from a backup CA. So a new
// key is routine, and so is a new intermediate of the same CA. What a rogue or compromised CA,
// or an interception box, looks like is a certificate from a CA the host has not used, while the
// one it replaced was young.

/** The old certificate had used less than this share of its lifetime: a CA change is a warning. */
export const YOUNG = 0.5;

export type CertChange =
  /** Nothing to say: the key is one the host showed before (or nothing was remembered). */
  | { kind: 'known' }
  /** A new key from a CA (by organisation or root) the host used before. */
  | { kind: 'renewed'; previous: RememberedCert }
  /**
   * A new key from a CA the host did not use. `lifeUsed`: the share of its lifetime the last
   * certificate seen had used now (above 1 once expired), when its validity is known.
   */
  | { kind: 'changed'; previous: RememberedCert; lifeUsed?: number; young: boolean };

/** Newest seen first; `certs` is never empty. */
function latest(certs: readonly RememberedCert[]): RememberedCert {
  return certs.reduce((a, b) => (b.seen > a.seen ? b : a));
}

function sameCa(a: RememberedCert, b: RememberedCert): boolean {
  return caIdentity(a.ca) === caIdentity(b.ca) || (a.root !== undefined && a.root === b.root);
}

/** The share of `c`'s lifetime used at `now`, when its validity is known and sound. */
export function lifeUsed(c: RememberedCert, now: number): number | undefined {
  if (c.from === undefined || c.until === undefined || c.until <= c.from) return undefined;
  return (now - c.from) / (c.until - c.from);
}

/**
 * Judges the certificate `now` shows against those remembered for its host. Lifetimes are
 * relative: "young" is a share of the old certificate's own lifetime, so 6-day, 47-day and
 * 398-day certificates are judged alike. An old certificate whose lifetime is not known (one kept
 * before validity was) is not called young: nothing says it was.
 */
export function judgeCertChange(
  current: RememberedCert,
  remembered: readonly RememberedCert[],
  now: number,
): CertChange {
  if (remembered.length === 0 || remembered.some((c) => c.key === current.key))
    return { kind: 'known' };
  const sameCaCerts = remembered.filter((c) => sameCa(c, current));
  if (sameCaCerts.length > 0) return { kind: 'renewed', previous: latest(sameCaCerts) };
  const previous = latest(remembered);
  const used = lifeUsed(previous, now);
  return {
    kind: 'changed',
    previous,
    ...(used !== undefined ? { lifeUsed: used } : {}),
    young: used !== undefined && used < YOUNG,
  };
}
