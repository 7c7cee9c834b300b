import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { ICON_SIZES, ICON_STATES, renderIconPngs } from '../../scripts/icons';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const iconsDir = fileURLToPath(new URL('../../icons', import.meta.url));

describe('toolbar icons', () => {
  const pngs = renderIconPngs(iconsDir);
  const byFile = new Map(pngs.map((p) => [p.file, p.data]));

  it('renders one PNG per state and size, named icons/<state>-<size>.png', () => {
    const expected = ICON_STATES.flatMap((s) => ICON_SIZES.map((n) => `icons/${s}-${n}.png`));
    expect(pngs.map((p) => p.file).sort()).toEqual([...expected].sort());
  });

  for (const state of ICON_STATES) {
    for (const size of ICON_SIZES) {
      it(`${state}-${size}.png is a ${size}x${size} PNG`, () => {
        const data = byFile.get(`icons/${state}-${size}.png`);
        expect(data).toBeDefined();
        const png = data as Buffer;
        expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
        // The first chunk is IHDR: length (8..12), type (12..16), width (16..20), height (20..24).
        expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
        expect(png.readUInt32BE(16)).toBe(size);
        expect(png.readUInt32BE(20)).toBe(size);
      });
    }
  }

  it('the five states differ from each other at 16px', () => {
    const small = ICON_STATES.map((s) => byFile.get(`icons/${s}-16.png`)?.toString('base64'));
    expect(small.every((b) => typeof b === 'string' && b.length > 0)).toBe(true);
    expect(new Set(small).size).toBe(ICON_STATES.length);
  });
});
