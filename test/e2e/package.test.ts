// `npm run package` as a store reviewer would check it: two clean clones of this commit give
// byte-identical zips; the source zip, unpacked where there is no git, rebuilds the same
// extension zips; the Firefox zip passes web-ext lint with nothing to say; and every zip carries
// the licence and the bundled packages' notices. Clones share this checkout's node_modules (the
// lockfile is the same), so the test measures the build and the packaging, not npm's download.
// It clones the commit, not the working tree: uncommitted changes are not what it checks.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa } from '../lab/ca';
import { LAUNCHERS } from './browsers';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  version: string;
};
const ZIPS = ['chrome', 'firefox', 'source'].map((k) => `portwatch-${version}-${k}.zip`);

let work: string;

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(command, args, {
    cwd,
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A clean clone of this commit, with this checkout's node_modules. */
function clone(name: string): string {
  const dir = join(work, name);
  run(work, 'git', ['clone', '--quiet', REPO, dir]);
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** `npm run package` in `dir`, and the SHA-256 of each zip it wrote. */
function packageIn(dir: string): Record<string, string> {
  run(dir, 'npm', ['run', '--silent', 'package']);
  return Object.fromEntries(
    ZIPS.map((z) => [
      z,
      createHash('sha256')
        .update(readFileSync(join(dir, 'artifacts', z)))
        .digest('hex'),
    ]),
  );
}

/** The entries of a zip, unpacked into `to`. */
function unzipTo(zip: string, to: string): string[] {
  const entries = unzipSync(readFileSync(zip));
  for (const [name, data] of Object.entries(entries)) {
    mkdirSync(dirname(join(to, name)), { recursive: true });
    writeFileSync(join(to, name), data);
  }
  return Object.keys(entries);
}

let first: Record<string, string>;
let a: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'portwatch-package-'));
  a = clone('a');
  first = packageIn(a);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('npm run package', () => {
  it('gives byte-identical zips from two clean clones of one commit', () => {
    const second = packageIn(clone('b'));
    expect(second).toEqual(first);
  });

  it('rebuilds the same extension zips from the source zip alone (no git)', () => {
    const dir = join(work, 'from-source');
    const files = unzipTo(join(a, 'artifacts', ZIPS[2]!), dir);
    expect(files).toContain('package-lock.json');
    expect(files).toContain('README.md');
    expect(files).toContain('SOURCE_DATE_EPOCH');
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    const rebuilt = packageIn(dir);
    expect(rebuilt[ZIPS[0]!]).toBe(first[ZIPS[0]!]);
    expect(rebuilt[ZIPS[1]!]).toBe(first[ZIPS[1]!]);
  });

  it('ships the licence and every bundled package’s notice in both extension zips', () => {
    for (const zip of ZIPS.slice(0, 2)) {
      const entries = unzipSync(readFileSync(join(a, 'artifacts', zip)));
      const text = (name: string) => new TextDecoder().decode(entries[name]);
      expect(text('LICENSE')).toContain('Mozilla Public License Version 2.0');
      const notices = text('THIRD-PARTY-NOTICES.txt');
      for (const name of ['preact', 'tldts', 'punycode', '@noble/hashes', '@peculiar/asn1-x509']) {
        expect(notices, `${zip}: ${name}`).toMatch(new RegExp(`^- ${name} \\S+ \\(`, 'm'));
      }
      expect(notices).not.toContain('ships no licence file');
    }
  });

  it('passes web-ext lint on the Firefox zip with no error, warning or notice', () => {
    const dir = join(work, 'firefox-zip');
    unzipTo(join(a, 'artifacts', ZIPS[1]!), dir);
    const out = run(REPO, join(REPO, 'node_modules/.bin/web-ext'), [
      'lint',
      '--source-dir',
      dir,
      '--self-hosted=false',
      '--output',
      'json',
    ]);
    const report = JSON.parse(out) as { count: number; summary: Record<string, number> };
    expect(report.summary).toEqual({ errors: 0, notices: 0, warnings: 0 });
  });

  it('loads in Chromium from the Chrome zip with no manifest warning or error', async () => {
    const dir = join(work, 'chrome-zip');
    unzipTo(join(a, 'artifacts', ZIPS[0]!), dir);
    const tb = await LAUNCHERS.chromium({
      extensionDir: dir,
      caPem: ensureCa().certPem,
      hosts: [],
    });
    try {
      const page = await tb.browser.newPage();
      await page.goto('chrome://extensions');
      // What chrome://extensions itself shows under an unpacked extension.
      const info = await page.evaluate(async () => {
        const dev = (
          globalThis as unknown as {
            chrome: {
              developerPrivate: {
                getExtensionsInfo(): Promise<
                  Array<{ name: string; installWarnings: string[]; manifestErrors: unknown[] }>
                >;
              };
            };
          }
        ).chrome.developerPrivate;
        return (await dev.getExtensionsInfo()).map((e) => ({
          name: e.name,
          warnings: e.installWarnings,
          errors: e.manifestErrors,
        }));
      });
      // Chromium lists its own component extensions too (its PDF viewer): ours is the one.
      expect(info.filter((e) => e.name === 'Portwatch')).toEqual([
        { name: 'Portwatch', warnings: [], errors: [] },
      ]);
    } finally {
      await tb.close();
    }
  });
});
