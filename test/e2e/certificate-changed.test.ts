// Certificates that churn, end to end (docs/certificates.md): a host renewed with a new key from
// the same CA, while the old certificate still had a third of its life left, raises no warning
// (certificate-renewed, info); a host moved to another CA (also trusted) while its certificate
// was young raises certificate-changed (warning). In Firefox, a page whose chain ends at a root
// installed on this computer raises local-root, which "I know this authority" silences. Firefox
// reads every page's certificate; Chromium with the debugger permission, on the person's click.
import { rmSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CA_NAME,
  DEFAULT_PKI_DIR,
  ensureCa,
  ensureLeaf,
  knownRootOf,
  SECOND_CA_NAME,
  SECOND_PKI_DIR,
  type LeafFiles,
} from '../lab/ca';
import { LONG_HSTS, withHsts } from '../lab/pages';
import { page, startServers, type LabServers } from '../lab/servers';
import { builtExtension, chromeWithDebuggerGranted, LAUNCHERS, type TestBrowser } from './browsers';
import { readPopup, type PopupState } from './popup-read';
import { waitFor } from './wait';

const RENEWED = 'renewed.example.com';
const MOVED = 'moved.example.com';
const OTHER_ROOT = 'other-root.example.com';
const HOSTS = [RENEWED, MOVED, OTHER_ROOT];

/** A 90-day certificate issued 60 days ago: a third of its life left, as ACME renews it. */
const THIRD_LEFT = { days: 90, backdateDays: 60, renewWithinDays: 29 } as const;
/** A 90-day certificate at most a day old (made again once it is older): young. */
const NEW = { days: 90, renewWithinDays: 89 } as const;
const fromLabCa = (host: string, options = {}) =>
  ensureLeaf([host], DEFAULT_PKI_DIR, DEFAULT_CA_NAME, options);
const fromSecondCa = (host: string) => ensureLeaf([host], SECOND_PKI_DIR, SECOND_CA_NAME);

/** Serves `host` with `leaf` on 127.0.0.1:443, a page with a long HSTS (so no-hsts stays away). */
function serve(host: string, leaf: LeafFiles): Promise<LabServers> {
  return startServers([
    {
      protocol: 'https',
      port: 443,
      tls: { cert: leaf.certPem, key: leaf.keyPem },
      hosts: { [host]: { '/': withHsts(page(`${host}: a certificate that changes`), LONG_HSTS) } },
    },
  ]);
}

async function tlsState(popup: Page): Promise<string | null> {
  return popup.$eval('[data-section="tls"]', (el) => el.getAttribute('data-tls-state'));
}

const ids = (s: PopupState) => s.findings.map((f) => `${f.id} ${f.severity}`);

