// Intersection over union of boxes and polygons, in image pixels.
//
// Polygon intersection area, for any simple polygon (concave too), without a clipping
// library. Each edge that is not vertical stands for the trapezoid between it and a common
// baseline (the least y of both polygons), signed by the edge's direction: the signed
// trapezoids add up to the polygon's winding number at every point (+1 inside, 0 outside,
// once both polygons are wound the same way; the shoelace formula is the same sum, for
// areas). So
//   area(A ∩ B) = Σ_e Σ_f sign(e) · sign(f) · area(trapezoid(e) ∩ trapezoid(f)),
// and two trapezoids on one baseline meet in the region between it and the nearer edge,
// over the x range they share: a closed-form integral, no clipping, no allocation. Only
// edge pairs whose x ranges overlap contribute. Shared and touching edges need no special
// case: the integral is the same whichever of two equal edges is taken.
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

/** A non-vertical edge, left to right: y = y0 + slope · (x − x0) for x in [x0, x1]. */
interface Edge {
  x0: number;
  x1: number;
  y0: number;
  slope: number;
  sign: 1 | -1;
}

/** A polygon made ready for repeated intersection with others. */
export interface Region {
  area: number;
  bounds: Bounds;
  /** Ordered by x0. */
  edges: Edge[];
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
 * pairs that cannot reach the threshold without measuring their intersection.
 */
export function regionIoUBound(a: Region, b: Region): number {
  const w = Math.min(a.bounds.maxX, b.bounds.maxX) - Math.max(a.bounds.minX, b.bounds.minX);
  const h = Math.min(a.bounds.maxY, b.bounds.maxY) - Math.max(a.bounds.minY, b.bounds.minY);
  if (w <= 0 || h <= 0) return 0;
  return iouOf(Math.min(w * h, a.area, b.area), a.area, b.area);
}

export function polygonRegion(points: readonly Point[]): Region {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    twice += x1 * y2 - x2 * y1;
  }
  const orientation = twice < 0 ? -1 : 1;
  const edges: Edge[] = [];
  for (let i = 0; i < points.length; i++) {
    const [px, py] = points[i]!;
    const [qx, qy] = points[(i + 1) % points.length]!;
    if (px === qx) continue; // a vertical edge bounds a trapezoid of no width
    const slope = (qy - py) / (qx - px);
    // Leftward edges of a positively wound outline add their trapezoid, rightward ones take
    // theirs away (the shoelace sum written as Σ (x_i − x_i+1) · (y_i + y_i+1)).
    const sign = (px > qx ? orientation : -orientation) as 1 | -1;
    edges.push(
      px < qx ? { x0: px, x1: qx, y0: py, slope, sign } : { x0: qx, x1: px, y0: qy, slope, sign },
    );
  }
  edges.sort((e, f) => e.x0 - f.x0);
  return { area: Math.abs(twice) / 2, bounds: boundsOf(points), edges };
}

export function intersectionArea(a: Region, b: Region): number {
  if (!overlaps(a.bounds, b.bounds)) return 0;
  const base = Math.min(a.bounds.minY, b.bounds.minY);
  let sum = 0;
  for (const e of a.edges) {
    if (e.x1 <= b.bounds.minX || e.x0 >= b.bounds.maxX) continue;
    for (const f of b.edges) {
      if (f.x0 >= e.x1) break; // ordered by x0: no later edge reaches back
      if (f.x1 <= e.x0) continue;
      sum += e.sign * f.sign * underBoth(e, f, base);
    }
  }
  // Rounding can leave a hair outside [0, min area].
  return Math.min(Math.max(sum, 0), a.area, b.area);
}

/** Area between the baseline and the nearer of two edges, over the x range they share. */
function underBoth(e: Edge, f: Edge, base: number): number {
  const lo = Math.max(e.x0, f.x0);
  const hi = Math.min(e.x1, f.x1);
  if (hi <= lo) return 0;
  const eLo = e.y0 + e.slope * (lo - e.x0);
  const eHi = e.y0 + e.slope * (hi - e.x0);
  const fLo = f.y0 + f.slope * (lo - f.x0);
  const fHi = f.y0 + f.slope * (hi - f.x0);
  const dLo = eLo - fLo;
  const dHi = eHi - fHi;
  if (dLo <= 0 && dHi <= 0) return (hi - lo) * ((eLo + eHi) / 2 - base);
  if (dLo >= 0 && dHi >= 0) return (hi - lo) * ((fLo + fHi) / 2 - base);
  // The edges cross inside the range: the lower one changes there.
  const x = lo + ((hi - lo) * dLo) / (dLo - dHi);
  const y = e.y0 + e.slope * (x - e.x0);
  return (
    (x - lo) * ((Math.min(eLo, fLo) + y) / 2 - base) +
    (hi - x) * ((y + Math.min(eHi, fHi)) / 2 - base)
  );
}

function iouOf(shared: number, a: number, b: number): number {
  const union = a + b - shared;
  // Two shapes without area share none: they never match, even when drawn alike.
  return union > 0 && shared > 0 ? shared / union : 0;
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
