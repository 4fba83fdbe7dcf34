import { describe, expect, it } from 'vitest';
import { paintStroke, type Stroke } from '../../../src/image/mask-paint.ts';

/** The reference: every pixel centre within the radius of any segment, checked one by one. */
function byHand(width: number, height: number, stroke: Stroke): Uint8Array {
  const mask = new Uint8Array(width * height);
  const near = (px: number, py: number) =>
    stroke.path.some((a, i) => {
      const b = stroke.path[Math.min(i + 1, stroke.path.length - 1)]!;
      if (i > 0 && i === stroke.path.length - 1) return false;
      const [dx, dy] = [b.x - a.x, b.y - a.y];
      const l2 = dx * dx + dy * dy;
      const t = l2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - a.x) * dx + (py - a.y) * dy) / l2));
      return Math.hypot(px - a.x - t * dx, py - a.y - t * dy) <= stroke.radius;
    });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (near(x + 0.5, y + 0.5)) mask[y * width + x] = 1;
  return mask;
}

describe('painting a brush stroke onto a mask', () => {
  const image = { width: 60, height: 40 };
  const zigzag: Stroke = {
    path: [
      { x: 3, y: 3 },
      { x: 20, y: 35 },
      { x: 21, y: 35 },
      { x: 40, y: 5.5 },
      { x: 58, y: 39 },
    ],
    radius: 2.5,
    erase: false,
  };

  it('sets exactly the pixels whose centre is within the radius of the path', () => {
    const mask = new Uint8Array(image.width * image.height);
    expect(paintStroke(mask, image, zigzag)).toBe(true);
    expect(mask).toEqual(byHand(image.width, image.height, zigzag));
  });

  it('paints a single click as a disc, and clips at the picture edge', () => {
    const dot: Stroke = { path: [{ x: 0.5, y: 0.5 }], radius: 2, erase: false };
    const mask = new Uint8Array(image.width * image.height);
    paintStroke(mask, image, dot);
    expect(mask).toEqual(byHand(image.width, image.height, dot));
    // Centres within 2 of the corner pixel's centre: 0.5 + 0, 1, 2 across and down, and 1, 1 diagonal.
    expect(mask.reduce((n, v) => n + v, 0)).toBe(6);
  });

  it('erases the same pixels it painted, and says when nothing changed', () => {
    const mask = new Uint8Array(image.width * image.height);
    paintStroke(mask, image, zigzag);
    expect(paintStroke(mask, image, zigzag)).toBe(false);
    expect(paintStroke(mask, image, { ...zigzag, erase: true })).toBe(true);
    expect(mask.every((v) => v === 0)).toBe(true);
  });

  it('paints a 400-move zig-zag across a 12-MP picture in well under a second of work', () => {
    // Not a timing assertion: it counts the pixel tests, which the old whole-box pass made
    // 12 million × 400.
    const big = { width: 4000, height: 3000 };
    const path = Array.from({ length: 401 }, (_, i) => ({
      x: 400 + i * 8,
      y: Math.floor(i / 50) % 2 === 0 ? 400 + (i % 50) * 44 : 2600 - (i % 50) * 44,
    }));
    const mask = new Uint8Array(big.width * big.height);
    let tests = 0;
    const counted = new Proxy(mask, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) tests++;
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
      set(target, key, v) {
        return Reflect.set(target, key, v);
      },
    });
    expect(paintStroke(counted, big, { path, radius: 12, erase: false })).toBe(true);
    expect(tests).toBeLessThan(2_000_000);
  });
});
