import { hasImageGeometry, type Annotation, type ImageGeometry } from './annotation.ts';
import { extentOf } from './extent.ts';
import { clampOther, hitsOther, translateOther } from './shape-edit.ts';

// Shape geometry in original-image pixels (floats, origin top-left, x right, y down).
// Everything here is pure and clamps to the image, so no stored shape ever leaves it.

export interface Point {
  x: number;
  y: number;
}
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Size {
  width: number;
  height: number;
}
/** Every annotation drawn on an image. */
export type Shape = ImageGeometry;
export type ShapeType = Shape['type'];
/** The shape types a label can be made for and a tool draws (a multipolygon is a polygon's). */
export const SHAPE_TYPES = [
  'box',
  'polygon',
  'point',
  'rbox',
  'polyline',
  'keypoints',
  'mask',
] as const;
export type DrawnType = (typeof SHAPE_TYPES)[number];

export function isShape(a: Annotation): a is Shape {
  return hasImageGeometry(a);
}

/** The label kind a shape belongs to (a multipolygon is labelled as a polygon). */
export function kindOf(shape: Shape): DrawnType {
  return shape.type === 'multipolygon' ? 'polygon' : shape.type;
}

/** Stored coordinates keep 1/100 px: finer than any labeler can aim, and no float noise. */
export function tidy(v: number): number {
  return Math.round(v * 100) / 100;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

export function clampPoint(p: Point, image: Size): Point {
  return { x: tidy(clamp(p.x, 0, image.width)), y: tidy(clamp(p.y, 0, image.height)) };
}

/** The rectangle spanned by two corners, whichever way it was dragged, inside the image. */
export function rectFromCorners(a: Point, b: Point, image: Size): Rect {
  const p = clampPoint(a, image);
  const q = clampPoint(b, image);
  return {
    x: Math.min(p.x, q.x),
    y: Math.min(p.y, q.y),
    w: tidy(Math.abs(p.x - q.x)),
    h: tidy(Math.abs(p.y - q.y)),
  };
}

export function boundsOf(shape: Shape): Rect {
  return extentOf(shape);
}

export function unionOf(rects: readonly Rect[]): Rect | undefined {
  if (rects.length === 0) return undefined;
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.w));
  const bottom = Math.max(...rects.map((r) => r.y + r.h));
  return { x, y, w: right - x, h: bottom - y };
}

/** Whether two rectangles overlap or touch (used to cull shapes outside the view). */
export function intersects(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
}

/**
 * The move actually allowed for a group whose bounds are `bounds`: the wanted one, reduced
 * so the whole group stays inside the image (shapes keep their size and shape).
 */
export function clampDelta(bounds: Rect, dx: number, dy: number, image: Size): Point {
  return {
    x: clamp(dx, -bounds.x, image.width - bounds.x - bounds.w),
    y: clamp(dy, -bounds.y, image.height - bounds.y - bounds.h),
  };
}

export function translate<S extends Shape>(shape: S, dx: number, dy: number): S {
  if (shape.type !== 'box' && shape.type !== 'polygon' && shape.type !== 'point')
    return translateOther(shape, dx, dy) as S;
  if (shape.type === 'polygon')
    return {
      ...shape,
      points: shape.points.map(([x, y]) => [tidy(x + dx), tidy(y + dy)] as [number, number]),
    };
  return { ...shape, x: tidy(shape.x + dx), y: tidy(shape.y + dy) };
}

/**
 * The shape cut to the image: a box to its part inside, vertices and points onto the border.
 * Undefined when nothing of a box is left (a shape pasted from a bigger image).
 */
export function clampShape(shape: Shape, image: Size): Shape | undefined {
  if (shape.type !== 'box' && shape.type !== 'polygon' && shape.type !== 'point')
    return clampOther(shape, image);
  if (shape.type === 'point') return { ...shape, ...clampPoint(shape, image) };
  if (shape.type === 'polygon')
    return {
      ...shape,
      points: shape.points.map(([x, y]) => {
        const p = clampPoint({ x, y }, image);
        return [p.x, p.y] as [number, number];
      }),
    };
  const r = rectFromCorners(shape, { x: shape.x + shape.w, y: shape.y + shape.h }, image);
  return r.w > 0 && r.h > 0 ? { ...shape, ...r } : undefined;
}

/** Moves shapes together by (dx, dy), as far as the image allows. */
export function moveShapes<S extends Shape>(
  shapes: readonly S[],
  dx: number,
  dy: number,
  image: Size,
): S[] {
  const bounds = unionOf(shapes.map(boundsOf));
  if (!bounds) return [];
  const d = clampDelta(bounds, dx, dy, image);
  return shapes.map((s) => translate(s, d.x, d.y));
}

function distanceToSegment(p: Point, a: Point, b: Point): { distance: number; t: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0, 1);
  return { distance: Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)), t };
}

