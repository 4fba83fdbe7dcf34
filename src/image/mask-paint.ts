import type { Point, Rect, Size } from '../model/geometry.ts';

// Mask painting, pure: a brush stroke is a path and a radius; on release it is rasterized
// onto the mask (row by row, 1 = set) segment by segment, each over its own bounding box, so a
// stroke on a 12-MP image touches the pixels near its path, not twelve million.

export interface Stroke {
  path: Point[];
  radius: number;
  /** Erasing clears pixels instead of setting them. */
  erase: boolean;
}

/** The whole pixels a stroke may touch, inside the image. */
export function strokeBounds(stroke: Stroke, image: Size): Rect | undefined {
  if (stroke.path.length === 0) return undefined;
  const r = stroke.radius;
  const xs = stroke.path.map((p) => p.x);
  const ys = stroke.path.map((p) => p.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - r));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - r));
  const x1 = Math.min(image.width, Math.ceil(Math.max(...xs) + r));
  const y1 = Math.min(image.height, Math.ceil(Math.max(...ys) + r));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : undefined;
}

function distanceToSegment(px: number, py: number, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - a.x) * dx + (py - a.y) * dy) / length2));
  return Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
}

/**
 * Paints the stroke onto `mask` (width × height, row by row): every pixel whose centre lies
 * within `radius` of the path is set (or cleared). Returns whether any pixel changed. Each
 * segment is rasterized over its own bounding box: a zig-zag across a 12-MP picture touches the
 * pixels near its path, not every pixel of the stroke's box against every segment (which froze
 * the page for minutes on release).
 */
export function paintStroke(mask: Uint8Array, image: Size, stroke: Stroke): boolean {
  if (!strokeBounds(stroke, image)) return false;
  const value = stroke.erase ? 0 : 1;
  const segments =
    stroke.path.length === 1
      ? [[stroke.path[0]!, stroke.path[0]!] as const]
      : stroke.path.slice(1).map((b, i) => [stroke.path[i]!, b] as const);
  let changed = false;
  for (const [a, b] of segments) {
    const box = strokeBounds({ ...stroke, path: [a, b] }, image);
    if (!box) continue;
    for (let y = box.y; y < box.y + box.h; y++)
      for (let x = box.x; x < box.x + box.w; x++) {
        const at = y * image.width + x;
        if (mask[at] === value) continue;
        if (distanceToSegment(x + 0.5, y + 0.5, a, b) <= stroke.radius) {
          mask[at] = value;
          changed = true;
        }
      }
  }
  return changed;
}

/** Sets every pixel whose centre is inside the polygon (even-odd rule), row by row. */
export function fillPolygon(
  mask: Uint8Array,
  image: Size,
  points: readonly (readonly [number, number])[],
): void {
  for (let y = 0; y < image.height; y++) {
    const cy = y + 0.5;
    const crossings: number[] = [];
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      if (yi > cy !== yj > cy) crossings.push(((xj - xi) * (cy - yi)) / (yj - yi) + xi);
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil(crossings[k]! - 0.5));
      const to = Math.min(image.width - 1, Math.floor(crossings[k + 1]! - 0.5));
      for (let x = from; x <= to; x++) mask[y * image.width + x] = 1;
    }
  }
}
