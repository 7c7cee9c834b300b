import { describe, expect, it } from 'vitest';
import {
  controlPageOf,
  manifestOptions,
  manifestPopup,
  popupPage,
  type ManifestPages,
} from '../../bench/extension-pages';

// IPvFoo 2.33's manifests (github.com/pmarks-net/ipvfoo, src/manifest/): no popup named, an
// options page; its background sets `popup.html#TAB` per tab at run time.
// Parsed like the bench reads them (launch.ts readManifest), with the keys it does not use.
const IPVFOO_CHROME = JSON.parse(`{
  "background": { "service_worker": "background.js" },
  "action": { "default_icon": { "16": "icon16_transparent.png" } },
  "options_ui": { "page": "options.html" }
}`) as ManifestPages;
const IPVFOO_FIREFOX = JSON.parse(`{
  "background": { "scripts": ["iputil.js", "common.js", "background.js"] },
  "page_action": { "default_icon": { "16": "icon16_transparent.png" } },
  "options_ui": { "page": "options.html", "browser_style": false }
}`) as ManifestPages;
const CHROME_BASE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
const FIREFOX_BASE = 'moz-extension://0b7c6e1a-1111-4222-8333-944445555666/';

describe('the pages the bench uses in an extension', () => {
  it('takes the popup the manifest names, from whichever action key names it', () => {
    expect(manifestPopup({ action: { default_popup: 'popup.html' } })).toBe('popup.html');
    expect(manifestPopup({ browser_action: { default_popup: 'ui/p.html' } })).toBe('ui/p.html');
    expect(manifestPopup({ page_action: { default_popup: '/p.html' } })).toBe('p.html');
    expect(manifestPopup({ action: { default_popup: ' ' } })).toBeUndefined();
    expect(manifestPopup(IPVFOO_CHROME)).toBeUndefined();
    expect(manifestPopup(IPVFOO_FIREFOX)).toBeUndefined();
  });

  it('uses the popup as control page, else the options page, else none', () => {
    const both = { action: { default_popup: 'popup.html' }, options_ui: { page: 'options.html' } };
    expect(controlPageOf(both)).toBe('popup.html');
    expect(controlPageOf(IPVFOO_CHROME)).toBe('options.html');
    expect(controlPageOf(IPVFOO_FIREFOX)).toBe('options.html');
    expect(controlPageOf({ options_page: 'settings.html' })).toBe('settings.html');
    expect(manifestOptions({ options_ui: { page: 'a.html' }, options_page: 'b.html' })).toBe(
      'a.html',
    );
    expect(controlPageOf({})).toBeUndefined();
    expect(controlPageOf(JSON.parse('{"background":{"service_worker":"bg.js"}}'))).toBeUndefined();
  });

  it("opens the manifest's popup with ?tab=N, whatever was set at run time", () => {
    expect(popupPage({ action: { default_popup: 'popup.html' } }, CHROME_BASE, 7)).toEqual({
      url: `${CHROME_BASE}popup.html?tab=7`,
      source: 'manifest',
    });
    expect(
      popupPage(
        { action: { default_popup: 'popup.html' } },
        CHROME_BASE,
        7,
        `${CHROME_BASE}other.html`,
      ),
    ).toMatchObject({ url: `${CHROME_BASE}popup.html?tab=7`, source: 'manifest' });
  });

  it('opens the popup set at run time as the extension reports it, hash and all', () => {
    expect(popupPage(IPVFOO_CHROME, CHROME_BASE, 12, `${CHROME_BASE}popup.html#12`)).toEqual({
      url: `${CHROME_BASE}popup.html#12`,
      source: 'run time',
    });
    expect(popupPage(IPVFOO_FIREFOX, FIREFOX_BASE, 4, `${FIREFOX_BASE}popup.html#4`)).toEqual({
      url: `${FIREFOX_BASE}popup.html#4`,
      source: 'run time',
    });
    expect(popupPage(IPVFOO_CHROME, CHROME_BASE, 3, '/popup.html?x=1')).toEqual({
      url: `${CHROME_BASE}popup.html?x=1`,
      source: 'run time',
    });
  });

  it('has no popup when neither the manifest nor the running extension names one', () => {
    expect(popupPage(IPVFOO_CHROME, CHROME_BASE, 12)).toBeUndefined();
    expect(popupPage(IPVFOO_CHROME, CHROME_BASE, 12, '')).toBeUndefined();
    expect(popupPage({}, FIREFOX_BASE, 4, '  ')).toBeUndefined();
    // Not a page of this extension: nothing the bench should open as its popup.
    expect(popupPage({}, CHROME_BASE, 1, 'https://example.com/popup.html')).toBeUndefined();
  });
});
