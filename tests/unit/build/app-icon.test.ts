import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, ICON_BLUE, ICON_WHITE } from '../../../vite/icon.ts';
import { encodePng } from '../../../vite/png.ts';
import { APP_ICONS } from '../../../vite/app-icons.ts';

// The install icons are drawn by code at build time; these tests read them as a browser would.

/** Decodes the PNGs encodePng writes (8-bit RGBA, filter 0) back to pixels. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([...body.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (1 + width * 4)]).toBe(0);
    rgba.set(raw.subarray(y * (1 + width * 4) + 1, (y + 1) * (1 + width * 4)), y * width * 4);
  }
  return { width, height, rgba };
}

/** The pixel under design point (x, y) of the 64×64 design. */
function pixel(icon: { width: number; rgba: Uint8Array }, x: number, y: number): number[] {
  const px = Math.floor((x * icon.width) / 64);
  const py = Math.floor((y * icon.width) / 64);
  const at = (py * icon.width + px) * 4;
  return [...icon.rgba.subarray(at, at + 4)];
}

const blue = [...ICON_BLUE, 255];
const white = [...ICON_WHITE, 255];
const clear = [0, 0, 0, 0];

describe('app icons', () => {
  it('lists the 192 and 512 pixel icons an installable app needs, and a maskable one', () => {
    expect(APP_ICONS.map((i) => [i.fileName, i.size, i.maskable])).toEqual([
      ['icons/icon-192.png', 192, false],
      ['icons/icon-512.png', 512, false],
      ['icons/maskable-512.png', 512, true],
    ]);
  });

  for (const size of [192, 512]) {
    it(`draws the padlock of favicon.svg at ${size}×${size}`, () => {
      const icon = decodePng(encodePng(size, size, drawIcon(size)));
      expect([icon.width, icon.height]).toEqual([size, size]);
      expect(pixel(icon, 0.5, 0.5)).toEqual(clear); // rounded corner
      expect(pixel(icon, 5, 32)).toEqual(blue); // tile
      expect(pixel(icon, 20, 48)).toEqual(white); // lock body
      expect(pixel(icon, 32, 42)).toEqual(blue); // keyhole
      expect(pixel(icon, 32, 13)).toEqual(white); // top of the shackle
      expect(pixel(icon, 32, 24)).toEqual(blue); // inside the shackle
      expect(pixel(icon, 18, 28)).toEqual(white); // left leg of the shackle
    });
  }

  it('draws a full-bleed maskable icon with the padlock inside the safe circle', () => {
    const size = 512;
    const icon = decodePng(encodePng(size, size, drawIcon(size, true)));
    expect(pixel(icon, 0.5, 0.5)).toEqual(blue); // no transparent corner to crop
    expect(pixel(icon, 24, 44)).toEqual(white); // lock body, shrunk around the centre
    expect(pixel(icon, 32, 41)).toEqual(blue); // keyhole
    let whiteOutside = 0;
    let whiteInside = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const at = (y * size + x) * 4;
        if (icon.rgba[at] !== 255) continue;
        // Launchers may crop to a circle of 40% of the size around the centre.
        if (Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) > 0.4 * size) whiteOutside++;
        else whiteInside++;
      }
    }
    expect(whiteInside).toBeGreaterThan(10_000);
    expect(whiteOutside).toBe(0);
  });
});