for (const name of ['firefox', 'chromium'] as const) {
  describe(`${name}: certificates that change`, () => {
    let tb: TestBrowser | undefined;
    let lab: LabServers | undefined;
    let granted = '';

    beforeAll(async () => {
      granted = name === 'chromium' ? chromeWithDebuggerGranted() : builtExtension(name);
      tb = await LAUNCHERS[name]({
        extensionDir: granted,
        // Both lab CAs trusted; the lab's own marked as known (the launcher's default).
        caPem: [ensureCa().certPem, ensureCa(SECOND_PKI_DIR, SECOND_CA_NAME).certPem],
        hosts: HOSTS,
      });
    });

    afterAll(async () => {
      await tb?.close();
      await lab?.close();
      if (name === 'chromium') rmSync(granted, { recursive: true, force: true });
    });

    /** Opens `host` and waits until the popup shows its certificate (Chromium: on a click). */
    async function visit(host: string): Promise<{ tab: Page; popup: Page }> {
      const browser = tb!;
      const tab = await browser.openTab(`https://${host}/`);
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

    /** Waits until `count` hosts have a certificate remembered. */
    async function remembered(count: number): Promise<void> {
      await waitFor(`${count} certificate(s) remembered`, async () => {
        const stats = await tb!.ask<{ certificates: number }>({ type: 'memory-stats' });
        return stats.certificates >= count ? true : undefined;
      });
    }

    /** Visits `host` served with `before`, then, on a new server, with `after`. */
    async function swap(host: string, before: LeafFiles, after: LeafFiles, count: number) {
      lab = await serve(host, before);
      const first = await visit(host);
      const seen = await readPopup(first.popup);
      await remembered(count);
      // One tab per URL (the harness finds a tab by its URL); a new server drops the connection.
      await first.popup.close();
      await first.tab.close();
      await lab.close();
      lab = await serve(host, after);
      const second = await visit(host);
      return { seen, second };
    }

    it('a new key from the same CA, a third of the old life left: renewed, no warning', async () => {
      const old = fromLabCa(RENEWED, { ...THIRD_LEFT, key: 'ec-p256' });
      const { seen, second } = await swap(RENEWED, old, fromLabCa(RENEWED, { key: 'rsa-2048' }), 1);
      expect(ids(seen)).toEqual([]);
      const shown = await waitFor('certificate-renewed in the popup', async () => {
        const s = await readPopup(second.popup);
        return s.findings.some((f) => f.id === 'certificate-renewed') ? s : undefined;
      });
      expect(ids(shown)).toEqual(['certificate-renewed info']);
      expect(shown.verdict).toBe('secure');
      expect(await tb!.badgeFor(second.tab)).toBe('');
      const detail = shown.findings[0]!.detail;
      expect(detail).toContain('from the same authority, Portwatch test lab');
      await second.popup.close();
      await second.tab.close();
      await lab?.close();
      lab = undefined;
    });

    it('a young certificate replaced by one from another CA: certificate-changed, a warning', async () => {
      const { second } = await swap(MOVED, fromLabCa(MOVED, NEW), fromSecondCa(MOVED), 2);
      const shown = await waitFor('certificate-changed in the popup', async () => {
        const s = await readPopup(second.popup);
        return s.findings.some((f) => f.id === 'certificate-changed') ? s : undefined;
      });
      const finding = shown.findings.find((f) => f.id === 'certificate-changed')!;
      expect(finding.severity).toBe('warning');
      expect(finding.detail).toMatch(
        /now comes from “Portwatch second lab CA” .* came from “Portwatch test lab” .* had used only [01]% of its lifetime\./,
      );
      expect(shown.verdict).toBe('warning');
      expect(await tb!.badgeFor(second.tab)).toBe('CERT');
      await second.popup.close();
      await second.tab.close();
      await lab?.close();
      lab = undefined;
    });

    if (name === 'firefox') {
      it('local-root for a root installed here, silenced by "I know this authority"', async () => {
        lab = await serve(OTHER_ROOT, fromSecondCa(OTHER_ROOT));
        const { tab, popup } = await visit(OTHER_ROOT);
        const before = await waitFor('local-root in the popup', async () => {
          const s = await readPopup(popup);
          return s.findings.some((f) => f.id === 'local-root') ? s : undefined;
        });
        expect(ids(before)).toEqual(['local-root notice']);
        expect(before.findings[0]!.detail).toContain('“Portwatch Test Second CA”');
        expect(await tb!.badgeFor(tab)).toBe('ROOT');
        // The step sits in the finding, which the person opens first.
        await popup.click('[data-finding="local-root"] summary');
        await popup.click('[data-action="know-root"]');
        const after = await waitFor('the popup without local-root', async () => {
          const s = await readPopup(popup);
          return s.findings.length === 0 ? s : undefined;
        });
        expect(after.verdict).toBe('secure');
        await waitFor('the badge to clear', async () =>
          (await tb!.badgeFor(tab)) === '' ? true : undefined,
        );
        // Stored by the root's key, as the options page lists it.
        const settings = await tb!.ask<{ settings: { knownRoots: Array<{ spki: string }> } }>({
          type: 'get-settings',
        });
        const second = knownRootOf(ensureCa(SECOND_PKI_DIR, SECOND_CA_NAME).certPem);
        expect(settings.settings.knownRoots.map((r) => r.spki)).toContain(second.spki);
      });
    }
  });
}
