// A test certificate authority and leaf certificates signed by it, made with the openssl CLI.
// Everything is cached in a git-ignored folder (default `.lab/pki` at the repo root) and reused
// while it stays valid for at least 30 more days, so test runs do not pay for key generation. A
// leaf can be made weak on purpose (RSA 1024, SHA-1) or short-lived (`expiringIn`): those are
// cached too, each by what it is, and a short-lived one is renewed as its own rule says.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

// From the working directory, not from this file: bundled into `.lab/bin/lab.mjs` (npm run lab),
// a path relative to the module would point outside the repository. npm scripts and vitest
// always run at the repository root.
export const DEFAULT_PKI_DIR = resolve(process.cwd(), '.lab', 'pki');
export const DEFAULT_CA_NAME = 'Portwatch Test Root CA';
/**
 * A second CA the browsers also trust, of another organisation: a host switched to it has moved
 * to another certificate authority (certificate-changed), and Firefox sees a root it does not
 * ship that the lab has not marked as known (local-root).
 */
export const SECOND_PKI_DIR = join(DEFAULT_PKI_DIR, 'second');
export const SECOND_CA_NAME = 'Portwatch Test Second CA';
/** Each lab CA's organisation, by its common name: the organisation is what names a CA. */
const CA_ORGANIZATIONS: Readonly<Record<string, string>> = {
  [SECOND_CA_NAME]: 'Portwatch second lab CA',
};
const caOrganization = (commonName: string): string =>
  CA_ORGANIZATIONS[commonName] ?? 'Portwatch test lab';

const CA_DAYS = 3650;
const LEAF_DAYS = 825;
const DAY_SECONDS = 24 * 3600;
const MIN_REMAINING_SECONDS = 30 * DAY_SECONDS;

export interface CaFiles {
  certPath: string;
  keyPath: string;
  certPem: string;
}

/** The leaf's key: EC P-256 (the default), or RSA of some size (1024 is a weak key). */
export type LeafKey = 'ec-p256' | 'rsa-1024' | 'rsa-2048';

/** What kind of leaf to make. Every field has a default: an ordinary, strong, long-lived leaf. */
export interface LeafOptions {
  /** Default `ec-p256`. */
  key?: LeafKey;
  /** The hash the CA signs the leaf with; default `sha256`. `sha1` makes a weak signature. */
  signatureHash?: 'sha256' | 'sha1';
  /** Validity from the moment it is made; default 825 days. */
  days?: number;
  /** Made again once fewer than this many days are left; default 30. */
  renewWithinDays?: number;
  /**
   * Valid from this many days ago (default 0), `days` in all: a certificate part-way through its
   * life, as the one a renewal replaces. Made again once `renewWithinDays` are left, like any.
   */
  backdateDays?: number;
}

/** The lifetime of an expiringIn() leaf: today's common one (Let's Encrypt's default). */
const EXPIRING_LIFETIME_DAYS = 90;

/**
 * A leaf that, whenever it is used, expires in `days` days (floored, as the popup counts them):
 * a 90-day certificate near its end (certificate-expiring is judged against the lifetime), made
 * valid from 89 − `days` days ago and made again once fewer than `days` are left, so it is
 * reused for a day at most and always has between `days` and `days + 1` days left. A process that
 * keeps it longer (a lab left running) sees it get closer to expiry, as a real one would.
 */
export function expiringIn(days: number): LeafOptions {
  if (!Number.isInteger(days) || days < 1 || days >= EXPIRING_LIFETIME_DAYS - 1)
    throw new Error(`expiringIn: ${days} is not a day count`);
  return {
    days: EXPIRING_LIFETIME_DAYS,
    backdateDays: EXPIRING_LIFETIME_DAYS - days - 1,
    renewWithinDays: days,
  };
}

export interface LeafFiles {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
  /** The names the certificate covers, as given (DNS names and IP addresses). */
  names: string[];
}

function openssl(args: string[]): string {
  try {
    return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`openssl ${args.join(' ')} failed: ${stderr || String(error)}`, {
      cause: error,
    });
  }
}

/** True when the certificate and key exist and the certificate stays valid for `seconds` more. */
function stillValid(certPath: string, keyPath: string, seconds = MIN_REMAINING_SECONDS): boolean {
  if (!existsSync(certPath) || !existsSync(keyPath)) return false;
  try {
    openssl(['x509', '-in', certPath, '-noout', '-checkend', String(seconds)]);
    return true;
  } catch {
    return false;
  }
}

