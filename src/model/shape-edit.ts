import type {
  KeypointsAnnotation,
  MaskAnnotation,
  MultiPolygonAnnotation,
  PolylineAnnotation,
  RotatedBoxAnnotation,
} from './annotation.ts';
import type { Point, Size } from './geometry.ts';
import { rotatedCorners } from './rotated-box.ts';

// Moving, clamping and hit-testing the image shapes beyond box, polygon and point: rotated
// boxes, polylines, multipolygons, keypoints and masks. Pure, in original-image pixels.

export type OtherShape =
  | RotatedBoxAnnotation
  | PolylineAnnotation
  | MultiPolygonAnnotation
  | KeypointsAnnotation
  | MaskAnnotation;

type XY = [number, number];

const tidy = (v: number) => Math.round(v * 100) / 100;
const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
const clampXY = ([x, y]: readonly [number, number], image: Size): XY => [
  tidy(clamp(x, 0, image.width)),
  tidy(clamp(y, 0, image.height)),
];

/** The shape moved by (dx, dy). Masks stay where they are: they are edited with the brush. */
export function translateOther<S extends OtherShape>(shape: S, dx: number, dy: number): S {
  const move = ([x, y]: readonly [number, number]): XY => [tidy(x + dx), tidy(y + dy)];
  switch (shape.type) {
    case 'rbox':
      return { ...shape, cx: tidy(shape.cx + dx), cy: tidy(shape.cy + dy) };
    case 'polyline':
      return { ...shape, points: shape.points.map(move) };
    case 'multipolygon':
      return { ...shape, parts: shape.parts.map((part) => part.map(move)) };
    case 'keypoints':
      // Nodes not labeled stay at 0, 0 (COCO's convention).
      return {
        ...shape,
        points: shape.points.map((p) => (p[2] === 0 ? p : [...move([p[0], p[1]]), p[2]])),
      };
    case 'mask':
      return shape;
  }
}

/** The shape with every vertex, node or centre inside the image. */
export function clampOther<S extends OtherShape>(shape: S, image: Size): S {
  switch (shape.type) {
    case 'rbox': {
      const [cx, cy] = clampXY([shape.cx, shape.cy], image);
      return { ...shape, cx, cy };
    }
    case 'polyline':
      return { ...shape, points: shape.points.map((p) => clampXY(p, image)) };
    case 'multipolygon':
      return { ...shape, parts: shape.parts.map((part) => part.map((p) => clampXY(p, image))) };
    case 'keypoints':
      return {
        ...shape,
        points: shape.points.map((p) => (p[2] === 0 ? p : [...clampXY([p[0], p[1]], image), p[2]])),
      };
    case 'mask':
      return shape;
  }
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0, 1);
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

export function insideRing(p: Point, ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p.y !== yj > p.y && p.x < ((xj - xi) * (p.y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function nearPath(p: Point, points: readonly (readonly number[])[], tolerance: number): boolean {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (distanceToSegment(p, { x: a[0]!, y: a[1]! }, { x: b[0]!, y: b[1]! }) <= tolerance)
      return true;
  }
  return false;
}

/** Whether the mask has pixel (x, y) set (runs are column-major). */
export function maskHas(mask: MaskAnnotation, x: number, y: number): boolean {
  const [height, width] = mask.rle.size;
  const px = Math.floor(x);
  const py = Math.floor(y);
  if (px < 0 || py < 0 || px >= width || py >= height) return false;
  const index = px * height + py;
  let at = 0;
  for (let i = 0; i < mask.rle.counts.length; i++) {
    at += mask.rle.counts[i]!;
    if (index < at) return i % 2 === 1;
  }
  return false;
}

/** Whether the pointer at `p` is on the shape (inside it, or within `tolerance` of a line or node). */
export function hitsOther(shape: OtherShape, p: Point, tolerance: number): boolean {
  switch (shape.type) {
    case 'rbox': {
      const ring = rotatedCorners(shape).map((c) => [c.x, c.y] as [number, number]);
      return insideRing(p, ring) || nearPath(p, [...ring, ring[0]!], tolerance);
    }
    case 'polyline':
      return nearPath(p, shape.points, tolerance);
    case 'multipolygon':
      return shape.parts.some(
        (part) => insideRing(p, part) || nearPath(p, [...part, part[0]!], tolerance),
      );
    case 'keypoints':
      return shape.points.some(
        ([x, y, v]) => v !== 0 && Math.hypot(p.x - x, p.y - y) <= Math.max(tolerance, 4),
      );
    case 'mask':
      return maskHas(shape, p.x, p.y);
  }
}
