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

/**
 * `page` (1280 × 800) with `overlay` (its width × height) at `at` over a soft shadow, and `frame`
 * (SVG) drawn over both.
 */
function overPage(
  page: Buffer,
  overlay: Buffer,
  at: { x: number; y: number },
  size: { width: number; height: number },
  frame = '',
): { large: Buffer; small: Buffer } {
  const { width, height } = STORE_SIZE;
  const { x, y } = at;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <defs><filter id="shadow" x="-10%" y="-10%" width="120%" height="120%"><feGaussianBlur stdDeviation="8"/></filter></defs>
  <image href="${png(page)}" x="0" y="0" width="${width}" height="${height}"/>
  <rect x="${x + 2}" y="${y + 6}" width="${size.width}" height="${size.height}" rx="8" fill="#000" opacity="0.35" filter="url(#shadow)"/>
  <image href="${png(overlay)}" x="${x}" y="${y}" width="${size.width}" height="${size.height}"/>
  ${frame}
</svg>`;
  return { large: render(svg, width), small: render(svg, width / 2) };
}

/** `page` (1280 × 800) with `popup` (its width × height in CSS px) over its top right corner. */
export function withPopup(
  page: Buffer,
  popup: Buffer,
  size: { width: number; height: number },
  dark: boolean,
): { large: Buffer; small: Buffer } {
  const x = STORE_SIZE.width - size.width - MARGIN;
  const y = MARGIN;
  const border = dark ? '#5f6368' : '#dadce0';
  const frame = `<rect x="${x - 0.5}" y="${y - 0.5}" width="${size.width + 1}" height="${size.height + 1}" rx="2" fill="none" stroke="${border}"/>`;
  return overPage(page, popup, { x, y }, size, frame);
}

/**
 * `page` (1280 × 800) with `notification` (a desktop notification cropped from the X screen, its
 * width × height in pixels) over its bottom right corner, where Windows and many Linux desktops
 * show one. The notification's window has its own border: no frame.
 */
export function withNotification(
  page: Buffer,
  notification: Buffer,
  size: { width: number; height: number },
): { large: Buffer; small: Buffer } {
  const x = STORE_SIZE.width - size.width - MARGIN;
  const y = STORE_SIZE.height - size.height - MARGIN;
  return overPage(page, notification, { x, y }, size);
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

/**
 * The page behind the popup and the notification: a small shop's sign-in page, so the stores'
 * pictures show Portwatch over something like a real site rather than a lab page. Self-contained
 * (nothing remote, no script), light and dark by `prefers-color-scheme`. The lab serves it only
 * for the screenshots (startLab's `replace`); the tests read the scenarios' own pages.
 */
export const SHOP_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>Sign in · Larkspur &amp; Co.</title>
<style>
:root { --bg: #f7f4ef; --fg: #27231f; --muted: #6b6259; --card: #fff; --line: #e2dace;
  --accent: #2f6b4f; --on-accent: #fff; --tile-a: #d9c7a7; --tile-b: #a9bfa8; --tile-c: #c9a99b; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1b1a18; --fg: #ebe5dc; --muted: #a59c90; --card: #252320; --line: #3a3631;
    --accent: #7cc49d; --on-accent: #10231a;
    --tile-a: #5c4e39; --tile-b: #3f5541; --tile-c: #5a3f36; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 "Noto Sans", "DejaVu Sans", system-ui, sans-serif; }
header { display: flex; align-items: center; gap: 44px; padding: 18px 56px;
  background: var(--card); border-bottom: 1px solid var(--line); }
.brand { display: flex; align-items: center; gap: 10px; font-size: 20px; font-weight: 700; }
.mark { width: 26px; height: 26px; border-radius: 50% 50% 50% 4px; background: var(--accent); }
nav { display: flex; gap: 28px; font-size: 15px; }
nav a { color: var(--fg); }
.bag { margin-left: auto; color: var(--muted); font-size: 15px; }
main { display: grid; grid-template-columns: 400px 1fr; gap: 64px; padding: 52px 56px; }
.card { padding: 30px; background: var(--card); border: 1px solid var(--line);
  border-radius: 14px; }
h1 { margin: 0 0 4px; font-size: 26px; }
.lead { margin: 0 0 10px; color: var(--muted); font-size: 15px; }
label { display: block; margin: 16px 0 6px; font-size: 14px; font-weight: 600; }
input[type="email"], input[type="password"] { width: 100%; padding: 10px 12px; font: inherit;
  color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 8px; }
.row { display: flex; justify-content: space-between; margin: 16px 0 22px; font-size: 14px; }
.row label { display: inline; margin: 0; font-weight: 400; }
a { color: var(--accent); text-decoration: none; }
button { width: 100%; padding: 12px; font: inherit; font-weight: 600; color: var(--on-accent);
  background: var(--accent); border: 0; border-radius: 8px; }
.new { margin: 22px 0 0; color: var(--muted); font-size: 14px; text-align: center; }
.eyebrow { margin: 0; color: var(--accent); font-size: 13px; font-weight: 700;
  letter-spacing: 0.08em; text-transform: uppercase; }
h2 { margin: 8px 0 12px; font: 400 38px/1.2 "Noto Serif", "DejaVu Serif", Georgia, serif; }
.promo p { max-width: 460px; color: var(--muted); }
.tiles { display: grid; grid-template-columns: repeat(3, 170px); gap: 16px; margin-top: 28px; }
.tile { height: 150px; padding: 12px; border-radius: 12px; font-size: 14px; font-weight: 600;
  display: flex; align-items: flex-end; }
.tile:nth-child(1) { background: var(--tile-a); }
.tile:nth-child(2) { background: var(--tile-b); }
.tile:nth-child(3) { background: var(--tile-c); }
</style>
</head>
<body>
<header>
  <div class="brand"><span class="mark"></span>Larkspur &amp; Co.</div>
  <nav><a>New in</a><a>Home</a><a>Kitchen</a><a>Garden</a><a>Journal</a></nav>
  <div class="bag">Bag (2)</div>
</header>
<main>
  <form class="card" method="post" action="/sign-in">
    <h1>Welcome back</h1>
    <p class="lead">Sign in to see your orders, saved items and addresses.</p>
    <label for="email">Email</label>
    <input id="email" type="email" name="email" value="ana.lima@example.com">
    <label for="password">Password</label>
    <input id="password" type="password" name="password" value="correct horse">
    <div class="row">
      <label><input type="checkbox" checked> Keep me signed in</label><a href="#">Forgot it?</a>
    </div>
    <button type="submit">Sign in</button>
    <p class="new">New here? <a href="#">Create an account</a></p>
  </form>
  <section class="promo">
    <p class="eyebrow">Autumn collection</p>
    <h2>Linen, wool and clay,<br>made to be kept</h2>
    <p>Free delivery on orders over €60, and 30 days to change your mind. Members see new
    pieces a week early.</p>
    <div class="tiles">
      <div class="tile">Throws</div><div class="tile">Stoneware</div><div class="tile">Lamps</div>
    </div>
  </section>
</main>
</body>
</html>
`;
