// Airlock's app icon, drawn by code: a white padlock on a blue tile, the same shapes as
// public/favicon.svg (a 64×64 design). The PNG icons a browser needs to install the app are
// rasterised from these shapes at build time, so no binary or third-party asset is committed.

export const ICON_BLUE = [0x24, 0x57, 0xc5] as const;
export const ICON_WHITE = [0xff, 0xff, 0xff] as const;

type Colour = readonly [number, number, number];

/** Is (x, y) inside the rounded rectangle? */
function inRoundedRect(
  x: number,
  y: number,
  left: number,
  top: number,
  w: number,
  h: number,
  r: number,
): boolean {
  if (x < left || y < top || x > left + w || y > top + h) return false;
  const cx = Math.min(Math.max(x, left + r), left + w - r);
  const cy = Math.min(Math.max(y, top + r), top + h - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The shackle: `M18 46 V26 A14 14 0 0 1 46 26 V46`, stroked 6 wide. */
function inShackle(x: number, y: number): boolean {
  const half = 3;
  if (y >= 26) {
    if (y > 46) return false;
    return Math.abs(x - 18) <= half || Math.abs(x - 46) <= half;
  }
  return Math.abs(Math.hypot(x - 32, y - 26) - 14) <= half;
}

/** The colour at (x, y) of the 64×64 design, or undefined where it is transparent. */
export function iconColourAt(x: number, y: number): Colour | undefined {
  if (!inRoundedRect(x, y, 0, 0, 64, 64, 12)) return undefined;
  if ((x - 32) ** 2 + (y - 42) ** 2 <= 16) return ICON_BLUE; // keyhole
  if (inRoundedRect(x, y, 12, 30, 40, 24, 4) || inShackle(x, y)) return ICON_WHITE;
  return ICON_BLUE;
}

/**
 * RGBA pixels of the icon at `size`×`size`, 4×4 samples per pixel for smooth edges.
 * `maskable`: a full-bleed tile with the padlock shrunk into the safe circle (80% of the size),
 * so launchers can crop it to any shape.
 */
export function drawIcon(size: number, maskable = false): Uint8Array {
  const samples = 4;
  const pixels = new Uint8Array(size * size * 4);
  const scale = maskable ? 0.75 : 1;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = ((px + (sx + 0.5) / samples) * 64) / size;
          const v = ((py + (sy + 0.5) / samples) * 64) / size;
          // The maskable icon shrinks the design around the centre on a full-size blue tile.
          const design = iconColourAt(32 + (u - 32) / scale, 32 + (v - 32) / scale);
          const colour = design ?? (maskable ? ICON_BLUE : undefined);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const at = (py * size + px) * 4;
      if (a === 0) continue;
      pixels[at] = Math.round(r / a);
      pixels[at + 1] = Math.round(g / a);
      pixels[at + 2] = Math.round(b / a);
      pixels[at + 3] = Math.round((a * 255) / (samples * samples));
    }
  }
  return pixels;
}