function insidePolygon(p: Point, points: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > p.y !== yj > p.y && p.x < ((xj - xi) * (p.y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether the pointer at `p` is on the shape: inside it, or within `tolerance` of its outline. */
export function hits(shape: Shape, p: Point, tolerance: number): boolean {
  if (shape.type !== 'box' && shape.type !== 'polygon' && shape.type !== 'point')
    return hitsOther(shape, p, tolerance);
  if (shape.type === 'point') return Math.hypot(p.x - shape.x, p.y - shape.y) <= tolerance;
  if (shape.type === 'box')
    return (
      p.x >= shape.x - tolerance &&
      p.x <= shape.x + shape.w + tolerance &&
      p.y >= shape.y - tolerance &&
      p.y <= shape.y + shape.h + tolerance
    );
  return insidePolygon(p, shape.points) || nearestEdge(shape.points, p, tolerance) !== undefined;
}

function area(shape: Shape): number {
  const b = boundsOf(shape);
  return b.w * b.h;
}

/**
 * Shapes under the pointer, the one a click means first: points, then the smallest, then the
 * one drawn last. Small shapes inside big ones stay reachable; Alt+click walks the rest.
 */
export function shapesAt(shapes: readonly Shape[], p: Point, tolerance: number): Shape[] {
  return shapes
    .map((shape, order) => ({ shape, order }))
    .filter(({ shape }) => hits(shape, p, tolerance))
    .sort((a, b) => area(a.shape) - area(b.shape) || b.order - a.order)
    .map(({ shape }) => shape);
}

/** The vertex within `tolerance` of `p`, nearest first. */
export function nearestVertex(
  points: readonly (readonly [number, number])[],
  p: Point,
  tolerance: number,
): number | undefined {
  let best: number | undefined;
  let bestDistance = tolerance;
  points.forEach(([x, y], i) => {
    const d = Math.hypot(p.x - x, p.y - y);
    if (d <= bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}

/** The edge within `tolerance` of `p` (edge i runs from vertex i to i+1) and the nearest point on it. */
export function nearestEdge(
  points: readonly (readonly [number, number])[],
  p: Point,
  tolerance: number,
): { index: number; at: Point } | undefined {
  let best: { index: number; at: Point } | undefined;
  let bestDistance = tolerance;
  for (let i = 0; i < points.length; i++) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[(i + 1) % points.length]!;
    const { distance, t } = distanceToSegment(p, { x: ax, y: ay }, { x: bx, y: by });
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = { index: i, at: { x: ax + t * (bx - ax), y: ay + t * (by - ay) } };
    }
  }
  return best;
}

/** Resize handles of a box: corners and edge midpoints, named by compass direction. */
export const HANDLES = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'] as const;
export type Handle = (typeof HANDLES)[number];

export function handlePosition(rect: Rect, handle: Handle): Point {
  const x = handle.includes('w')
    ? rect.x
    : handle.includes('e')
      ? rect.x + rect.w
      : rect.x + rect.w / 2;
  const y = handle.includes('n')
    ? rect.y
    : handle.includes('s')
      ? rect.y + rect.h
      : rect.y + rect.h / 2;
  return { x, y };
}

export function handleAt(rect: Rect, p: Point, tolerance: number): Handle | undefined {
  return HANDLES.find((h) => {
    const at = handlePosition(rect, h);
    return Math.abs(p.x - at.x) <= tolerance && Math.abs(p.y - at.y) <= tolerance;
  });
}

/**
 * The box after dragging one handle to `p`: the opposite edges stay, the dragged ones follow
 * the pointer (inside the image). Dragging past the opposite edge flips the box.
 */
export function resizeRect(rect: Rect, handle: Handle, p: Point, image: Size): Rect {
  let left = rect.x;
  let top = rect.y;
  let right = rect.x + rect.w;
  let bottom = rect.y + rect.h;
  const q = clampPoint(p, image);
  if (handle.includes('w')) left = q.x;
  if (handle.includes('e')) right = q.x;
  if (handle.includes('n')) top = q.y;
  if (handle.includes('s')) bottom = q.y;
  return rectFromCorners({ x: left, y: top }, { x: right, y: bottom }, image);
}

/** Polygon points with vertex `index` moved to `p` (inside the image). */
export function moveVertex(
  points: readonly [number, number][],
  index: number,
  p: Point,
  image: Size,
): [number, number][] {
  const q = clampPoint(p, image);
  return points.map((v, i) => (i === index ? [q.x, q.y] : v));
}

/** Polygon points with a new vertex at `p` after vertex `index` (on edge `index`). */
export function insertVertex(
  points: readonly [number, number][],
  index: number,
  p: Point,
  image: Size,
): [number, number][] {
  const q = clampPoint(p, image);
  return [...points.slice(0, index + 1), [q.x, q.y], ...points.slice(index + 1)];
}

/** Points without vertex `index`; undefined when that would leave fewer than `least` (a polygon's 3). */
export function removeVertex(
  points: readonly [number, number][],
  index: number,
  least = 3,
): [number, number][] | undefined {
  if (points.length <= least) return undefined;
  return points.filter((_, i) => i !== index);
}
