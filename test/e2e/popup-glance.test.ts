// The popup as a person gives it one glance, in Chromium and Firefox with the built extension on
// the lab: at the toolbar popup's size (400 × 600), the verdict, the connection line and every
// danger and warning finding's title are on the first screen, and each finding says what to do;
// the other origins each show the address they answered from; the page's HTTP version is shown
// (h2 on the lab's HTTP/2 host); and axe-core finds no accessibility violation in the popup,
// light and dark, on a secure page, a downgraded page, a certificate-error page and a page with
// 100 other origins, with its sections closed and open.
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab/lab';
import {
  BROWSERS,
  endUrlFor,
  expectationFor,
  type BrowserName,
  type Expectation,
  type Scenario,
} from '../lab/scenario-types';
import { scenario } from '../lab/scenarios';
import { MANY_ORIGINS } from '../lab/scenarios/content';
import {
  builtExtension,
  FIREFOX_DARK_PREFS,
  LAUNCHERS,
  openExtensionPage,
  type TestBrowser,
} from './browsers';
import { axeViolations } from './axe';
import { waitUntilShown } from './popup-read';
import { waitFor } from './wait';

const POPUP = { width: 400, height: 600 };

/** The pages axe checks: secure, downgraded, certificate error, 100 other origins. */
const AXE_PAGES = ['secure-443', 'redirect-302', 'tls-untrusted-certificate', 'many-origins'];

let lab: Lab | undefined;

beforeAll(async () => {
  lab = await startLab();
});

afterAll(async () => {
  await lab?.close();
});

/** `e` without the English words it expects (finding details, port and error texts). */
function wordless(e: Expectation): Expectation {
  const findings = Object.fromEntries(
    Object.entries(e.findings).map(([id, f]) => [id, f && { ...f, detail: undefined }]),
  );
  const fields = { ...e.fields };
  delete fields.portKind;
  delete fields.error;
  return { ...e, findings, fields };
}

/** Reaches `s` as typing its URL would, and opens its popup laid out as the toolbar's. */
async function popupOf(
  tb: TestBrowser,
  s: Scenario,
  opened: Page[],
  english = true,
): Promise<Page> {
  const page = await tb.openTab(s.startUrl, { allowFailure: true });
  opened.push(page);
  const expected = english ? expectationFor(s, tb.name) : wordless(expectationFor(s, tb.name));
  const popup = await tb.popupFor(page, endUrlFor(s, tb.name), 'popup');
  opened.push(popup);
  await popup.setViewport(POPUP);
  await waitUntilShown(popup, expected, `the popup of ${s.id} to match`);
  return popup;
}

interface Box {
  what: string;
  top: number;
  bottom: number;
}

/** Where the first screen's parts are, in page coordinates, and how far the page is scrolled. */
async function firstScreen(popup: Page) {
  return popup.evaluate(() => {
    const box = (what: string, el: Element | null): Box => {
      const r = el?.getBoundingClientRect();
      return { what, top: r ? r.top + scrollY : -1, bottom: r ? r.bottom + scrollY : Infinity };
    };
    const alarms = [...document.querySelectorAll('[data-finding]')].filter((el) =>
      ['danger', 'warning'].includes(el.getAttribute('data-severity') ?? ''),
    );
    return {
      scrolled: scrollY,
      width: document.documentElement.clientWidth,
      boxes: [
        box('verdict', document.querySelector('[data-verdict]')),
        box('connection line', document.querySelector('[data-field="summary"]')),
        box('certificate line', document.querySelector('[data-field="cert-summary"]')),
        ...alarms.map((el) =>
          box(`title of ${el.getAttribute('data-finding')}`, el.querySelector('summary h3')),
        ),
      ],
      todos: [...document.querySelectorAll('[data-finding]')].map((el) => ({
        id: el.getAttribute('data-finding'),
        todo: (el.querySelector('.finding-todo')?.textContent ?? '').trim(),
        why: (el.querySelector('.finding-why')?.textContent ?? '').trim(),
      })),
      alarms: alarms.length,
    };
  });
}

