// The X screen reader and PNG writer behind the notification pictures (scripts/xwd.ts), on a real
// XWD file: test/fixtures/xwd/root-64x48.xwd is the root window of `Xvfb :N -screen 0 64x48x24`
// (black) with one `xlogo -geometry 24x16+30+20 -bg '#ff8000' -fg '#0040c0' -bw 0` window on it,
// dumped by `xwd -root -display :N` (32 bits per pixel, least significant byte first).
import { readFileSync } from 'node:fs';
import { crc32, inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  captureScreen,
  crop,
  differenceBox,
  encodePng,
  notificationBox,
  parseXwd,
  readXwdHeader,
  type RgbaImage,
} from '../../scripts/xwd';

const FILE = readFileSync(new URL('../fixtures/xwd/root-64x48.xwd', import.meta.url));
const LOGO = { x: 30, y: 20, width: 24, height: 16 };
const ORANGE = [0xff, 0x80, 0x00];
const BLUE = [0x00, 0x40, 0xc0];

const pixel = (image: RgbaImage, x: number, y: number): number[] => [
  ...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4),
];

function colourCounts(image: RgbaImage): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < image.data.length; i += 4) {
    const key = [...image.data.subarray(i, i + 3)].join(',');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** A filled image of one colour. */
function filled(width: number, height: number, rgb: number[]): RgbaImage {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return { width, height, data };
}

/**
 * The fixture written again with `bitsPerPixel` (24 or 32) and `byteOrder` (0 LSBFirst, 1
 * MSBFirst), lines padded to 32 bits as X pads them: the same picture in the layouts xwd writes
 * on other servers.
 */
function repacked(bitsPerPixel: 24 | 32, byteOrder: 0 | 1): Buffer {
  const h = readXwdHeader(FILE);
  const pixelsAt = h.headerSize + h.ncolors * 12;
  const bytes = bitsPerPixel / 8;
  const bytesPerLine = Math.ceil((h.pixmapWidth * bytes) / 4) * 4;
  const head = Buffer.from(FILE.subarray(0, pixelsAt));
  head.writeUInt32BE(byteOrder, 7 * 4);
  head.writeUInt32BE(bitsPerPixel, 11 * 4);
  head.writeUInt32BE(bytesPerLine, 12 * 4);
  const pixels = Buffer.alloc(bytesPerLine * h.pixmapHeight);
  for (let y = 0; y < h.pixmapHeight; y++) {
    for (let x = 0; x < h.pixmapWidth; x++) {
      const value = FILE.readUInt32LE(pixelsAt + y * h.bytesPerLine + x * 4) & 0xffffff;
      const at = y * bytesPerLine + x * bytes;
      if (byteOrder === 1) pixels.writeUIntBE(value, at, bytes);
      else pixels.writeUIntLE(value, at, bytes);
    }
  }
  return Buffer.concat([head, pixels]);
}

describe('parseXwd', () => {
  const image = parseXwd(FILE);

  it('reads the header xwd wrote', () => {
    const h = readXwdHeader(FILE);
    expect([h.pixmapWidth, h.pixmapHeight, h.bitsPerPixel, h.byteOrder]).toEqual([64, 48, 32, 0]);
    expect([h.redMask, h.greenMask, h.blueMask]).toEqual([0xff0000, 0xff00, 0xff]);
  });

  it('reads every pixel: the black root and the logo window, in its colours and place', () => {
    expect([image.width, image.height, image.data.length]).toEqual([64, 48, 64 * 48 * 4]);
    expect(pixel(image, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(image, LOGO.x, LOGO.y)).toEqual([...ORANGE, 255]);
    expect(pixel(image, LOGO.x - 1, LOGO.y - 1)).toEqual([0, 0, 0, 255]);
    expect(pixel(image, LOGO.x + LOGO.width, LOGO.y + LOGO.height)).toEqual([0, 0, 0, 255]);
    // The logo's 24 × 16 pixels are its background and its ink; nothing else is coloured.
    expect(colourCounts(image)).toEqual({
      '0,0,0': 64 * 48 - 24 * 16,
      [ORANGE.join(',')]: 308,
      [BLUE.join(',')]: 76,
    });
  });

  for (const [bits, order] of [
    [24, 0],
    [24, 1],
    [32, 1],
  ] as const) {
    it(`reads the same picture at ${bits} bits per pixel, ${order ? 'MSB' : 'LSB'} first`, () => {
      const again = parseXwd(repacked(bits, order));
      expect(again.width).toBe(64);
      expect(again.data.equals(image.data)).toBe(true);
    });
  }

  it('refuses, saying why, what it cannot read', () => {
    expect(() => parseXwd(FILE.subarray(0, 50))).toThrow(/not an XWD file: 50 bytes/);
    expect(() => parseXwd(FILE.subarray(0, FILE.length - 1))).toThrow(/cut short/);
    const version = Buffer.from(FILE);
    version.writeUInt32BE(6, 4);
    expect(() => parseXwd(version)).toThrow(/version 7 \(read 6\)/);
    const deep = Buffer.from(FILE);
    deep.writeUInt32BE(16, 11 * 4);
    expect(() => parseXwd(deep)).toThrow(/16 bits per pixel: only 24 and 32/);
    const mapped = Buffer.from(FILE);
    mapped.writeUInt32BE(3, 13 * 4); // PseudoColor: colours through the colormap
    expect(() => parseXwd(mapped)).toThrow(/visual class 3/);
  });
});

/** The chunks of a PNG, each CRC checked. */
function chunks(png: Buffer): Array<{ type: string; body: Buffer }> {
  const found: Array<{ type: string; body: Buffer }> = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const typeAndBody = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(typeAndBody));
    found.push({
      type: typeAndBody.subarray(0, 4).toString('latin1'),
      body: typeAndBody.subarray(4),
    });
    at += 12 + length;
  }
  return found;
}

