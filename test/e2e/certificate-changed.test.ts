// A swapped certificate: a host first seen with one key, whose server then presents another
// (as a rogue or compromised CA's certificate would), raises certificate-changed. Firefox reads
// every page's certificate; Chromium with the debugger permission, on the person's click.
import { rmSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CA_NAME, DEFAULT_PKI_DIR, ensureCa, ensureLeaf, type LeafFiles } from '../lab/ca';
import { page, startServers, type LabServers } from '../lab/servers';
import { builtExtension, chromeWithDebuggerGranted, LAUNCHERS, type TestBrowser } from './browsers';
import { readPopup } from './popup-read';
import { waitFor } from './wait';

const HOST = 'swap.test';
const URL_ = `https://${HOST}/`;

/** Two valid certificates for the host from the trusted test CA, each with its own key. */
const first = () => ensureLeaf([HOST], DEFAULT_PKI_DIR, DEFAULT_CA_NAME, { key: 'ec-p256' });
const second = () => ensureLeaf([HOST], DEFAULT_PKI_DIR, DEFAULT_CA_NAME, { key: 'rsa-2048' });

function serve(leaf: LeafFiles): Promise<LabServers> {
  return startServers([
    {
      protocol: 'https',
      port: 443,
      tls: { cert: leaf.certPem, key: leaf.keyPem },
      hosts: { [HOST]: { '/': page('A host whose certificate changes') } },
    },
  ]);
}

async function tlsState(popup: Page): Promise<string | null> {
  return popup.$eval('[data-section="tls"]', (el) => el.getAttribute('data-tls-state'));
}

for (const name of ['firefox', 'chromium'] as const) {
  describe(`${name}: a host whose certificate key changes`, () => {
    let tb: TestBrowser | undefined;
    let lab: LabServers | undefined;
    let granted = '';

    beforeAll(async () => {
      granted = name === 'chromium' ? chromeWithDebuggerGranted() : builtExtension(name);
      tb = await LAUNCHERS[name]({
        extensionDir: granted,
        caPem: ensureCa().certPem,
        hosts: [HOST],
      });
    });

    afterAll(async () => {
      await tb?.close();
      await lab?.close();
      if (name === 'chromium') rmSync(granted, { recursive: true, force: true });
    });

    /** Opens the host and waits until the popup shows its certificate (Chromium: on a click). */
    async function visit(): Promise<{ tab: Page; popup: Page }> {
      const browser = tb!;
      const tab = await browser.openTab(URL_);
      const popup = await browser.popupFor(tab);
      if (name === 'chromium') {
        await waitFor('the offer to read the certificate', async () =>
          (await tlsState(popup)) === 'can-inspect' ? true : undefined,
        );
        await popup.click('[data-action="inspect"]');
      }
      await waitFor('the certificate in the popup', async () =>
        (await tlsState(popup)) === 'available' ? true : undefined,
      );
      return { tab, popup };
    }

    it('raises certificate-changed when the server swaps to a certificate with a new key', async () => {
      const browser = tb!;
      lab = await serve(first());
      const before = await visit();
      expect((await readPopup(before.popup)).findings.map((f) => f.id)).not.toContain(
        'certificate-changed',
      );
      await waitFor('the certificate to be remembered', async () => {
        const stats = await browser.inExtension(async () => {
          const g = globalThis as {
            browser?: { runtime: { sendMessage(m: object): Promise<unknown> } };
            chrome?: { runtime: { sendMessage(m: object): Promise<unknown> } };
          };
          return (await (g.browser ?? g.chrome)!.runtime.sendMessage({
            type: 'memory-stats',
          })) as { certificates: number };
        });
        return stats.certificates >= 1 ? true : undefined;
      });

      // One tab per URL (the harness finds a tab by its URL).
      await before.popup.close();
      await before.tab.close();
      await lab.close();
      lab = await serve(second());
      const after = (await visit()).popup;
      const shown = await waitFor('certificate-changed in the popup', async () => {
        const s = await readPopup(after);
        return s.findings.some((f) => f.id === 'certificate-changed') ? s : undefined;
      });
      const finding = shown.findings.find((f) => f.id === 'certificate-changed')!;
      expect(finding.severity).toBe('warning');
      expect(finding.detail).toMatch(/has a new key, issued by “CN=Portwatch Test Root CA/);
      expect(shown.verdict).toBe('warning');
    });
  });
}
