// Pictures of an X screen, for what no browser can screenshot: a desktop notification is the
// system's window (Firefox's own, with `alerts.useSystemBackend` off), not a page. `xwd` (Debian:
// x11-apps) dumps the screen of an Xvfb display; this reads its XWD file, finds and crops the
// notification, and writes PNG with node:zlib, so the pictures need no image library.
import { spawnSync } from 'node:child_process';
import { crc32, deflateSync } from 'node:zlib';

/** Pixels as RGBA, 4 bytes each, rows top to bottom. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Buffer;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The XWD header (X11's XWDFileHeader): 25 CARD32, big-endian whatever the machine. */
const FIELDS = [
  'headerSize',
  'fileVersion',
  'pixmapFormat',
  'pixmapDepth',
  'pixmapWidth',
  'pixmapHeight',
  'xoffset',
  'byteOrder',
  'bitmapUnit',
  'bitmapBitOrder',
  'bitmapPad',
  'bitsPerPixel',
  'bytesPerLine',
  'visualClass',
  'redMask',
  'greenMask',
  'blueMask',
  'bitsPerRgb',
  'colormapEntries',
  'ncolors',
  'windowWidth',
  'windowHeight',
  'windowX',
  'windowY',
  'windowBorderWidth',
] as const;
export type XwdHeader = Record<(typeof FIELDS)[number], number>;

const HEADER_BYTES = FIELDS.length * 4;
const XWD_VERSION = 7;
const Z_PIXMAP = 2;
/** TrueColor and DirectColor: each pixel holds its colour in the masks' bits, no colormap. */
const MASKED_VISUALS = new Set([4, 5]);
/** One XWDColor: pixel (CARD32), red, green, blue (CARD16), flags and a pad byte. */
const COLOR_BYTES = 12;
const MSB_FIRST = 1;

export function readXwdHeader(file: Buffer): XwdHeader {
  if (file.length < HEADER_BYTES) {
    throw new Error(`not an XWD file: ${file.length} bytes, the header alone is ${HEADER_BYTES}`);
  }
  const header = Object.fromEntries(
    FIELDS.map((name, i) => [name, file.readUInt32BE(i * 4)]),
  ) as XwdHeader;
  if (header.fileVersion !== XWD_VERSION) {
    throw new Error(`not an XWD file of version ${XWD_VERSION} (read ${header.fileVersion})`);
  }
  return header;
}

/** What this reader handles: what xwd writes from an Xvfb screen of depth 24. */
function checkSupported(h: XwdHeader, fileLength: number): number {
  if (h.pixmapFormat !== Z_PIXMAP) {
    throw new Error(`XWD pixmap format ${h.pixmapFormat} is not ZPixmap (${Z_PIXMAP})`);
  }
  if (h.bitsPerPixel !== 24 && h.bitsPerPixel !== 32) {
    throw new Error(`XWD with ${h.bitsPerPixel} bits per pixel: only 24 and 32 are read`);
  }
  if (!MASKED_VISUALS.has(h.visualClass)) {
    throw new Error(`XWD visual class ${h.visualClass}: only TrueColor and DirectColor are read`);
  }
  if (h.bytesPerLine < (h.pixmapWidth * h.bitsPerPixel) / 8) {
    throw new Error(`XWD lines of ${h.bytesPerLine} bytes cannot hold ${h.pixmapWidth} pixels`);
  }
  const start = h.headerSize + h.ncolors * COLOR_BYTES;
  const needed = start + h.bytesPerLine * h.pixmapHeight;
  if (fileLength < needed) {
    throw new Error(`XWD file cut short: ${fileLength} bytes, its header calls for ${needed}`);
  }
  return start;
}

/** Reads a pixel (24 or 32 bits) in the image's own byte order. */
function pixelReader(h: XwdHeader, data: Buffer): (offset: number) => number {
  const msb = h.byteOrder === MSB_FIRST;
  if (h.bitsPerPixel === 32) {
    return msb ? (o) => data.readUInt32BE(o) : (o) => data.readUInt32LE(o);
  }
  return msb ? (o) => data.readUIntBE(o, 3) : (o) => data.readUIntLE(o, 3);
}

/** Takes one colour out of a pixel by its mask, scaled to 8 bits. */
function channel(mask: number): (pixel: number) => number {
  if (mask === 0) throw new Error('XWD with an empty colour mask');
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  const max = mask >>> shift;
  return (pixel) => Math.round((((pixel & mask) >>> shift) * 255) / max);
}

