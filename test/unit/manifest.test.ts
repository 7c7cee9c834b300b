import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestFor } from '../../scripts/manifest-for';

const source = JSON.parse(readFileSync('manifest.json', 'utf8')) as Record<string, unknown>;

describe('manifestFor', () => {
  it('gives Chrome a service worker, no gecko keys, no webRequestBlocking', () => {
    const withBlocking = {
      ...source,
      permissions: [...(source.permissions as string[]), 'webRequestBlocking'],
    };
    const m = manifestFor(withBlocking, 'chrome', '1.2.3');
    expect(m.background).toEqual({ service_worker: 'background.js' });
    expect(m.browser_specific_settings).toBeUndefined();
    expect(m.permissions).not.toContain('webRequestBlocking');
    expect(m.version).toBe('1.2.3');
    expect(m.manifest_version).toBe(3);
  });

  it('gives Firefox an event page, its gecko id and data collection declaration', () => {
    const m = manifestFor(source, 'firefox');
    expect(m.background).toEqual({ scripts: ['background.js'] });
    expect(m.action).toMatchObject({ default_popup: 'popup.html', default_area: 'navbar' });
    expect(manifestFor(source, 'chrome').action).not.toHaveProperty('default_area');
    expect(m.browser_specific_settings).toMatchObject({
      gecko: { id: 'portwatch@portwatch.dev', data_collection_permissions: { required: ['none'] } },
    });
  });

  it('offers Chrome the debugger as an optional permission only, and Firefox not at all', () => {
    const chrome = manifestFor(source, 'chrome');
    expect(chrome.optional_permissions).toEqual(['debugger']);
    expect(chrome.permissions).not.toContain('debugger');
    const firefox = manifestFor(source, 'firefox');
    expect(firefox).not.toHaveProperty('optional_permissions');
    const more = manifestFor({ ...source, optional_permissions: ['debugger', 'tabs'] }, 'firefox');
    expect(more.optional_permissions).toEqual(['tabs']);
  });

  it('has a description the Chrome Web Store accepts (132 characters at most) in every language', () => {
    for (const lang of readdirSync('src/_locales')) {
      const messages = JSON.parse(
        readFileSync(`src/_locales/${lang}/messages.json`, 'utf8'),
      ) as Record<string, { message: string }>;
      expect(messages.extDescription!.message.length, lang).toBeLessThanOrEqual(132);
    }
  });

  it('declares the floors docs/browser-versions.md documents, each in its own build only', () => {
    const doc = readFileSync('docs/browser-versions.md', 'utf8');
    const chromeFloor = /`minimum_chrome_version`: \*\*(\d+)\*\*/.exec(doc)?.[1];
    const firefoxFloor =
      /`browser_specific_settings\.gecko\.strict_min_version`: \*\*([\d.]+)\*\*/.exec(doc)?.[1];
    expect(chromeFloor).toBeDefined();
    expect(firefoxFloor).toBeDefined();
    const chrome = manifestFor(source, 'chrome');
    expect(chrome.minimum_chrome_version).toBe(chromeFloor);
    const firefox = manifestFor(source, 'firefox');
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(firefox.browser_specific_settings).toMatchObject({
      gecko: { strict_min_version: firefoxFloor },
    });
  });

  it('does not change the source', () => {
    const before = JSON.stringify(source);
    manifestFor(source, 'chrome');
    expect(JSON.stringify(source)).toBe(before);
  });
});
