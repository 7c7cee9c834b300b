import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

// The store's pictures, composed from real screenshots (scripts/screenshots.ts takes them): the
// page as the browser shows it at 1280 × 800 with the popup over its top right corner, as the
// toolbar opens it; scaled to 640 × 400 as the Chrome Web Store also takes; and the 440 × 280
// promotional tile from the icon and the store summary. resvg renders the SVG that lays them
// out, so the pictures depend only on the screenshots and these lines.

export const STORE_SIZE = { width: 1280, height: 800 } as const;
const MARGIN = 24;

const png = (data: Buffer): string => `data:image/png;base64,${data.toString('base64')}`;

function render(svg: string, width: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: width } }).render().asPng();
}

/** `page` (1280 × 800) with `popup` (its width × height in CSS px) over its top right corner. */
export function withPopup(
  page: Buffer,
  popup: Buffer,
  size: { width: number; height: number },
  dark: boolean,
): { large: Buffer; small: Buffer } {
  const { width, height } = STORE_SIZE;
  const x = width - size.width - MARGIN;
  const y = MARGIN;
  const border = dark ? '#5f6368' : '#dadce0';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <defs><filter id="shadow" x="-10%" y="-10%" width="120%" height="120%"><feGaussianBlur stdDeviation="8"/></filter></defs>
  <image href="${png(page)}" x="0" y="0" width="${width}" height="${height}"/>
  <rect x="${x + 2}" y="${y + 6}" width="${size.width}" height="${size.height}" rx="8" fill="#000" opacity="0.35" filter="url(#shadow)"/>
  <image href="${png(popup)}" x="${x}" y="${y}" width="${size.width}" height="${size.height}"/>
  <rect x="${x - 0.5}" y="${y - 0.5}" width="${size.width + 1}" height="${size.height + 1}" rx="2" fill="none" stroke="${border}"/>
</svg>`;
  return { large: render(svg, width), small: render(svg, width / 2) };
}

/** A full-page picture (the options or history page) as both store sizes. */
export function asStoreSizes(page: Buffer): { large: Buffer; small: Buffer } {
  const { width, height } = STORE_SIZE;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><image href="${png(page)}" x="0" y="0" width="${width}" height="${height}"/></svg>`;
  return { large: render(svg, width), small: render(svg, width / 2) };
}

const escape = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 440 × 280 promotional tile: the secure icon, the name and the summary. */
export function promoTile(root: string, summary: string): Buffer {
  const icon = readFileSync(join(root, 'icons', 'secure.svg'), 'utf8')
    .replace(/<\?xml[^>]*>/, '')
    // Its own size goes: the tile places and sizes it.
    .replace(/<svg([^>]*?)\swidth="[^"]*"/, '<svg$1')
    .replace(/<svg([^>]*?)\sheight="[^"]*"/, '<svg$1')
    .replace('<svg ', '<svg x="32" y="70" width="128" height="128" ');
  // The summary in lines of at most 27 characters (what 250 px hold at 14 px), broken at spaces.
  const lines: string[] = [];
  for (const word of summary.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= 27)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const text = lines
    .slice(0, 6)
    .map(
      (l, i) =>
        `<text x="176" y="${142 + i * 19}" font-size="14" fill="#3c4043">${escape(l)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="440" height="280" viewBox="0 0 440 280" font-family="DejaVu Sans, Noto Sans, sans-serif">
  <rect width="440" height="280" fill="#f1f3f4"/>
  ${icon}
  <text x="176" y="112" font-size="34" font-weight="700" fill="#202124">Portwatch</text>
  ${text}
</svg>`;
  return render(svg, 440);
}
