// The certificate a person sees in the popup is the one the server sent: for a lab page, the
// fingerprint, SANs, issuer and validity shown equal openssl's reading of the served certificate
// (Firefox, through webRequest.getSecurityInfo). Chromium gives extensions no TLS details
// without the debugger permission, which Portwatch does not ask for yet: it must say so.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa, ensureLeaf } from '../lab/ca';
import { page, startServers, type LabServers } from '../lab/servers';
import { builtExtension, LAUNCHERS, type TestBrowser } from './browsers';
import { waitFor } from './wait';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const HOSTS = ['cert.test', 'www.cert.test'];
const URL_ = 'https://cert.test/';

let lab: LabServers | undefined;
let certPath = '';

/** openssl's own reading of the served leaf, in the forms the popup shows. */
function opensslView(path: string) {
  const out = (...args: string[]) =>
    execFileSync('openssl', ['x509', '-in', path, '-noout', ...args], { encoding: 'utf8' }).trim();
  const after = out('-enddate').replace('notAfter=', '');
  const before = out('-startdate').replace('notBefore=', '');
  const sans = out('-ext', 'subjectAltName')
    .split('\n')
    .slice(1)
    .join(',')
    .split(',')
    .map((s) => s.trim().replace(/^IP Address:/, 'IP:'))
    .filter(Boolean);
  const iso = (text: string) => new Date(text).toISOString().slice(0, 16).replace('T', ' ');
  return {
    sha256: out('-fingerprint', '-sha256').replace(/^sha256 Fingerprint=/i, ''),
    issuerCn: /CN\s*=\s*([^,/\n]+)/.exec(out('-issuer'))![1]!.trim(),
    sans,
    notBefore: iso(before),
    notAfter: iso(after),
  };
}

async function fieldText(popup: Page, field: string): Promise<string> {
  return popup.$eval(`[data-field="${field}"]`, (el) => (el.textContent ?? '').trim());
}

beforeAll(async () => {
  const leaf = ensureLeaf([...HOSTS, '127.0.0.1']);
  certPath = leaf.certPath;
  lab = await startServers([
    {
      protocol: 'https',
      port: 443,
      tls: { cert: leaf.certPem, key: leaf.keyPem },
      hosts: { 'cert.test': { '/': page('Certificate') } },
    },
  ]);
});

afterAll(async () => {
  await lab?.close();
});

for (const name of ['firefox', 'chromium'] as const) {
  describe(`${name}: the served certificate in the popup`, () => {
    let tb: TestBrowser | undefined;

    beforeAll(async () => {
      const extensionDir = builtExtension(name);
      tb = await LAUNCHERS[name]({ extensionDir, caPem: ensureCa().certPem, hosts: HOSTS });
    });

    afterAll(async () => {
      await tb?.close();
    });

    it(
      name === 'firefox'
        ? 'equals openssl for fingerprint, SANs, issuer and validity'
        : 'says Chrome does not give the details',
      async () => {
        const browser = tb!;
        const tab = await browser.openTab(URL_);
        const popup = await browser.popupFor(tab);
        // The details arrive just after the page commits; the open popup follows the report.
        const expected = name === 'firefox' ? 'available' : 'not-in-browser';
        await waitFor(`the TLS section to be ${expected}`, async () => {
          const state = await popup.$eval('[data-section="tls"]', (el) =>
            el.getAttribute('data-tls-state'),
          );
          if (state !== expected) throw new Error(`the TLS section is ${String(state)}`);
          return true;
        });
        if (name === 'chromium') {
          expect(await popup.$('[data-field="cert-sha256"]')).toBeNull();
          return;
        }
        const want = opensslView(certPath);
        expect(await fieldText(popup, 'cert-sha256')).toContain(want.sha256);
        const sans = await popup.$$eval('[data-san]', (els) =>
          els.map((e) => e.getAttribute('data-san')),
        );
        expect(sans).toEqual(want.sans);
        expect(await fieldText(popup, 'cert-issuer')).toContain(want.issuerCn);
        expect(await fieldText(popup, 'cert-not-before')).toContain(want.notBefore);
        expect(await fieldText(popup, 'cert-not-after')).toContain(want.notAfter);
        expect(await fieldText(popup, 'tls-protocol')).toMatch(/TLS 1\.[23]/);
        mkdirSync(join(repoRoot, 'artifacts'), { recursive: true });
        await popup.setViewport({ width: 420, height: 900 });
        await popup.screenshot({
          path: join(repoRoot, 'artifacts/popup-certificate-firefox.png'),
          fullPage: true,
        });
        expect(await fieldText(popup, 'tls-cipher')).toMatch(
          /TLS_AES_\d+_GCM_SHA\d+|TLS_CHACHA20_POLY1305_SHA256/,
        );
      },
    );
  });
}
