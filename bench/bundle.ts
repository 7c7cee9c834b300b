// Item 3: bundle size. Each entry point (every top-level script webpack wrote into dist/chrome and
// dist/firefox: background, popup, content) as shipped, that is minified, and gzipped (level 9).
// It measures what `npm run build` last wrote; `npm run bench` builds first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { check, type BenchItem, type Row, type Target, type TargetCheck } from './types';

const DIST = { chromium: 'chrome', firefox: 'firefox' } as const;
/** kB here is 1,000 bytes. */
const KB = 1000;
const POPUP_TARGET: Target = { op: '<=', value: 20 * KB, text: '≤ 20 kB gz' };

interface EntrySize {
  minified: number;
  gzipped: number;
  target?: TargetCheck;
}

export interface BundleResult {
  date: string;
  /** Per build (chromium = dist/chrome), per file: bytes. */
  builds: Record<keyof typeof DIST, Record<string, EntrySize>>;
}

function measureBuild(dir: string): Record<string, EntrySize> {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`${dir}/manifest.json is missing: run npm run build first`);
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort();
  if (files.length === 0) throw new Error(`no scripts in ${dir}`);
  const sizes: Record<string, EntrySize> = {};
  for (const file of files) {
    const code = readFileSync(join(dir, file));
    // A development build (source maps, unminified) would make every figure meaningless.
    if (code.includes('sourceMappingURL=') || existsSync(join(dir, `${file}.map`))) {
      throw new Error(`${dir}/${file} is a development build: run npm run build`);
    }
    const gzipped = gzipSync(code, { level: 9 }).length;
    sizes[file] = {
      minified: code.length,
      gzipped,
      ...(file === 'popup.js' ? { target: check(POPUP_TARGET, gzipped) } : {}),
    };
  }
  return sizes;
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;
const mark = (target?: TargetCheck) => (target ? (target.met ? ' ✓' : ' ✗') : '');

export const bundle: BenchItem<BundleResult> = {
  id: 'bundle',
  title: 'Bundle size',
  run: async ({ root, log }) => {
    const builds = {
      chromium: measureBuild(join(root, 'dist', DIST.chromium)),
      firefox: measureBuild(join(root, 'dist', DIST.firefox)),
    };
    log(`bundle: ${Object.keys(builds.chromium).join(', ')} measured`);
    return { date: new Date().toISOString(), builds };
  },
  rows: (result) => {
    const files = [
      ...new Set([...Object.keys(result.builds.chromium), ...Object.keys(result.builds.firefox)]),
    ];
    return files.map((file): Row => {
      const cell = (size: EntrySize | undefined) =>
        size ? `${kb(size.minified)} min, ${kb(size.gzipped)} gz${mark(size.target)}` : '—';
      const chromium = result.builds.chromium[file];
      const firefox = result.builds.firefox[file];
      const target = chromium?.target ?? firefox?.target;
      return {
        measure: `Bundle: ${file}`,
        chromium: cell(chromium),
        firefox: cell(firefox),
        ...(target ? { target: target.text } : {}),
      };
    });
  },
};
