// Settings an organisation sets by policy, in the built extension in real Chromium and Firefox:
// the options page shows them locked, they take effect on the pages visited, the person cannot
// change them, and when the policy goes the person's own settings are back. Each browser gets
// the policy an administrator would write, for itself alone (policy.ts): Chromium a policy file
// in its (private) /etc/chromium, Firefox a policies.json. axe-core finds no accessibility
// violation on the options page with settings locked.
import { randomUUID } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa, ensureLeaf } from '../lab/ca';
import { page, startServers, type LabServers } from '../lab/servers';
import { axeViolations } from './axe';
import { builtExtension, LAUNCHERS, openExtensionPage, type TestBrowser } from './browsers';
import type { PolicyValues } from './policy';
import { readPopup } from './popup-read';
import { makeSandbox, type Sandbox } from './sandbox';
import { waitFor } from './wait';

const HOSTS = ['port.test'];

const POLICY: PolicyValues = {
  allowlist: ['port.test:8443'],
  notify: 'warning',
  rememberHttps: false,
  historyDays: 7,
  // Not a setting: Chromium's schema drops it before the extension sees it; Firefox checks
  // nothing, and the options page names it as not applied.
  colour: 'red',
};

let lab: LabServers | undefined;

beforeAll(async () => {
  const leaf = ensureLeaf(HOSTS);
  lab = await startServers([
    {
      protocol: 'https',
      port: 8443,
      tls: { cert: leaf.certPem, key: leaf.keyPem },
      hosts: { 'port.test': { '/': page('Port 8443') } },
    },
  ]);
});

afterAll(async () => {
  await lab?.close();
});

interface SettingsReply {
  settings: { allowlist: string[]; notify: string; rememberDays: number; historyDays: number };
  managed: { locked: string[]; ignored: string[] };
}

/** What the options page shows of each setting a policy can lock. */
async function readOptions(options: Page) {
  return options.evaluate(() => {
    const input = (selector: string) => document.querySelector<HTMLInputElement>(selector);
    const fieldset = document.querySelector('[data-section="notifications"] fieldset');
    return {
      banner: document.querySelector('[data-field="managed-banner"]')?.textContent ?? null,
      ignored: document.querySelector('[data-field="managed-ignored"]')?.textContent ?? null,
      managed: [...document.querySelectorAll('[data-managed]')].map((el) =>
        el.getAttribute('data-managed'),
      ),
      notify: input('input[name="notify"]:checked')?.value ?? null,
      notifyDisabled: fieldset?.hasAttribute('disabled') ?? null,
      allowlist: [...document.querySelectorAll('li[data-pattern]')].map((li) => ({
        pattern: li.getAttribute('data-pattern'),
        removable: li.querySelector('button') !== null,
      })),
      canAddToAllowlist: input('[data-field="allowlist-input"]') !== null,
      rememberHttps: input('[data-field="remember-https"]')?.checked ?? null,
      rememberHttpsDisabled: input('[data-field="remember-https"]')?.disabled ?? null,
      historyDays: input('[data-field="historyDays"]')?.value ?? null,
      historyDaysDisabled: input('[data-field="historyDays"]')?.disabled ?? null,
      rememberDays: input('[data-field="rememberDays"]')?.value ?? null,
      rememberDaysDisabled: input('[data-field="rememberDays"]')?.disabled ?? null,
    };
  });
}

/** The nonstandard-port finding of port.test:8443 in a popup, and what the popup offers for it. */
async function portFinding(popup: Page) {
  await waitFor('the report of port.test:8443', async () =>
    (await readPopup(popup)).findings.length > 0 ? true : undefined,
  );
  return popup.evaluate(() => {
    const finding = document.querySelector('[data-finding="nonstandard-port"]');
    return {
      allowlisted: finding?.classList.contains('allowlisted') ?? null,
      offered: document.querySelector('[data-action="allowlist"]') !== null,
    };
  });
}

