// Smoke test of the built extension in real browsers: an https page on 443 that redirects to a
// plain http page on port 80 must turn the badge to "!" and the popup's verdict to "danger".
// Needs `npm run build` first (dist/chrome and dist/firefox); PORTWATCH_DIST points elsewhere.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa, ensureLeaf } from '../lab/ca';
import { page, redirect, startServers } from '../lab/servers';
import type { LabServers } from '../lab/servers';
import { builtExtension, LAUNCHERS } from './browsers';
import type { TestBrowser } from './browsers';
import { waitFor } from './wait';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(repoRoot, 'artifacts');
/** "аpple.test", its first letter Cyrillic: a look-alike of apple.test. */
const LOOKALIKE = 'xn--pple-43d.test';
const HOSTS = ['secure.test', 'plain.test', LOOKALIKE];
const START_URL = 'https://secure.test/to-plain';
const LANDING_URL = 'http://plain.test/landing';

let lab: LabServers | undefined;

beforeAll(async () => {
  const leaf = ensureLeaf([...HOSTS, '127.0.0.1']);
  lab = await startServers([
    {
      protocol: 'https',
      port: 443,
      tls: { cert: leaf.certPem, key: leaf.keyPem },
      hosts: {
        'secure.test': { '/': page('Secure'), '/to-plain': redirect(LANDING_URL) },
        [LOOKALIKE]: { '/': page('A look-alike') },
      },
    },
    { protocol: 'http', port: 80, hosts: { 'plain.test': { '/landing': page('Plain landing') } } },
  ]);
});

afterAll(async () => {
  await lab?.close();
});

for (const name of ['chromium', 'firefox'] as const) {
  describe(`${name}: https → http redirect`, () => {
    let tb: TestBrowser | undefined;
    let started = 0;

    beforeAll(async () => {
      started = Date.now();
      const extensionDir = builtExtension(name);
      tb = await LAUNCHERS[name]({ extensionDir, caPem: ensureCa().certPem, hosts: HOSTS });
    });

    afterAll(async () => {
      await tb?.close();
      console.info(`[e2e] ${name}: launch + test + close took ${Date.now() - started} ms`);
    });

    it('shows "!" on the badge and a danger verdict with a downgrade-redirect finding', async () => {
      if (!tb) throw new Error(`${name} did not start`);
      const browser = tb;
      const tab = await browser.openTab(START_URL);
      expect(tab.url()).toBe(LANDING_URL);

      await waitFor(`the badge of ${LANDING_URL} to become "!"`, async () => {
        const badge = await browser.badgeFor(tab);
        if (badge !== '!') throw new Error(`the badge is ${JSON.stringify(badge)}`);
        return true;
      });

      const popup = await browser.popupFor(tab);
      const verdict = await popup.$eval('[data-verdict]', (el) => el.getAttribute('data-verdict'));
      expect(verdict).toBe('danger');
      expect(await popup.$('[data-finding="downgrade-redirect"]')).not.toBeNull();

      // A picture of what a person sees, kept as a test artifact (git-ignored).
      mkdirSync(ARTIFACTS, { recursive: true });
      await popup.setViewport({ width: 420, height: 900 });
      await popup.screenshot({
        path: join(ARTIFACTS, `popup-downgrade-${name}.png`),
        fullPage: true,
      });
    });

    it('shows a look-alike host with its punycode beside it in the verdict', async () => {
      const browser = tb!;
      const tab = await browser.openTab(`https://${LOOKALIKE}/`);
      const popup = await browser.popupFor(tab);
      const host = await popup.$eval('[data-field="verdict-host"]', (el) => el.textContent);
      expect(host).toBe(`аpple.test (${LOOKALIKE})`);
    });
  });
}
