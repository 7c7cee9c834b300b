// Warnings while browsing, memory, options and history, in the built extension in real
// Chromium and Firefox: a downgrade raises a desktop notification (read back through the
// notifications API) and a history line; a host seen over HTTPS and later over plain HTTP raises
// https-stripped; an allowlisted host:8443 raises no nonstandard-port; a bad settings file is
// refused and changes nothing; settings and memories survive a browser restart with the same
// profile.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa, ensureLeaf } from '../lab/ca';
import { page, redirect, startServers, type LabServers } from '../lab/servers';
import { builtExtension, LAUNCHERS, openExtensionPage, type TestBrowser } from './browsers';
import { readPopup } from './popup-read';
import { makeSandbox, type Sandbox } from './sandbox';
import { waitFor } from './wait';
import { startXvfb, type Display } from './xvfb';

const HOSTS = ['dg.test', 'remember.test', 'port.test', 'loop.test'];
/** Loads of the loop page: each one a https → 302 → http downgrade (a danger). */
const LOOPS = 12;
/** Sends the tab back to https, LOOPS times (window.name outlives the tab's navigations). */
const LOOP_SCRIPT = `<script>const n = Number(window.name || 0);
if (n < ${LOOPS}) { window.name = String(n + 1); setTimeout(() => { location.href = 'https://loop.test/'; }, 150); }
else document.title = 'Loop done';</script>`;

let lab: LabServers | undefined;
let files = '';

beforeAll(async () => {
  const leaf = ensureLeaf(HOSTS);
  const tls = { cert: leaf.certPem, key: leaf.keyPem };
  lab = await startServers([
    {
      protocol: 'https',
      port: 443,
      tls,
      hosts: {
        'dg.test': { '/': redirect('http://dg.test/') },
        'remember.test': { '/': page('Remembered over HTTPS') },
        'loop.test': { '/': redirect('http://loop.test/') },
      },
    },
    {
      protocol: 'http',
      port: 80,
      hosts: {
        'dg.test': { '/': page('Downgraded') },
        'remember.test': { '/': page('The same host, now over plain HTTP') },
        'loop.test': { '/': page('Looping', LOOP_SCRIPT) },
      },
    },
    { protocol: 'https', port: 8443, tls, hosts: { 'port.test': { '/': page('Port 8443') } } },
  ]);
  files = mkdtempSync(join(tmpdir(), 'portwatch-settings-files-'));
});

afterAll(async () => {
  await lab?.close();
  rmSync(files, { recursive: true, force: true });
});

/** The ids of the notifications on screen. */
async function notificationIds(tb: TestBrowser): Promise<string[]> {
  return tb.inExtension(async () => {
    const g = globalThis as {
      browser?: { notifications: { getAll(): Promise<Record<string, unknown>> } };
      chrome?: { notifications: { getAll(): Promise<Record<string, unknown>> } };
    };
    return Object.keys(await (g.browser ?? g.chrome)!.notifications.getAll());
  });
}

interface Settings {
  settings: { allowlist: string[]; notify: string; historyDays: number };
}