/** The picture in an XWD file as RGBA. Throws, saying why, on anything it cannot read. */
export function parseXwd(file: Buffer): RgbaImage {
  const h = readXwdHeader(file);
  const start = checkSupported(h, file.length);
  const read = pixelReader(h, file);
  const [red, green, blue] = [channel(h.redMask), channel(h.greenMask), channel(h.blueMask)];
  const { pixmapWidth: width, pixmapHeight: height } = h;
  const bytes = h.bitsPerPixel / 8;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const pixel = read(start + y * h.bytesPerLine + x * bytes);
      const o = (y * width + x) * 4;
      data[o] = red(pixel);
      data[o + 1] = green(pixel);
      data[o + 2] = blue(pixel);
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** PNG (8-bit RGBA) of an image. */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filters, no interlace
  // Each row behind filter type 0 (none): these pictures are read once, by resvg, so the few
  // bytes better filters would save are not worth their code.
  const row = width * 4;
  const raw = Buffer.alloc((row + 1) * height);
  for (let y = 0; y < height; y++) data.copy(raw, y * (row + 1) + 1, y * row, (y + 1) * row);
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The part of `image` inside `rect`, which must lie within it. */
export function crop(image: RgbaImage, rect: Rect): RgbaImage {
  const { x, y, width, height } = rect;
  if (x < 0 || y < 0 || width <= 0 || height <= 0)
    throw new Error(`bad crop ${JSON.stringify(rect)}`);
  if (x + width > image.width || y + height > image.height) {
    throw new Error(
      `crop ${JSON.stringify(rect)} goes past the ${image.width} × ${image.height} picture`,
    );
  }
  const data = Buffer.alloc(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * image.width + x) * 4;
    image.data.copy(data, row * width * 4, from, from + width * 4);
  }
  return { width, height, data };
}

/** The smallest rectangle holding every pixel that differs between two pictures of one size. */
export function differenceBox(a: RgbaImage, b: RgbaImage): Rect | undefined {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(
      `pictures of different sizes: ${a.width} × ${a.height}, ${b.width} × ${b.height}`,
    );
  }
  let [left, top, right, bottom] = [a.width, a.height, -1, -1];
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const o = (y * a.width + x) * 4;
      if (a.data.readUInt32BE(o) === b.data.readUInt32BE(o)) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return undefined;
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** The whole screen of an X display (`:93`), through `xwd -root`. */
export function captureScreen(display: string): RgbaImage {
  const run = spawnSync('xwd', ['-root', '-silent', '-display', display], {
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'xwd not found: apt-get install x11-apps'
        : `xwd -root -display ${display} failed: ${run.error.message}`,
    );
  }
  if (run.status !== 0) {
    const why = run.stderr.toString().trim() || `exit status ${String(run.status)}`;
    throw new Error(`xwd -root -display ${display} failed: ${why}`);
  }
  return parseXwd(run.stdout);
}

const sameImage = (a: RgbaImage, b: RgbaImage): boolean =>
  a.width === b.width && a.height === b.height && a.data.equals(b.data);

/**
 * The screen once two captures in a row are the same (windows fade and slide in and out), and,
 * with `unlike`, different from that one: the screen after something was asked to change.
 */
export async function settledScreen(
  display: string,
  what: string,
  unlike?: RgbaImage,
  timeoutMs = 10_000,
): Promise<RgbaImage> {
  const deadline = Date.now() + timeoutMs;
  // The first capture outside the loop: a missing xwd fails at once, not at the deadline.
  let last = captureScreen(display);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const next = captureScreen(display);
    if (sameImage(next, last) && !(unlike && sameImage(next, unlike))) return next;
    if (Date.now() > deadline) {
      const why = unlike && sameImage(next, unlike) ? 'did not change' : 'kept changing';
      throw new Error(`the X screen of ${display} ${why} in ${timeoutMs} ms, waiting for ${what}`);
    }
    last = next;
  }
}

/** What a notification window can measure: any other difference is not one. */
const NOTIFICATION = { minWidth: 150, maxWidth: 800, minHeight: 40, maxHeight: 400 };

/**
 * Where the notification is: what differs between the screen with it and the screen after it was
 * closed, checked to be of a notification's size and in the right half of the screen (desktops
 * put notifications at the top or bottom right), so that a wrong difference fails rather than
 * being cropped into a picture.
 */
export function notificationBox(withIt: RgbaImage, without: RgbaImage): Rect {
  const box = differenceBox(withIt, without);
  if (!box) throw new Error('no notification on the X screen: it is the same without it');
  const { minWidth, maxWidth, minHeight, maxHeight } = NOTIFICATION;
  const sized = box.width >= minWidth && box.width <= maxWidth;
  const tall = box.height >= minHeight && box.height <= maxHeight;
  if (!sized || !tall || box.x < withIt.width / 2) {
    throw new Error(
      `what changed on the X screen when the notification closed (${box.width} × ${box.height} ` +
        `at ${box.x},${box.y}) is not a notification's size or place`,
    );
  }
  return box;
}