describe('encodePng', () => {
  const image = parseXwd(FILE);
  const png = encodePng(image);

  it('writes a PNG of the picture: signature, IHDR, IDAT, IEND, each CRC right', () => {
    expect(png.subarray(0, 8)).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = list[0]!.body;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([64, 48, 8, 6]);
    // Each row: a filter byte (0), then the row's RGBA.
    const raw = inflateSync(list[1]!.body);
    expect(raw.length).toBe(48 * (1 + 64 * 4));
    const row = LOGO.y * (1 + 64 * 4);
    expect(raw[row]).toBe(0);
    expect([...raw.subarray(row + 1 + LOGO.x * 4, row + 1 + LOGO.x * 4 + 4)]).toEqual([
      ...ORANGE,
      255,
    ]);
  });

  it('is read back pixel for pixel by another decoder (resvg)', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><image href="data:image/png;base64,${png.toString('base64')}" width="64" height="48"/></svg>`;
    const rendered = new Resvg(svg).render();
    expect([rendered.width, rendered.height]).toEqual([64, 48]);
    expect(Buffer.from(rendered.pixels).equals(image.data)).toBe(true);
  });
});

describe('crop and differenceBox', () => {
  const image = parseXwd(FILE);
  const black = filled(64, 48, [0, 0, 0]);

  it('finds the one window on the black root, and crops exactly it', () => {
    expect(differenceBox(image, black)).toEqual(LOGO);
    const logo = crop(image, LOGO);
    expect([logo.width, logo.height]).toEqual([24, 16]);
    expect(colourCounts(logo)).toEqual({ [ORANGE.join(',')]: 308, [BLUE.join(',')]: 76 });
  });

  it('finds nothing between a picture and itself, and crops nothing outside it', () => {
    expect(differenceBox(image, parseXwd(FILE))).toBeUndefined();
    expect(() => crop(image, { ...LOGO, x: 50 })).toThrow(/goes past the 64 × 48 picture/);
    expect(() => differenceBox(image, filled(32, 48, [0, 0, 0]))).toThrow(/different sizes/);
  });
});

describe('notificationBox', () => {
  /** A 1280 × 800 screen with a window of `rect` painted white on it. */
  function screenWith(rect: { x: number; y: number; width: number; height: number }): RgbaImage {
    const screen = filled(1280, 800, [0, 0, 0]);
    for (let y = rect.y; y < rect.y + rect.height; y++) {
      screen.data.fill(255, (y * 1280 + rect.x) * 4, (y * 1280 + rect.x + rect.width) * 4);
    }
    return screen;
  }
  const without = filled(1280, 800, [0, 0, 0]);

  it("takes a notification's window at the top or bottom right", () => {
    const firefox = { x: 919, y: 10, width: 351, height: 136 };
    expect(notificationBox(screenWith(firefox), without)).toEqual(firefox);
    const chromium = { x: 910, y: 700, width: 360, height: 90 };
    expect(notificationBox(screenWith(chromium), without)).toEqual(chromium);
  });

  it('refuses a screen without one, or a change of another size or place', () => {
    expect(() => notificationBox(without, without)).toThrow(/no notification on the X screen/);
    const tiny = { x: 1200, y: 700, width: 20, height: 20 };
    expect(() => notificationBox(screenWith(tiny), without)).toThrow(/not a notification's/);
    const left = { x: 10, y: 700, width: 350, height: 100 };
    expect(() => notificationBox(screenWith(left), without)).toThrow(/not a notification's/);
    const page = { x: 0, y: 0, width: 1152, height: 720 };
    expect(() => notificationBox(screenWith(page), without)).toThrow(/not a notification's/);
  });
});

describe('captureScreen', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('says what to install when xwd is missing, rather than giving a picture without it', () => {
    vi.stubEnv('PATH', '/nonexistent');
    expect(() => captureScreen(':0')).toThrow('xwd not found: apt-get install x11-apps');
  });
});