for (const name of ['chromium', 'firefox'] as const) {
  describe(`${name}: settings an organisation sets by policy`, () => {
    let sandbox: Sandbox;
    let tb: TestBrowser | undefined;
    const uuid = randomUUID();
    const launch = async (policy: PolicyValues | null) => {
      tb = await LAUNCHERS[name]({
        extensionDir: builtExtension(name),
        caPem: ensureCa().certPem,
        hosts: HOSTS,
        sandbox,
        firefoxUuid: uuid,
        policy,
      });
      return tb;
    };

    beforeAll(async () => {
      sandbox = makeSandbox(`${name}-managed`);
      await launch(POLICY);
    });

    afterAll(async () => {
      await tb?.close();
      sandbox.remove();
    });

    it('shows the policy on the options page: each setting it sets locked, the rest open', async () => {
      const options = await openExtensionPage(tb!, 'options.html');
      const shown = await readOptions(options);
      expect(shown.banner).toMatch(/Your organisation manages some of these settings/);
      // Chromium checked the policy against the schema and dropped the stray name itself.
      expect(shown.ignored).toBe(
        name === 'firefox'
          ? "Your organisation's policy also names settings Portwatch could not apply: colour."
          : null,
      );
      expect(shown.managed).toEqual(['notify', 'allowlist', 'remember-https', 'historyDays']);
      expect(shown).toMatchObject({
        notify: 'warning',
        notifyDisabled: true,
        allowlist: [{ pattern: 'port.test:8443', removable: false }],
        canAddToAllowlist: false,
        rememberHttps: false,
        rememberHttpsDisabled: true,
        historyDays: '7',
        historyDaysDisabled: true,
        rememberDays: '365',
        rememberDaysDisabled: false,
      });
      // The notes and the banner meet the page's own bar (light, and dark where the browser can
      // be asked for it without a restart).
      expect(await axeViolations(options)).toEqual([]);
      if (name === 'chromium') {
        await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
        expect(await axeViolations(options)).toEqual([]);
      }
      await options.close();
    });

    it('takes effect: the allowlisted port raises no warning, and the popup offers no change', async () => {
      const tab = await tb!.openTab('https://port.test:8443/');
      const popup = await tb!.popupFor(tab);
      expect(await portFinding(popup)).toEqual({ allowlisted: true, offered: false });
      expect((await readPopup(popup)).verdict).toBe('secure');
      expect(await tb!.badgeFor(tab)).not.toBe('8443');
      await popup.close();
      await tab.close();
    });

    it("keeps the person's changes to what it leaves open, and refuses the rest", async () => {
      // What a page (or a hand-made message) sends: the locked values come back as the policy's.
      const reply = await tb!.ask<SettingsReply>({
        type: 'set-settings',
        settings: { notify: 'off', allowlist: [], historyDays: 30, rememberDays: 90 },
      });
      expect(reply.settings).toMatchObject({
        notify: 'warning',
        allowlist: ['port.test:8443'],
        historyDays: 7,
        rememberDays: 90,
      });
      const added = await tb!.ask<{ error?: { key: string } }>({
        type: 'allowlist-add',
        input: 'other.test:8443',
      });
      expect(added.error?.key).toBe('managed_locked');
    });

    it("gives the person's own settings back when the policy goes", async () => {
      let options: Page;
      if (name === 'chromium') {
        // An administrator's change reaches the running browser: its policy watcher reads it and
        // storage.managed.onChanged tells the extension, and the open options page follows.
        options = await openExtensionPage(tb!, 'options.html');
        tb!.setPolicy({ notify: 'off' });
        const changed = await waitFor(
          'the options page to follow the changed policy',
          async () => {
            const shown = await readOptions(options);
            return shown.managed.join() === 'notify' && shown.notify === 'off' ? shown : undefined;
          },
          { timeoutMs: 30_000 },
        );
        expect(changed).toMatchObject({ canAddToAllowlist: true, allowlist: [] });
        tb!.setPolicy(null);
      } else {
        // Firefox reads its policies when it starts: the policy file removed, the same profile
        // started again.
        await tb!.close();
        await launch(null);
        options = await openExtensionPage(tb!, 'options.html');
      }
      const shown = await waitFor(
        'the options page without a policy',
        async () => {
          const s = await readOptions(options);
          return s.banner === null ? s : undefined;
        },
        { timeoutMs: 30_000 },
      );
      // The person's own: the default notification level and lists, never the policy's values,
      // and the 90 days they set while the policy was in force.
      expect(shown).toMatchObject({
        managed: [],
        notify: 'danger',
        notifyDisabled: false,
        allowlist: [],
        canAddToAllowlist: true,
        rememberHttps: true,
        historyDays: '30',
        rememberDays: '90',
      });
      const tab = await tb!.openTab('https://port.test:8443/');
      const popup = await tb!.popupFor(tab);
      expect(await portFinding(popup)).toEqual({ allowlisted: false, offered: true });
      await options.close();
    });
  });
}
