// What the browser items measure: Portwatch as built (dist/chrome, dist/firefox), or any other
// unpacked extension (`npm run bench -- --vs DIR`), so that Portwatch's figures can be set beside
// another extension's, measured the same way. DIR holds a manifest.json (one folder for both
// browsers) or `chrome/` and `firefox/` folders each with one (a build like Portwatch's dist/).
//
// For Firefox the other extension is measured from a temporary copy: the harness needs to know
// its moz-extension:// address before it starts (a gecko id, added when the manifest has none)
// and a page of its own to call the extension's APIs from (CONTROL_PAGE, added to the copy).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { readManifest, type Manifest } from './launch';
import type { BrowserName, Subject } from './types';

/** The page added to another extension's Firefox copy. */
export const CONTROL_PAGE = '__portwatch-bench.html';
export const VS_GECKO_ID = 'vs@portwatch.bench';

export function portwatchSubject(root: string): Subject {
  return {
    name: 'Portwatch',
    dirs: { chromium: join(root, 'dist', 'chrome'), firefox: join(root, 'dist', 'firefox') },
    portwatch: true,
  };
}

/** The extension's name, from its manifest (`__MSG_x__` looked up in its default locale). */
function nameOf(dir: string, manifest: Manifest): string {
  const raw = manifest.name ?? basename(dir);
  const key = /^__MSG_(\w+)__$/.exec(raw)?.[1];
  if (!key) return raw;
  try {
    const file = join(dir, '_locales', manifest.default_locale ?? 'en', 'messages.json');
    const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
    const found = Object.entries(messages).find(([k]) => k.toLowerCase() === key.toLowerCase());
    return found?.[1].message ?? basename(dir);
  } catch {
    return basename(dir);
  }
}

export interface OtherSubject {
  subject: Subject;
  /** Deletes the temporary Firefox copy. */
  remove(): void;
}

/** Another unpacked extension in `dir`, ready for both browsers' launches. */
export function otherSubject(dir: string): OtherSubject {
  const root = resolve(dir);
  const dirs: Record<BrowserName, string> = existsSync(join(root, 'manifest.json'))
    ? { chromium: root, firefox: root }
    : { chromium: join(root, 'chrome'), firefox: join(root, 'firefox') };
  for (const d of Object.values(dirs)) {
    if (!existsSync(join(d, 'manifest.json'))) {
      throw new Error(
        `--vs ${dir}: no manifest.json there, nor in chrome/ and firefox/ below it (an unpacked extension)`,
      );
    }
  }
  const copy = mkdtempSync(join(tmpdir(), 'portwatch-bench-vs-'));
  try {
    cpSync(dirs.firefox, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as Manifest & {
      browser_specific_settings?: { gecko?: Record<string, unknown> };
    };
    manifest.browser_specific_settings ??= {};
    manifest.browser_specific_settings.gecko ??= {};
    manifest.browser_specific_settings.gecko.id ??= VS_GECKO_ID;
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest, null, 2));
    writeFileSync(
      join(copy, CONTROL_PAGE),
      '<!doctype html><meta charset="utf-8"><title>bench</title>\n',
    );
  } catch (error) {
    rmSync(copy, { recursive: true, force: true });
    throw error;
  }
  const manifest = readManifest(dirs.chromium);
  return {
    subject: {
      name: nameOf(dirs.chromium, manifest),
      dirs: { chromium: dirs.chromium, firefox: copy },
      portwatch: false,
    },
    remove: () => rmSync(copy, { recursive: true, force: true }),
  };
}

/** Launch options that depend on the subject: Firefox's control page, Chromium's readiness. */
export function launchOptionsFor(subject: Subject): {
  controlPage?: string;
  requireListeners: boolean;
} {
  return subject.portwatch
    ? { requireListeners: true }
    : { controlPage: CONTROL_PAGE, requireListeners: false };
}