/** True when `certPath` was signed by the CA at `caPath` (the CA may have been regenerated). */
function signedBy(certPath: string, caPath: string): boolean {
  try {
    openssl(['verify', '-CAfile', caPath, certPath]);
    return true;
  } catch {
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `fn` while holding a lock folder in `dir`, so two test processes starting at once do not
 * both generate (and mismatch) a key and its certificate. A lock older than a minute is stale.
 */
function withLock(dir: string, fn: () => void): void {
  const lock = join(dir, '.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      let age: number;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > 60_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lock}`);
      else sleepSync(100);
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Runs `make` in a scratch folder, then moves its outputs (scratch name → final path) into place,
 * each by an atomic rename, so a reader never sees a half-written file.
 */
function generate(dir: string, outputs: Record<string, string>, make: (tmp: string) => void) {
  const tmp = join(dir, `tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp, { recursive: true });
  try {
    make(tmp);
    for (const [from, to] of Object.entries(outputs)) {
      const staged = `${to}.${process.pid}.tmp`;
      writeFileSync(staged, readFileSync(join(tmp, from)), { mode: 0o600 });
      renameSync(staged, to);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Returns the test root CA in `dir`, generating it if missing or expiring within 30 days. The
 * common name matters only when it is generated: a second CA (one no browser trusts) gets its own.
 */
export function ensureCa(dir: string = DEFAULT_PKI_DIR, commonName = DEFAULT_CA_NAME): CaFiles {
  mkdirSync(dir, { recursive: true });
  const certPath = join(dir, 'ca.pem');
  const keyPath = join(dir, 'ca.key');
  if (!stillValid(certPath, keyPath)) {
    withLock(dir, () => {
      if (stillValid(certPath, keyPath)) return;
      generate(dir, { 'ca.pem': certPath, 'ca.key': keyPath }, (tmp) => {
        // prettier-ignore
        openssl([
          'req', '-x509', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
          '-nodes', '-sha256', '-days', String(CA_DAYS),
          '-subj', `/O=${caOrganization(commonName)}/CN=${commonName}`,
          '-addext', 'basicConstraints=critical,CA:TRUE',
          '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
          '-addext', 'subjectKeyIdentifier=hash',
          '-keyout', join(tmp, 'ca.key'), '-out', join(tmp, 'ca.pem'),
        ]);
      });
    });
  }
  return { certPath, keyPath, certPem: readFileSync(certPath, 'utf8') };
}

function subjectAltName(names: string[]): string {
  return names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
}

/** openssl `req -newkey` arguments for a key. */
function newKeyArgs(key: LeafKey): string[] {
  if (key === 'ec-p256') return ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  return ['-newkey', `rsa:${key.slice('rsa-'.length)}`];
}

/**
 * The part of a leaf's file name that tells its kind apart: empty for the default leaf (so the
 * files of an ordinary leaf keep their name), else every option that shapes the certificate.
 */
function profileText(o: Required<LeafOptions>): string {
  const isDefault =
    o.key === 'ec-p256' &&
    o.signatureHash === 'sha256' &&
    o.days === LEAF_DAYS &&
    o.renewWithinDays === 30 &&
    o.backdateDays === 0;
  if (isDefault) return '';
  const backdate = o.backdateDays === 0 ? '' : `;-${o.backdateDays}`;
  return `;${o.key};${o.signatureHash};${o.days};${o.renewWithinDays}${backdate}`;
}

/** `YYYYMMDDHHMMSSZ`, as `openssl ca -startdate` takes it. */
function opensslDate(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/**
 * Signs `csr` with the CA from `from` to `until` (epoch ms). `openssl x509 -req` counts days from
 * now only, so this runs `openssl ca` with a throwaway database in `tmp`.
 */
function signBetween(
  tmp: string,
  ca: CaFiles,
  args: { csr: string; ext: string; out: string; hash: string; from: number; until: number },
): void {
  const db = join(tmp, 'index.txt');
  writeFileSync(db, '');
  writeFileSync(
    join(tmp, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = lab',
      '[ lab ]',
      `database = ${db}`,
      `new_certs_dir = ${tmp}`,
      `serial = ${join(tmp, 'serial')}`,
      'policy = any',
      'unique_subject = no',
      'copy_extensions = none',
      '[ any ]',
      'organizationName = optional',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  // A positive 128-bit serial, in whole bytes (openssl ca reads the file as hex bytes).
  writeFileSync(join(tmp, 'serial'), `70${randomBytes(15).toString('hex')}\n`);
  // prettier-ignore
  openssl([
    'ca', '-batch', '-notext', '-config', join(tmp, 'ca.cnf'), '-md', args.hash,
    '-cert', ca.certPath, '-keyfile', ca.keyPath,
    '-startdate', opensslDate(args.from), '-enddate', opensslDate(args.until),
    '-extfile', args.ext, '-in', args.csr, '-out', args.out,
  ]);
}

/**
 * Returns a leaf certificate for `names` (DNS names such as `secure.test` or `*.test`, and IP
 * addresses such as `127.0.0.1` or `::1`) signed by the test CA. It is generated when missing,
 * expiring within 30 days (`renewWithinDays`), or signed by an older CA; the files are named after
 * the set of names and the options. Chromium and Firefox both reject a wildcard directly under a
 * TLD (`*.test` does not cover `x.test`), so list the host names a browser test visits one by one.
 */
export function ensureLeaf(
  names: string[],
  dir: string = DEFAULT_PKI_DIR,
  caCommonName = DEFAULT_CA_NAME,
  options: LeafOptions = {},
): LeafFiles {
  const unique = [...new Set(names)];
  if (unique.length === 0) throw new Error('ensureLeaf: give at least one DNS name or IP address');
  const o: Required<LeafOptions> = {
    key: options.key ?? 'ec-p256',
    signatureHash: options.signatureHash ?? 'sha256',
    days: options.days ?? LEAF_DAYS,
    renewWithinDays: options.renewWithinDays ?? 30,
    backdateDays: options.backdateDays ?? 0,
  };
  if (o.renewWithinDays >= o.days) {
    throw new Error(`ensureLeaf: renewing within ${o.renewWithinDays} of ${o.days} days`);
  }
  const ca = ensureCa(dir, caCommonName);
  const id = createHash('sha256')
    .update([...unique].sort().join(',') + profileText(o))
    .digest('hex')
    .slice(0, 16);
  const certPath = join(dir, `leaf-${id}.pem`);
  const keyPath = join(dir, `leaf-${id}.key`);
  const fresh = () =>
    stillValid(certPath, keyPath, o.renewWithinDays * DAY_SECONDS) &&
    signedBy(certPath, ca.certPath);
  if (!fresh()) {
    withLock(dir, () => {
      if (fresh()) return;
      const commonName = (unique.find((n) => !isIP(n)) ?? unique[0] ?? 'localhost').slice(0, 64);
      const extensions = [
        'basicConstraints=critical,CA:FALSE',
        // An EC key signs; it never enciphers. An RSA key may do both (RSA key exchange).
        `keyUsage=critical,${o.key === 'ec-p256' ? 'digitalSignature' : 'digitalSignature,keyEncipherment'}`,
        'extendedKeyUsage=serverAuth',
        'subjectKeyIdentifier=hash',
        'authorityKeyIdentifier=keyid,issuer',
        `subjectAltName=${subjectAltName(unique)}`,
      ];
      // A positive 128-bit serial: browsers reject two certificates with one issuer and serial.
      const serial = `0x7${randomBytes(15).toString('hex')}`;
      generate(dir, { 'leaf.pem': certPath, 'leaf.key': keyPath }, (tmp) => {
        writeFileSync(join(tmp, 'ext.cnf'), `${extensions.join('\n')}\n`);
        // prettier-ignore
        openssl([
          'req', '-new', ...newKeyArgs(o.key), '-nodes',
          '-subj', `/O=Portwatch test lab/CN=${commonName}`,
          '-keyout', join(tmp, 'leaf.key'), '-out', join(tmp, 'leaf.csr'),
        ]);
        if (o.backdateDays > 0) {
          const from = Date.now() - o.backdateDays * DAY_SECONDS * 1000;
          signBetween(tmp, ca, {
            csr: join(tmp, 'leaf.csr'),
            ext: join(tmp, 'ext.cnf'),
            out: join(tmp, 'leaf.pem'),
            hash: o.signatureHash,
            from,
            until: from + o.days * DAY_SECONDS * 1000,
          });
          return;
        }
        // prettier-ignore
        openssl([
          'x509', '-req', '-in', join(tmp, 'leaf.csr'), `-${o.signatureHash}`,
          '-days', String(o.days),
          '-CA', ca.certPath, '-CAkey', ca.keyPath, '-set_serial', serial,
          '-extfile', join(tmp, 'ext.cnf'), '-out', join(tmp, 'leaf.pem'),
        ]);
      });
    });
  }
  return {
    certPath,
    keyPath,
    certPem: readFileSync(certPath, 'utf8'),
    keyPem: readFileSync(keyPath, 'utf8'),
    names: unique,
  };
}

/**
 * A root as Portwatch knows it ("I know this authority"): the SHA-256 of its SubjectPublicKeyInfo
 * in base64, and its common name.
 */
export function knownRootOf(pem: string): { spki: string; name: string } {
  const cert = new X509Certificate(pem);
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  const name = /CN=([^\n,]+)/.exec(cert.subject)?.[1] ?? cert.subject;
  return { spki: createHash('sha256').update(spki).digest('base64'), name };
}