for (const name of ['firefox', 'chromium'] as const) {
  describe(`${name}: warnings, memory, options and history`, () => {
    let sandbox: Sandbox;
    const uuid = randomUUID();
    let tb: TestBrowser | undefined;
    // Headless Firefox closes a notification as it is created: give it a (virtual) screen.
    let display: Display | undefined;
    const launch = async () => {
      tb = await LAUNCHERS[name]({
        extensionDir: builtExtension(name),
        caPem: ensureCa().certPem,
        hosts: HOSTS,
        sandbox,
        firefoxUuid: uuid,
        ...(display ? { display: display.name } : {}),
      });
      return tb;
    };

    beforeAll(async () => {
      sandbox = makeSandbox(`${name}-kept`);
      if (name === 'firefox') display = await startXvfb();
      await launch();
    });

    afterAll(async () => {
      await tb?.close();
      sandbox.remove();
      display?.stop();
    });

    it('notifies a downgrade, and the history page lists it', async () => {
      const browser = tb!;
      const tab = await browser.openTab('https://dg.test/');
      const tabId = await browser.tabIdFor(tab, 'http://dg.test/');
      const history = await openExtensionPage(browser, 'history.html');
      await waitFor('the downgrade in the history', async () =>
        (await history.$(`tr[data-finding="downgrade-redirect"]`)) ? true : undefined,
      );
      const row = await history.$eval('tr[data-finding="downgrade-redirect"]', (el) =>
        (el.textContent ?? '').replace(/\s+/g, ' '),
      );
      expect(row).toContain('https://dg.test/');
      expect(row).toContain('http://dg.test/');
      await history.close();
      const ids = await waitFor('the downgrade notification', async () => {
        const all = await browser.inExtension(async () => {
          const g = globalThis as {
            browser?: { notifications: { getAll(): Promise<Record<string, unknown>> } };
            chrome?: { notifications: { getAll(): Promise<Record<string, unknown>> } };
          };
          return Object.keys(await (g.browser ?? g.chrome)!.notifications.getAll());
        });
        return all.includes(`portwatch:${tabId}`) ? all : undefined;
      });
      // Danger only, by default: the insecure page (a warning) is not notified.
      expect(ids.filter((id) => id === `portwatch:${tabId}`)).toHaveLength(1);
    });

    it('a page that loops through a downgrade raises one notification, not one per load', async () => {
      const browser = tb!;
      const before = await notificationIds(browser);
      const tab = await browser.openTab('https://loop.test/');
      await waitFor(`${LOOPS} loads of the loop`, () =>
        tab.evaluate(() => document.title === 'Loop done').catch(() => false),
      );
      const tabId = await browser.tabIdFor(tab, 'http://loop.test/');
      // Every load raised the danger: the report still shows it.
      const popup = await browser.popupFor(tab, 'http://loop.test/');
      const shown = await readPopup(popup);
      expect(shown.findings.map((f) => f.id)).toContain('downgrade-redirect');
      await popup.close();
      const after = await notificationIds(browser);
      const added = after.filter((id) => !before.includes(id));
      expect(added).toEqual([`portwatch:${tabId}`]);
    });

    it('raises https-stripped for a host seen over HTTPS, later served over plain HTTP', async () => {
      const browser = tb!;
      await browser.openTab('https://remember.test/');
      await waitFor('the host to be remembered', async () => {
        const stats = await browser.ask<{ https: number }>({ type: 'memory-stats' });
        return stats.https >= 1 ? true : undefined;
      });
      const plain = await browser.openTab('http://remember.test/');
      const popup = await browser.popupFor(plain);
      await waitFor('https-stripped in the popup', async () => {
        const shown = await readPopup(popup);
        return shown.findings.some((f) => f.id === 'https-stripped' && f.severity === 'danger')
          ? shown
          : undefined;
      });
      expect(await browser.badgeFor(plain)).toBe('!');
    });

    it('raises no nonstandard-port for a host:8443 allowlisted on the options page', async () => {
      const browser = tb!;
      const options = await openExtensionPage(browser, 'options.html');
      await options.type('[data-field="allowlist-input"]', 'Port.test:8443');
      await options.click('[data-action="allowlist-add"]');
      await options.waitForSelector('li[data-pattern="port.test:8443"]');
      const tab = await browser.openTab('https://port.test:8443/');
      const popup = await browser.popupFor(tab);
      const shown = await waitFor('the report of port.test:8443', async () => {
        const s = await readPopup(popup);
        return s.findings.length > 0 ? s : undefined;
      });
      const counted = await popup.$$eval('[data-finding="nonstandard-port"]', (els) =>
        els.filter((el) => !el.classList.contains('allowlisted')),
      );
      expect(counted).toHaveLength(0);
      expect(shown.verdict).toBe('secure');
      expect(await browser.badgeFor(tab)).not.toBe('8443');
      await options.close();
    });

    it('refuses a malformed, oversized or wrong-typed settings file, changing nothing', async () => {
      const browser = tb!;
      const before = await browser.ask<Settings>({ type: 'get-settings' });
      const options = await openExtensionPage(browser, 'options.html');
      const cases: Array<[string, string, RegExp]> = [
        ['malformed.json', '{"format": "portwatch-settings", ', /not valid JSON/],
        [
          'oversized.json',
          JSON.stringify({ format: 'portwatch-settings', version: 1, pad: 'x'.repeat(70_000) }),
          /larger than 64 KB/,
        ],
        [
          'wrong-type.json',
          JSON.stringify({ format: 'portwatch-settings', version: 1, settings: { notify: 5 } }),
          /“notify” must be off \/ danger \/ warning/,
        ],
      ];
      for (const [file, text, message] of cases) {
        const path = join(files, file);
        writeFileSync(path, text);
        const input = (await options.$(
          'input[data-field="import-file"]',
        )) as ElementHandle<HTMLInputElement> | null;
        await input!.uploadFile(path);
        const status = await waitFor(`${file} to be refused`, async () => {
          const s = await options.$eval('[data-field="import-status"]', (el) => ({
            state: el.getAttribute('data-state'),
            text: el.textContent ?? '',
          }));
          return message.test(s.text) ? s : undefined;
        });
        expect(status.state).toBe('refused');
      }
      expect(await browser.ask<Settings>({ type: 'get-settings' })).toEqual(before);
      await options.close();
    });

    it('keeps settings and memories across a restart with the same profile', async () => {
      await tb!.close();
      tb = undefined;
      const browser = await launch();
      const after = await browser.ask<Settings>({ type: 'get-settings' });
      expect(after.settings.allowlist).toEqual(['port.test:8443']);
      const plain = await browser.openTab('http://remember.test/');
      const popup = await browser.popupFor(plain);
      await waitFor('https-stripped after the restart', async () => {
        const shown = await readPopup(popup);
        return shown.findings.some((f) => f.id === 'https-stripped') ? true : undefined;
      });
    });
  });
}
