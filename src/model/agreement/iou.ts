// Intersection over union of boxes and polygons, in image pixels.
//
// Polygon intersection area, for any simple polygon (concave too), without a clipping
// library: fan each polygon into triangles from its first vertex, each triangle signed by
// its winding. The signed triangles add up to the polygon's winding number at every point
// (+1 inside, 0 outside, once both polygons are wound the same way), so
//   area(A ∩ B) = Σ_t Σ_u sign(t) · sign(u) · area(t ∩ u),
// and t ∩ u is the intersection of two convex shapes (Sutherland–Hodgman clipping).
// O(n · m) triangle pairs, most skipped by their bounding boxes.
//
// A self-crossing outline (a bow tie) has lobes of opposite winding; they count against
// each other here, as they do in the shoelace area. The annotation tools draw simple
// polygons; a crossed one gets a smaller IoU than its drawing suggests, never NaN.

export type Point = readonly [number, number];

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface Triangle extends Bounds {
  /** Wound so its shoelace area is positive. */
  corners: [Point, Point, Point];
  sign: 1 | -1;
}

/** A polygon made ready for repeated intersection with others. */
export interface Region {
  area: number;
  bounds: Bounds;
  triangles: Triangle[];
}

export function boxIoU(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  const shared = w > 0 && h > 0 ? w * h : 0;
  return iouOf(shared, a.w * a.h, b.w * b.h);
}

export function polygonIoU(a: readonly Point[], b: readonly Point[]): number {
  return regionIoU(polygonRegion(a), polygonRegion(b));
}

export function regionIoU(a: Region, b: Region): number {
  return iouOf(intersectionArea(a, b), a.area, b.area);
}

/**
 * An upper bound of the IoU from areas and bounding boxes alone, so matching can skip
 * pairs that cannot reach the threshold without clipping a single triangle.
 */
export function regionIoUBound(a: Region, b: Region): number {
  const w = Math.min(a.bounds.maxX, b.bounds.maxX) - Math.max(a.bounds.minX, b.bounds.minX);
  const h = Math.min(a.bounds.maxY, b.bounds.maxY) - Math.max(a.bounds.minY, b.bounds.minY);
  if (w <= 0 || h <= 0) return 0;
  return iouOf(Math.min(w * h, a.area, b.area), a.area, b.area);
}

export function polygonRegion(points: readonly Point[]): Region {
  const twice = twiceSignedArea(points);
  const orientation = twice < 0 ? -1 : 1;
  const origin = points[0]!;
  const triangles: Triangle[] = [];
  for (let i = 1; i + 1 < points.length; i++) {
    const p = points[i]!;
    const q = points[i + 1]!;
    const turn = cross(origin, p, q);
    if (turn === 0) continue; // no area
    triangles.push({
      corners: turn > 0 ? [origin, p, q] : [origin, q, p],
      sign: (Math.sign(turn) * orientation) as 1 | -1,
      ...boundsOf([origin, p, q]),
    });
  }
  return { area: Math.abs(twice) / 2, bounds: boundsOf(points), triangles };
}

export function intersectionArea(a: Region, b: Region): number {
  if (!overlaps(a.bounds, b.bounds)) return 0;
  let sum = 0;
  for (const t of a.triangles) {
    if (!overlaps(t, b.bounds)) continue;
    for (const u of b.triangles) {
      if (!overlaps(t, u)) continue;
      sum += t.sign * u.sign * convexIntersectionArea(t.corners, u.corners);
    }
  }
  // Rounding can leave a hair outside [0, min area].
  return Math.min(Math.max(sum, 0), a.area, b.area);
}

function iouOf(shared: number, a: number, b: number): number {
  const union = a + b - shared;
  // Two shapes without area share none: they never match, even when drawn alike.
  return union > 0 && shared > 0 ? shared / union : 0;
}

/** Positive when a → b → c turns the way the shoelace formula counts as positive. */
function cross(a: Point, b: Point, c: Point): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function twiceSignedArea(points: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    twice += x1 * y2 - x2 * y1;
  }
  return twice;
}

/** Area of the intersection of two convex polygons, both wound positively. */
function convexIntersectionArea(subject: readonly Point[], clip: readonly Point[]): number {
  let polygon: Point[] = [...subject];
  for (let i = 0; i < clip.length && polygon.length > 0; i++) {
    const from = clip[i]!;
    const to = clip[(i + 1) % clip.length]!;
    const input = polygon;
    polygon = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j]!;
      const q = input[(j + 1) % input.length]!;
      const sp = cross(from, to, p);
      const sq = cross(from, to, q);
      if (sp >= 0) polygon.push(p);
      if (sp >= 0 !== sq >= 0) {
        const t = sp / (sp - sq);
        polygon.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
  }
  return polygon.length < 3 ? 0 : Math.max(0, twiceSignedArea(polygon) / 2);
}

function boundsOf(points: readonly Point[]): Bounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
}

/** True when two bounding boxes share area (touching edges share none). */
function overlaps(a: Bounds, b: Bounds): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}
