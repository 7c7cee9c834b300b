// What `npm run build` ships: a clean manifest per browser, every file the manifest names, and
// nothing a store would refuse (eval, inline script, remote code).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = process.env.PORTWATCH_DIST ?? 'dist';

type Manifest = Record<string, unknown> & {
  background: Record<string, unknown>;
  permissions: string[];
  icons: Record<string, string>;
  action: { default_popup: string; default_icon: Record<string, string> };
  content_scripts: Array<{ js: string[] }>;
};

function manifestOf(target: string): Manifest {
  const file = join(DIST, target, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

function filesNamedBy(m: Manifest): string[] {
  const background = m.background;
  return [
    ...Object.values(m.icons),
    ...Object.values(m.action.default_icon),
    m.action.default_popup,
    ...m.content_scripts.flatMap((c) => c.js),
    ...((background.scripts as string[] | undefined) ?? []),
    ...(background.service_worker ? [background.service_worker as string] : []),
  ];
}

describe.each(['chrome', 'firefox'])('dist/%s', (target) => {
  it('names only files that exist, icons for every state included', () => {
    const m = manifestOf(target);
    for (const file of filesNamedBy(m))
      expect(existsSync(join(DIST, target, file)), file).toBe(true);
    for (const state of ['secure', 'notice', 'warning', 'danger', 'neutral']) {
      for (const size of [16, 32, 48, 128]) {
        expect(existsSync(join(DIST, target, `icons/${state}-${size}.png`))).toBe(true);
      }
    }
  });

  it('has no eval, no inline script or style, and no remote code', () => {
    const dir = join(DIST, target);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      const js = readFileSync(join(dir, file), 'utf8');
      expect(js, file).not.toMatch(/\beval\(|new Function\(/);
      expect(js, file).not.toMatch(/\bimportScripts\(|https?:\/\/[^"'\s]*\.js\b/);
    }
    const html = readFileSync(join(dir, 'popup.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });
});

describe('per-browser manifests', () => {
  it('Chrome: a service worker, no webRequestBlocking, no gecko keys', () => {
    const m = manifestOf('chrome');
    expect(m.manifest_version).toBe(3);
    expect(m.background).toEqual({ service_worker: 'background.js' });
    expect(m.permissions).not.toContain('webRequestBlocking');
    expect(m.browser_specific_settings).toBeUndefined();
  });

  it('Firefox: an event page, the gecko id and the data collection declaration', () => {
    const m = manifestOf('firefox');
    expect(m.manifest_version).toBe(3);
    expect(m.background).toEqual({ scripts: ['background.js'] });
    expect(m.browser_specific_settings).toMatchObject({
      gecko: { id: 'portwatch@portwatch.dev', data_collection_permissions: { required: ['none'] } },
    });
  });
});
