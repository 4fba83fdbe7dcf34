import type { ImageGeometry } from './annotation.ts';
import type { Rect } from './geometry.ts';
import { rleBounds } from './rle.ts';
import { rotatedCorners } from './rotated-box.ts';

// The region any image annotation covers, as one axis-aligned rectangle in original-image
// pixels: what culling, "zoom to selection" and the intake's "inside the image" check need,
// whatever the shape.

/** The rectangle holding the points; empty (0 × 0 at the origin) when there are none. */
export function boundsOfPoints(points: Iterable<readonly [number, number, ...unknown[]]>): Rect {
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
  if (minX === Infinity) return { x: 0, y: 0, w: 0, h: 0 };
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** The rectangle holding the annotation; empty (0 × 0 at the origin) when it has no pixels. */
export function extentOf(a: ImageGeometry): Rect {
  switch (a.type) {
    case 'box':
      return { x: a.x, y: a.y, w: a.w, h: a.h };
    case 'point':
      return { x: a.x, y: a.y, w: 0, h: 0 };
    case 'polygon':
    case 'polyline':
      return boundsOfPoints(a.points);
    case 'multipolygon':
      return boundsOfPoints(a.parts.flat());
    case 'keypoints':
      // Nodes not labeled (v = 0) sit at 0, 0 by convention: they are not part of the pose.
      return boundsOfPoints(a.points.filter((p) => p[2] !== 0));
    case 'rbox':
      return boundsOfPoints(rotatedCorners(a).map((p) => [p.x, p.y] as const));
    case 'mask':
      return rleBounds(a.rle) ?? { x: 0, y: 0, w: 0, h: 0 };
  }
}

/**
 * Why the annotation does not fit an image of `width` × `height`, or undefined when it does:
 * everything within `tolerance` pixels of the image (rounding of other tools' exports), a
 * mask exactly the image's size.
 */
export function outsideImage(
  a: ImageGeometry,
  width: number,
  height: number,
  tolerance = 0.5,
): string | undefined {
  if (a.type === 'mask') {
    const [h, w] = a.rle.size;
    return h === height && w === width
      ? undefined
      : `the mask is ${w} × ${h} pixels, the image ${width} × ${height}`;
  }
  const r = extentOf(a);
  if (
    r.x < -tolerance ||
    r.y < -tolerance ||
    r.x + r.w > width + tolerance ||
    r.y + r.h > height + tolerance
  )
    return `the ${a.type} reaches outside the ${width} × ${height} image (x ${round(r.x)}…${round(r.x + r.w)}, y ${round(r.y)}…${round(r.y + r.h)})`;
  return undefined;
}

const round = (v: number) => Math.round(v * 100) / 100;
