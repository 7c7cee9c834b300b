// Renders the toolbar icons (icons/<state>.svg) to PNGs at the sizes the manifests use.
// Imported by webpack.config.ts (through esbuild-register, so it may run as CommonJS: no
// import.meta here) and by scripts/make-icons.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export const ICON_STATES = ['secure', 'notice', 'warning', 'danger', 'neutral'] as const;
export const ICON_SIZES = [16, 32, 48, 128] as const;

export type IconState = (typeof ICON_STATES)[number];
export type IconSize = (typeof ICON_SIZES)[number];

/** Path of a rendered icon inside the build output, e.g. `icons/secure-16.png`. */
export function iconFile(state: IconState, size: IconSize): string {
  return `icons/${state}-${size}.png`;
}

/**
 * Reads `<iconsDir>/<state>.svg` for every state and renders it at every size.
 * Returns one entry per (state, size), named `icons/<state>-<size>.png`.
 */
export function renderIconPngs(iconsDir: string): Array<{ file: string; data: Buffer }> {
  const out: Array<{ file: string; data: Buffer }> = [];
  for (const state of ICON_STATES) {
    const svg = readFileSync(join(iconsDir, `${state}.svg`), 'utf8');
    for (const size of ICON_SIZES) {
      const data = new Resvg(svg, {
        fitTo: { mode: 'width', value: size },
        font: { loadSystemFonts: false },
      })
        .render()
        .asPng();
      out.push({ file: iconFile(state, size), data });
    }
  }
  return out;
}
