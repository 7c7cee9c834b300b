// Writes the rendered toolbar icons into a folder so a person can look at them.
// Run from the repository root (Node 20 cannot run .ts directly, and esbuild-register's ESM
// loader does not work on Node 20.20 in a "type": "module" package, so bundle it with esbuild):
//   npx esbuild scripts/make-icons.ts --bundle --platform=node --format=esm --packages=external \
//     --log-level=warning | node --input-type=module - [outDir]
// outDir defaults to dist/icons-preview. Files are written as <outDir>/<state>-<size>.png.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { renderIconPngs } from './icons';

// The SVG sources are found relative to the working directory, not this file: when the
// script is piped into node there is no file path (and import.meta.url is not the source).
const iconsDir = resolve('icons');
if (!existsSync(join(iconsDir, 'neutral.svg'))) {
  console.error(
    `make-icons: no icons/*.svg under ${process.cwd()}; run it from the repository root`,
  );
  process.exit(1);
}
const outDir = resolve(process.argv[2] ?? 'dist/icons-preview');

mkdirSync(outDir, { recursive: true });
const pngs = renderIconPngs(iconsDir);
for (const { file, data } of pngs) {
  writeFileSync(join(outDir, basename(file)), data);
}
console.log(`Wrote ${pngs.length} icons to ${outDir}`);
