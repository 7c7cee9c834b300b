import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { severityRank, type Severity } from '../../src/core/findings';
import { DEFAULT_CA_NAME, ensureLeaf, expiringIn, SECOND_CA_NAME } from '../lab/ca';
import { indexPage } from '../lab/index-page';
import { labHosts } from '../lab/lab';
import { SCENARIOS } from '../lab/scenarios';
import { page, startServer } from '../lab/servers';
import { MANY_SANS, TLS_SITES } from '../lab/tls-sites';

// The lab's weak and unusual TLS sites: the certificates ca.ts makes for them (read back with
// openssl), the per-host TLS settings of a lab server, and the consistency of their data, which
// the index page and test/e2e/weak-certificates.test.ts both trust.

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'portwatch-pki-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function x509(certPath: string, ...args: string[]): string {
  return execFileSync('openssl', ['x509', '-in', certPath, '-noout', ...args], {
    encoding: 'utf8',
  });
}

describe('weak and short-lived leaves', () => {
  it('makes an RSA 1024 leaf, and keeps the default leaf apart from it', () => {
    const weak = ensureLeaf(['a.test'], dir, DEFAULT_CA_NAME, { key: 'rsa-1024' });
    expect(x509(weak.certPath, '-text')).toMatch(/Public-Key: \(1024 bit\)/);
    expect(x509(weak.certPath, '-ext', 'keyUsage')).toContain('Key Encipherment');
    const ordinary = ensureLeaf(['a.test'], dir);
    expect(ordinary.certPath).not.toBe(weak.certPath);
    expect(x509(ordinary.certPath, '-text')).toMatch(/Public-Key: \(256 bit\)/);
    // The default options name the files as before they existed, so caches stay valid.
    expect(ensureLeaf(['a.test'], dir, DEFAULT_CA_NAME, {}).certPath).toBe(ordinary.certPath);
  });

  it('makes a SHA-1-signed leaf', () => {
    const leaf = ensureLeaf(['sha1.test'], dir, DEFAULT_CA_NAME, { signatureHash: 'sha1' });
    expect(x509(leaf.certPath, '-text')).toMatch(/Signature Algorithm: ecdsa-with-SHA1/);
  });

  it('makes a leaf with 1,000 SANs', () => {
    const leaf = ensureLeaf(MANY_SANS, dir);
    const sans = x509(leaf.certPath, '-ext', 'subjectAltName').split('\n')[1]!.split(', ');
    expect(sans).toHaveLength(1000);
    expect(sans[999]).toBe('DNS:san-999.many-sans.test');
  });

  it('expiringIn(5): 5 to 6 days left when used, reused within the day', () => {
    const first = ensureLeaf(['soon.test'], dir, DEFAULT_CA_NAME, expiringIn(5));
    const notAfter = Date.parse(x509(first.certPath, '-enddate').replace('notAfter=', ''));
    const left = (notAfter - Date.now()) / DAY;
    expect(left).toBeGreaterThan(5);
    expect(left).toBeLessThanOrEqual(6);
    const again = ensureLeaf(['soon.test'], dir, DEFAULT_CA_NAME, expiringIn(5));
    expect(again.certPem).toBe(first.certPem);
    expect(() => expiringIn(0)).toThrow();
    expect(() => ensureLeaf(['x.test'], dir, DEFAULT_CA_NAME, { days: 3 })).toThrow(/renewing/);
  });
});

