// The certificate a person sees in the popup is the one the server sent: for a lab page, the
// fingerprint, SANs, issuer and validity shown equal openssl's reading of the served certificate
// (Firefox, through webRequest.getSecurityInfo; Chromium, through the debugger once the person
// has granted the permission and asked for the read, after which the debugger is detached).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa, ensureLeaf } from '../lab/ca';
import { page, startServers, type LabServers } from '../lab/servers';
import { builtExtension, chromeWithDebuggerGranted, LAUNCHERS, type TestBrowser } from './browsers';
import { expectDetached } from './debugger';
import { waitFor } from './wait';
import { fieldText } from './popup-read';

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

beforeAll(async () => {
  const leaf = ensureLeaf([...HOSTS, '127.0.0.1']);
  certPath = leaf.certPath;
  lab = await startServers([
    {
      protocol: 'https',
      port: 443,
      tls: { cert: leaf.certPem, key: leaf.keyPem },
      hosts: {
        'cert.test': {
          '/': page('Certificate'),
          // A form that sends itself: the page it lands on is the answer to a POST.
          '/form': page(
            'A form',
            '<form method="post" action="/result"><input name="q" value="1"></form>' +
              '<script>document.forms[0].submit();</script>',
          ),
          '/result': page('The answer to a form'),
        },
      },
    },
  ]);
});

afterAll(async () => {
  await lab?.close();
});

/** Waits until the popup's TLS section is in `expected` state. */
async function tlsState(popup: Page, expected: string): Promise<void> {
  await waitFor(`the TLS section to be ${expected}`, async () => {
    const state = await popup.$eval('[data-section="tls"]', (el) =>
      el.getAttribute('data-tls-state'),
    );
    if (state !== expected) throw new Error(`the TLS section is ${String(state)}`);
    return true;
  });
}

/** The popup's certificate equals openssl's reading of the served one. */
async function expectServedCertificate(popup: Page): Promise<void> {
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
}

async function screenshot(popup: Page, name: string): Promise<void> {
  mkdirSync(join(repoRoot, 'artifacts'), { recursive: true });
  await popup.setViewport({ width: 420, height: 900 });
  await popup.screenshot({ path: join(repoRoot, `artifacts/${name}.png`), fullPage: true });
}

/** One browser for a describe block, closed after it. */
function useBrowser(name: TestBrowser['name'], extensionDir: () => string) {
  const held: { tb?: TestBrowser } = {};
  beforeAll(async () => {
    held.tb = await LAUNCHERS[name]({
      extensionDir: extensionDir(),
      caPem: ensureCa().certPem,
      hosts: HOSTS,
    });
  });
  afterAll(async () => {
    await held.tb?.close();
  });
  return () => held.tb!;
}

describe('firefox: the served certificate in the popup', () => {
  const tb = useBrowser('firefox', () => builtExtension('firefox'));

  it('equals openssl for fingerprint, SANs, issuer and validity', async () => {
    const tab = await tb().openTab(URL_);
    const popup = await tb().popupFor(tab);
    // The details arrive just after the page commits; the open popup follows the report.
    await tlsState(popup, 'available');
    await expectServedCertificate(popup);
    await screenshot(popup, 'popup-certificate-firefox');
    expect(await fieldText(popup, 'tls-cipher')).toMatch(
      /TLS_AES_\d+_GCM_SHA\d+|TLS_CHACHA20_POLY1305_SHA256/,
    );
  });
});

describe('chromium without the debugger permission', () => {
  const tb = useBrowser('chromium', () => builtExtension('chromium'));

  it('says what the permission costs and offers to ask for it, reading nothing', async () => {
    const tab = await tb().openTab(URL_);
    const popup = await tb().popupFor(tab);
    await tlsState(popup, 'needs-permission');
    expect(await popup.$eval('[data-section="tls"]', (el) => el.textContent)).toContain(
      'started debugging this browser',
    );
    expect(await popup.$('[data-action="inspect"]')).not.toBeNull();
    expect(await popup.$('[data-field="cert-sha256"]')).toBeNull();
  });
});

describe('chromium with the debugger permission granted', () => {
  let granted = '';
  const tb = useBrowser('chromium', () => (granted = chromeWithDebuggerGranted()));
  afterAll(() => rmSync(granted, { recursive: true, force: true }));

  it('reads the certificate on a click: the same fingerprint and SANs, then detaches', async () => {
    const tab = await tb().openTab(URL_);
    const tabId = await tb().tabIdFor(tab);
    const popup = await tb().popupFor(tab);
    // Never attached without the person asking.
    await tlsState(popup, 'can-inspect');
    await popup.click('[data-action="inspect"]');
    await tlsState(popup, 'available');
    await expectServedCertificate(popup);
    expect(await fieldText(popup, 'tls-cipher')).toMatch(/AES_\d+_GCM|CHACHA20_POLY1305/);
    await screenshot(popup, 'popup-certificate-chromium');

    await expectDetached(tb(), tabId);
  });

  it('never reloads the answer to a form to read it: that would send the form again', async () => {
    const tab = await tb().openTab(`https://cert.test/form`);
    await waitFor('the answer to the form', () =>
      tab.url() === 'https://cert.test/result' ? true : undefined,
    );
    const posts = () =>
      lab!.servers[0]!.requests.filter((r) => r.method === 'POST' && r.path === '/result').length;
    expect(posts()).toBe(1);
    const popup = await tb().popupFor(tab, 'https://cert.test/result');
    await tlsState(popup, 'cannot-inspect-form');
    expect(await popup.$('[data-action="inspect"]')).toBeNull();
    expect(await popup.$eval('[data-section="tls"]', (el) => el.textContent)).toContain(
      'would send the form again',
    );
    // Asked anyway (as another page of the extension could): the background refuses too.
    const tabId = await tb().tabIdFor(tab, 'https://cert.test/result');
    await tb().inExtension(
      (id) =>
        (
          globalThis as { chrome?: { runtime: { sendMessage(m: object): Promise<unknown> } } }
        ).chrome!.runtime.sendMessage({ type: 'inspect', tabId: id }),
      tabId,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(posts()).toBe(1);
    await expectDetached(tb(), tabId);
  });
});
