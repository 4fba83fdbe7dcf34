import type { Rect, Shape } from '../../model/geometry.ts';
import { rotatedCorners } from '../../model/rotated-box.ts';
import { toScreen, type Viewport } from '../../model/viewport.ts';

// Shapes as canvas paths in screen (CSS) pixels: the shapes layer batches them per colour,
// the overlay draws the selected ones and the gesture in progress.

type Ctx = CanvasRenderingContext2D;

export const POINT_RADIUS = 4;
/** Keypoint nodes: visible ones filled, hidden ones (v = 1) a ring. */
export const NODE_RADIUS = 4;

/**
 * A vertex this close (in screen pixels, across plus down) to the last one drawn adds nothing
 * to see, only rasterizing work: 1,000 polygons of 50 vertices at Fit are mostly such vertices.
 */
const SAME_PIXEL = 1;

export function tracePath(
  ctx: Ctx,
  points: readonly (readonly number[])[],
  view: Viewport,
  close = true,
) {
  const last = points.length - 1;
  let px = 0;
  let py = 0;
  points.forEach(([x, y], i) => {
    const p = toScreen(view, { x: x!, y: y! });
    if (i === 0) ctx.moveTo(p.x, p.y);
    else if (i === last || Math.abs(p.x - px) + Math.abs(p.y - py) >= SAME_PIXEL)
      ctx.lineTo(p.x, p.y);
    else return;
    px = p.x;
    py = p.y;
  });
  if (close) ctx.closePath();
}

/** A box on screen with whole-pixel edges (at least 1 px, so a tiny box stays visible). */
export function screenRect(box: Rect, view: Viewport): Rect {
  const a = toScreen(view, box);
  const b = toScreen(view, { x: box.x + box.w, y: box.y + box.h });
  const x = Math.round(Math.min(a.x, b.x));
  const y = Math.round(Math.min(a.y, b.y));
  return {
    x,
    y,
    w: Math.max(1, Math.round(Math.max(a.x, b.x)) - x),
    h: Math.max(1, Math.round(Math.max(a.y, b.y)) - y),
  };
}

export function rboxRing(shape: Extract<Shape, { type: 'rbox' }>): [number, number][] {
  return rotatedCorners(shape).map((c) => [c.x, c.y]);
}

/** The skeleton's edges between labeled nodes, then a small circle per labeled node. */
export function traceKeypoints(
  ctx: Ctx,
  shape: Extract<Shape, { type: 'keypoints' }>,
  edges: readonly (readonly [number, number])[],
  view: Viewport,
) {
  for (const [a, b] of edges) {
    const p = shape.points[a];
    const q = shape.points[b];
    if (!p || !q || p[2] === 0 || q[2] === 0) continue;
    tracePath(ctx, [p, q], view, false);
  }
}

export function traceNodes(
  ctx: Ctx,
  shape: Extract<Shape, { type: 'keypoints' }>,
  view: Viewport,
  visibility: 1 | 2,
) {
  for (const [x, y, v] of shape.points) {
    if (v !== visibility) continue;
    const p = toScreen(view, { x, y });
    ctx.moveTo(p.x + NODE_RADIUS, p.y);
    ctx.arc(p.x, p.y, NODE_RADIUS, 0, Math.PI * 2);
  }
}

/** The outline of any shape but a mask or keypoints, as one path (open for a polyline). */
export function traceShape(ctx: Ctx, shape: Shape, view: Viewport) {
  switch (shape.type) {
    case 'box': {
      const r = screenRect(shape, view);
      ctx.rect(r.x, r.y, r.w, r.h);
      return;
    }
    case 'polygon':
      return tracePath(ctx, shape.points, view);
    case 'multipolygon':
      for (const part of shape.parts) tracePath(ctx, part, view);
      return;
    case 'rbox':
      return tracePath(ctx, rboxRing(shape), view);
    case 'polyline':
      return tracePath(ctx, shape.points, view, false);
    case 'point': {
      const p = toScreen(view, shape);
      ctx.moveTo(p.x + POINT_RADIUS, p.y);
      ctx.arc(p.x, p.y, POINT_RADIUS, 0, Math.PI * 2);
      return;
    }
    case 'keypoints':
      traceNodes(ctx, shape, view, 2);
      traceNodes(ctx, shape, view, 1);
      return;
    case 'mask':
      return;
  }
}