function describeBrowser(browser: BrowserName, scheme: 'light' | 'dark', locale = 'en'): void {
  describe(`${browser}, ${scheme}, ${locale}: the popup at a glance`, () => {
    let tb: TestBrowser | undefined;
    const opened: Page[] = [];

    beforeAll(async () => {
      if (!lab) throw new Error('the lab did not start');
      tb = await LAUNCHERS[browser]({
        extensionDir: builtExtension(browser),
        caPem: lab.caPems,
        hosts: lab.hosts,
        ...(locale !== 'en' ? { locale } : {}),
        // Firefox takes the colour scheme from prefs at launch (no emulation over BiDi); both
        // set, so extension pages follow it as content does. Chromium emulates it per page.
        ...(browser === 'firefox' && scheme === 'dark'
          ? {
              firefoxPrefs: FIREFOX_DARK_PREFS,
            }
          : {}),
      });
    });

    // Each test's tabs go when it ends: a tab is found by its URL, which must be unique.
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((p) => p.close().catch(() => undefined)));
    });

    afterAll(async () => {
      await tb?.close();
    });

    /** The popup of scenario `id`, in this describe's colour scheme (checked, not assumed). */
    async function open(id: string): Promise<Page> {
      if (!tb) throw new Error(`${browser} did not start`);
      const popup = await popupOf(tb, scenario(id), opened, locale === 'en');
      if (browser === 'chromium') {
        await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      }
      const shown = await popup.evaluate(() => ({
        dark: matchMedia('(prefers-color-scheme: dark)').matches,
        lang: document.documentElement.lang,
      }));
      expect(shown.dark, `the popup is ${scheme}`).toBe(scheme === 'dark');
      expect(shown.lang.slice(0, 2), 'the language the popup is in').toBe(locale);
      return popup;
    }

    if (locale !== 'en') {
      // German words run longer: the first screen must still hold the same.
      it('a downgraded page: the same first screen in this language', async () => {
        const popup = await open('redirect-302');
        const shown = await firstScreen(popup);
        expect(shown.alarms).toBeGreaterThanOrEqual(2);
        const below = shown.boxes.filter((b) => b.top < 0 || b.bottom > POPUP.height);
        expect(below, 'parts outside the first screen').toEqual([]);
        for (const f of shown.todos) expect(f.todo, `what to do for ${f.id}`).toMatch(/^Was tun:/);
      });
      return;
    }

    if (scheme === 'light') {
      it('a downgraded page: verdict, connection line and every alarm within the first 600 px, each finding saying what to do', async () => {
        const popup = await open('redirect-302');
        const shown = await firstScreen(popup);
        expect(shown.width).toBeLessThanOrEqual(POPUP.width);
        expect(shown.scrolled).toBe(0);
        expect(shown.alarms).toBeGreaterThanOrEqual(2);
        const below = shown.boxes.filter((b) => b.top < 0 || b.bottom > POPUP.height);
        expect(below, 'parts outside the first screen').toEqual([]);
        for (const f of shown.todos) {
          expect(f.todo.length, `what to do for ${f.id}`).toBeGreaterThan('What to do'.length + 20);
          expect(f.todo).not.toMatch(/todo_|\$\d/);
        }
      });

      it('each other origin shows the address it answered from, and that it was encrypted', async () => {
        const popup = await open('many-origins');
        await waitFor('every origin to have its address', async () => {
          const ips = await popup.$$eval('[data-origin]', (els) =>
            els.map((el) => el.getAttribute('data-ip')),
          );
          if (ips.length !== MANY_ORIGINS.length || ips.some((ip) => ip !== '127.0.0.1'))
            throw new Error(`${ips.length} origins, addresses ${[...new Set(ips)].join(', ')}`);
          return true;
        });
        const first = await popup.$eval('[data-origin]', (el) => (el.textContent ?? '').trim());
        expect(first).toContain('127.0.0.1');
        expect(first).toContain('IPv4');
        expect(first).toContain('encrypted');
        expect(first).not.toContain('not encrypted');
      });

      it('the HTTP version: HTTP/2 on the HTTP/2 host, HTTP/1.1 on the others', async () => {
        if (!tb) throw new Error(`${browser} did not start`);
        for (const [host, token, words] of [
          ['h2.test', 'h2', 'HTTP/2'],
          ['tls12.test', 'http/1.1', 'HTTP/1.1'],
        ] as const) {
          const page = await tb.openTab(`https://${host}/`);
          opened.push(page);
          const popup = await tb.popupFor(page, undefined, 'popup');
          opened.push(popup);
          const part = await waitFor(`the HTTP version of ${host}`, () =>
            popup.evaluate(() => {
              const el = document.querySelector('[data-field="summary"] [data-part="http"]');
              return el ? { token: el.getAttribute('data-token'), text: el.textContent } : null;
            }),
          );
          expect(part).toEqual({ token, text: words });
        }
      });
    }

    for (const id of AXE_PAGES) {
      it(`axe-core: no violations on ${id}`, async () => {
        const popup = await open(id);
        expect(await axeViolations(popup)).toEqual([]);
      });
    }

    if (scheme === 'light') {
      it('options and history: what cannot be undone asks first, and focus never falls to the body', async () => {
        if (!tb) throw new Error(`${browser} did not start`);
        // Where focus is once the page has rendered the change: `expected`, or where it is
        // after 5 s ('body' when it fell there).
        const focused = async (page: Page, expected: string): Promise<string> => {
          const where = () =>
            page.evaluate(() => {
              const el = document.activeElement;
              if (el === document.body || !el) return 'body';
              return el.getAttribute('data-action') ?? el.getAttribute('data-field') ?? el.tagName;
            });
          return waitFor(
            `focus on ${expected}`,
            async () => ((await where()) === expected ? expected : undefined),
            { timeoutMs: 5000 },
          ).catch(() => where());
        };
        const options = await openExtensionPage(tb, 'options.html');
        opened.push(options);
        await options.click('[data-action="forget-https"]');
        expect(await focused(options, 'forget-https-confirm')).toBe('forget-https-confirm');
        await options.click('[data-action="forget-https-cancel"]');
        expect(await focused(options, 'forget-https')).toBe('forget-https');
        // Removing an allowlist entry: focus goes to the input, not the body.
        await options.type('[data-field="allowlist-input"]', 'focus.test:8443');
        await options.click('[data-action="allowlist-add"]');
        await options.waitForSelector('[data-pattern="focus.test:8443"] button');
        await options.click('[data-pattern="focus.test:8443"] button');
        await waitFor('the entry to go', async () =>
          (await options.$('[data-pattern="focus.test:8443"]')) === null ? true : undefined,
        );
        expect(await focused(options, 'allowlist-input')).toBe('allowlist-input');

        await open('redirect-302');
        const history = await openExtensionPage(tb, 'history.html');
        opened.push(history);
        await waitFor('the history to list findings', () =>
          history.evaluate(() => document.querySelectorAll('tr[data-finding]').length > 0),
        );
        await history.click('[data-action="clear-history"]');
        // Asked, not done yet.
        expect(await history.$$eval('tr[data-finding]', (rows) => rows.length)).toBeGreaterThan(0);
        await history.click('[data-action="clear-history-confirm"]');
        await waitFor('the history to be empty', () =>
          history.evaluate(() => document.querySelectorAll('tr[data-finding]').length === 0),
        );
        expect(await focused(history, 'clear-history')).toBe('clear-history');
      });
    }

    // The history page after a downgrade of its own, so that it has findings to list.
    for (const path of ['options.html', 'history.html']) {
      it(`axe-core: no violations on ${path}`, async () => {
        if (!tb) throw new Error(`${browser} did not start`);
        if (path === 'history.html') await open('redirect-302');
        const page = await openExtensionPage(tb, path);
        opened.push(page);
        if (browser === 'chromium') {
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        }
        const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
        expect(dark, `the page is ${scheme}`).toBe(scheme === 'dark');
        if (path === 'history.html') {
          await waitFor('the history to list findings', () =>
            page.evaluate(() => document.querySelectorAll('tr[data-finding]').length > 0),
          );
        }
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  });
}

for (const browser of BROWSERS) {
  describeBrowser(browser, 'light');
  describeBrowser(browser, 'dark');
  describeBrowser(browser, 'light', 'de');
}
