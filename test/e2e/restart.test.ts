// The MV3 background may be stopped at any moment (Chromium stops an idle service worker, Firefox
// suspends an idle event page). Nothing it recorded may be lost, and the events that wake it must
// be recorded. Each browser: a finding, a stop, the popup (which wakes a new background) must show
// the same report; another stop, then a downgrade whose own events wake the background.
// Needs `npm run build` first (dist/chrome and dist/firefox); PORTWATCH_DIST points elsewhere.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa, ensureLeaf } from '../lab/ca';
import { page, redirect, startServers } from '../lab/servers';
import type { LabServers } from '../lab/servers';
import { backgroundOf } from './background';
import type { BackgroundControl } from './background';
import { builtExtension, LAUNCHERS } from './browsers';
import type { TestBrowser } from './browsers';
import { waitFor, withTimeout } from './wait';

const HOSTS = ['secure.test', 'plain.test'];
// Not 80/443, which the smoke test and the lab use; four digits, so the badge shows the port.
const HTTPS_PORT = 9443;
const HTTP_PORT = 9080;
const SECURE_URL = `https://secure.test:${HTTPS_PORT}/`;
const DOWNGRADE_URL = `https://secure.test:${HTTPS_PORT}/to-plain`;
const LANDING_URL = `http://plain.test:${HTTP_PORT}/landing`;
// Firefox suspends the event page this long after its last event (the default is 30 s).
const IDLE_TIMEOUT_MS = 1000;

let lab: LabServers | undefined;

beforeAll(async () => {
  const leaf = ensureLeaf(HOSTS);
  lab = await startServers([
    {
      protocol: 'https',
      port: HTTPS_PORT,
      tls: { cert: leaf.certPem, key: leaf.keyPem },
      hosts: {
        'secure.test': { '/': page(`Secure on ${HTTPS_PORT}`), '/to-plain': redirect(LANDING_URL) },
      },
    },
    {
      protocol: 'http',
      port: HTTP_PORT,
      hosts: { 'plain.test': { '/landing': page('Plain landing') } },
    },
  ]);
});

afterAll(async () => {
  await lab?.close();
});

interface Shown {
  verdict: string | null;
  findings: string[];
  /** Everything the report says, to compare before and after a stop. */
  text: string;
}

/** Opens the popup for `tab`, reads what it shows, and closes it again (it wakes the background). */
async function showPopup(tb: TestBrowser, tab: Page): Promise<Shown> {
  const popup = await tb.popupFor(tab);
  try {
    // Only the popup's stable hooks (data-verdict, data-finding) and its text.
    return await popup.evaluate(() => ({
      verdict: document.querySelector('[data-verdict]')?.getAttribute('data-verdict') ?? null,
      findings: [...document.querySelectorAll('[data-finding]')].map(
        (el) => el.getAttribute('data-finding') ?? '',
      ),
      text: document.body.innerText,
    }));
  } finally {
    await popup.close();
  }
}

async function waitForBadge(tb: TestBrowser, tab: Page, text: string): Promise<void> {
  await waitFor(`the badge of ${tab.url()} to become ${JSON.stringify(text)}`, async () => {
    const badge = await tb.badgeFor(tab);
    if (badge !== text) throw new Error(`the badge is ${JSON.stringify(badge)}`);
    return true;
  });
}

for (const name of ['chromium', 'firefox'] as const) {
  describe(`${name}: the background stopped between events`, () => {
    let tb: TestBrowser | undefined;
    let background: BackgroundControl | undefined;
    let tab: Page | undefined;
    let started = 0;

    beforeAll(async () => {
      started = Date.now();
      const extensionDir = builtExtension(name);
      tb = await LAUNCHERS[name]({
        extensionDir,
        caPem: ensureCa().certPem,
        hosts: HOSTS,
        // The popup's port would wake the background as soon as it stops: use a page with none.
        controlPage: 'icons/neutral-16.png',
        firefoxPrefs: { 'extensions.background.idle.timeout': IDLE_TIMEOUT_MS },
      });
      background = backgroundOf(tb);
    });

    afterAll(async () => {
      await tb?.close();
      console.info(`[e2e] ${name}: restart test, launch to close ${Date.now() - started} ms`);
    });

    it('shows what it found before a stop once a new background serves the popup', async () => {
      if (!tb || !background) throw new Error(`${name} did not start`);
      const browser = tb;
      tab = await browser.openTab(SECURE_URL);
      await waitForBadge(browser, tab, String(HTTPS_PORT));
      const before = await showPopup(browser, tab);
      expect(before.verdict).toBe('notice');
      expect(before.findings).toContain('nonstandard-port');

      await background.stop();
      expect(await background.running()).toBe(false);
      // The popup's port is what starts the new background here.
      const [after] = await Promise.all([
        showPopup(browser, tab),
        background.waitForStart('woken by the popup'),
      ]);
      expect(after).toEqual(before);
      await waitForBadge(browser, tab, String(HTTPS_PORT));
    });

    it('records an https → http redirect whose own events wake the stopped background', async () => {
      if (!tb || !background || !tab) throw new Error('the previous step did not run');
      const browser = tb;
      const page = tab;
      await background.stop();
      expect(await background.running()).toBe(false);
      // Nothing else runs: the navigation's own events (webRequest, webNavigation) wake it. Firefox
      // then delivers the events it held in an order of its own: webNavigation.onCommitted may come
      // before the onBeforeRequest / onBeforeRedirect / onResponseStarted that preceded it.
      await Promise.all([
        withTimeout(`navigating to ${DOWNGRADE_URL}`, page.goto(DOWNGRADE_URL), 30_000),
        background.waitForStart('woken by the navigation'),
      ]);
      expect(page.url()).toBe(LANDING_URL);
      await waitForBadge(browser, page, '!');
      const shown = await showPopup(browser, page);
      expect(shown.findings).toContain('downgrade-redirect');
      expect(shown.verdict).toBe('danger');
    });
  });
}