describe('renewals and a second CA', () => {
  it('backdates a leaf: a 90-day certificate with a third of its life left', () => {
    const options = { days: 90, backdateDays: 60, renewWithinDays: 29 };
    const leaf = ensureLeaf(['renewed.test'], dir, DEFAULT_CA_NAME, options);
    const date = (which: string) => Date.parse(x509(leaf.certPath, which).split('=')[1]!);
    expect((Date.now() - date('-startdate')) / DAY).toBeCloseTo(60, 1);
    expect((date('-enddate') - date('-startdate')) / DAY).toBeCloseTo(90, 5);
    expect(x509(leaf.certPath, '-ext', 'subjectAltName')).toContain('DNS:renewed.test');
    // Reused while it has more than 29 days left, like any leaf.
    expect(ensureLeaf(['renewed.test'], dir, DEFAULT_CA_NAME, options).certPem).toBe(leaf.certPem);
  });

  it('signs with a second CA of another organisation', () => {
    const second = join(dir, 'second');
    const leaf = ensureLeaf(['moved.test'], second, SECOND_CA_NAME);
    expect(x509(leaf.certPath, '-issuer', '-nameopt', 'RFC2253')).toBe(
      'issuer=CN=Portwatch Test Second CA,O=Portwatch second lab CA\n',
    );
    const first = ensureLeaf(['moved.test'], dir);
    expect(x509(first.certPath, '-issuer', '-nameopt', 'RFC2253')).toBe(
      'issuer=CN=Portwatch Test Root CA,O=Portwatch test lab\n',
    );
  });
});

describe('per-host TLS on one port', () => {
  it('hands each server name to its own certificate and TLS versions', async () => {
    const main = ensureLeaf(['main.test'], dir);
    const own = ensureLeaf(['old.test'], dir, DEFAULT_CA_NAME, { key: 'rsa-2048' });
    const server = await startServer({
      protocol: 'https',
      port: 0,
      tls: { cert: main.certPem, key: main.keyPem },
      hosts: { '*': { '/': page('hello') } },
      hostTls: { 'old.test': { cert: own.certPem, key: own.keyPem, maxVersion: 'TLSv1.2' } },
    });
    const hello = (servername: string) =>
      new Promise<{ protocol: string | null; cert: PeerCertificate }>((resolve, reject) => {
        const socket = connect(
          { host: '127.0.0.1', port: server.port, servername, rejectUnauthorized: false },
          () => {
            resolve({ protocol: socket.getProtocol(), cert: socket.getPeerCertificate() });
            socket.destroy();
          },
        );
        socket.on('error', reject);
      });
    try {
      const old = await hello('old.test');
      expect(old.protocol).toBe('TLSv1.2');
      expect(old.cert.subject.CN).toBe('old.test');
      const other = await hello('main.test');
      expect(other.protocol).toBe('TLSv1.3');
      expect(other.cert.subject.CN).toBe('main.test');
    } finally {
      await server.close();
    }
  });
});

describe('the TLS sites', () => {
  it('have unique ids and hosts, all of them lab hosts', () => {
    expect(new Set(TLS_SITES.map((s) => s.id)).size).toBe(TLS_SITES.length);
    expect(new Set(TLS_SITES.map((s) => s.host)).size).toBe(TLS_SITES.length);
    const hosts = labHosts();
    for (const s of TLS_SITES) expect(hosts).toContain(s.host);
    const scenarioHosts = labHosts(SCENARIOS, []);
    for (const s of TLS_SITES) expect(scenarioHosts, s.host).not.toContain(s.host);
  });

  it('expect in Firefox a verdict that follows from their findings', () => {
    for (const s of TLS_SITES) {
      const e = s.firefox.expect;
      const alarms = Object.values(e.findings)
        .map((f) => f?.severity)
        .filter((x): x is Exclude<Severity, 'info'> => x !== undefined && x !== 'info');
      const worst = alarms.sort((a, b) => severityRank(b) - severityRank(a))[0] ?? 'secure';
      expect(e.verdict, s.id).toBe(worst);
      expect(Object.keys(e.findings).filter((id) => e.absent.includes(id as never))).toEqual([]);
      // A refused connection is a connection error and nothing else.
      if (s.firefox.refuses) expect(Object.keys(e.findings), s.id).toEqual(['connection-error']);
    }
  });

  it('are listed on the index page with a link and what each browser does', () => {
    const body = String(indexPage(SCENARIOS, labHosts(), TLS_SITES).body);
    for (const s of TLS_SITES) {
      expect(body).toContain(`<tr id="${s.id}">`);
      expect(body).toContain(`href="https://${s.host}/"`);
    }
    expect(body).toContain('security.tls.version.min');
  });
});
