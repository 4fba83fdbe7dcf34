import {
  handlePosition,
  HANDLES,
  type Point,
  type Shape,
  type Size,
} from '../../model/geometry.ts';
import { toScreen, type Viewport } from '../../model/viewport.ts';
import type { Preview } from '../../image/tools/tool.ts';
import { rotationHandle } from '../../image/tools/rbox.ts';
import {
  rboxRing,
  screenRect,
  traceKeypoints,
  traceNodes,
  tracePath,
  traceShape,
} from './trace.ts';

// The overlay layer: selection outlines and handles, the gesture in progress, the crosshair.

type Ctx = CanvasRenderingContext2D;
const HANDLE_SIZE = 8;

export interface OverlayState {
  selected: readonly Shape[];
  preview: Preview | undefined;
  view: Viewport;
  viewSize: Size;
  colorOf: (label: string) => string;
  edgesOf: (label: string) => readonly (readonly [number, number])[];
  /** The colour of the shape being drawn. */
  drawColor: string;
  /** Where the crosshair crosses, in image pixels; undefined for none. */
  crosshair: Point | undefined;
}

function handle(ctx: Ctx, p: Point) {
  ctx.rect(p.x - HANDLE_SIZE / 2, p.y - HANDLE_SIZE / 2, HANDLE_SIZE, HANDLE_SIZE);
}

/** Handles of the one selected shape: box handles, vertices, the rotation knob, nodes. */
function drawHandles(ctx: Ctx, shape: Shape, view: Viewport) {
  ctx.beginPath();
  if (shape.type === 'box')
    for (const h of HANDLES) handle(ctx, toScreen(view, handlePosition(shape, h)));
  if (shape.type === 'polygon' || shape.type === 'polyline')
    for (const [x, y] of shape.points) handle(ctx, toScreen(view, { x, y }));
  if (shape.type === 'rbox') {
    for (const [x, y] of rboxRing(shape)) handle(ctx, toScreen(view, { x, y }));
    const knob = toScreen(view, rotationHandle(shape, 24 / view.scale));
    ctx.moveTo(knob.x + HANDLE_SIZE / 2 + 1, knob.y);
    ctx.arc(knob.x, knob.y, HANDLE_SIZE / 2 + 1, 0, Math.PI * 2);
  }
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#1f2937';
  ctx.stroke();
}

function drawShape(ctx: Ctx, shape: Shape, s: OverlayState) {
  const color = s.colorOf(shape.label);
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2.5;
  if (shape.type === 'keypoints') {
    ctx.beginPath();
    traceKeypoints(ctx, shape, s.edgesOf(shape.label), s.view);
    ctx.stroke();
    ctx.beginPath();
    traceNodes(ctx, shape, s.view, 2);
    ctx.fill();
    ctx.beginPath();
    traceNodes(ctx, shape, s.view, 1);
    ctx.stroke();
    return;
  }
  ctx.beginPath();
  traceShape(ctx, shape, s.view);
  if (shape.type !== 'polyline') {
    ctx.globalAlpha = 0.25;
    ctx.fill('evenodd');
    ctx.globalAlpha = 1;
  }
  ctx.stroke();
}

function drawDraft(ctx: Ctx, draft: Preview, s: OverlayState) {
  const { view } = s;
  ctx.strokeStyle = s.drawColor;
  ctx.fillStyle = s.drawColor;
  ctx.lineWidth = 2;
  ctx.setLineDash([6, 4]);
  if (draft.box) {
    ctx.beginPath();
    const r = screenRect(draft.box, view);
    ctx.rect(r.x, r.y, r.w, r.h);
    ctx.stroke();
  }
  if (draft.rbox) {
    ctx.beginPath();
    tracePath(
      ctx,
      rboxRing({ ...draft.rbox, type: 'rbox' } as Extract<Shape, { type: 'rbox' }>),
      view,
    );
    ctx.stroke();
  }
  ctx.setLineDash([]);
  if (draft.point) {
    ctx.beginPath();
    traceShape(ctx, { type: 'point', ...draft.point } as Shape, view);
    ctx.fill();
  }
  if (draft.polygon) {
    const { points, cursor, closable } = draft.polygon;
    ctx.beginPath();
    tracePath(ctx, cursor ? [...points, [cursor.x, cursor.y]] : points, view, false);
    ctx.setLineDash([6, 4]);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    for (const [x, y] of points) handle(ctx, toScreen(view, { x, y }));
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.stroke();
    if (closable && points[0]) {
      // The first vertex grows to say "click to close".
      const first = toScreen(view, { x: points[0][0], y: points[0][1] });
      ctx.beginPath();
      ctx.arc(first.x, first.y, HANDLE_SIZE, 0, Math.PI * 2);
      ctx.stroke();
    }
  }
  if (draft.keypoints) {
    const shape = { type: 'keypoints', points: draft.keypoints.points } as Extract<
      Shape,
      { type: 'keypoints' }
    >;
    drawShape(ctx, { ...shape, label: '' }, { ...s, colorOf: () => s.drawColor });
  }
  if (draft.brush) {
    const { path, at, radius, erase } = draft.brush;
    const width = Math.max(1, 2 * radius * view.scale);
    if (path.length > 0) {
      // The stroke as one thick line: the overlay's only work per pointer move.
      ctx.beginPath();
      tracePath(
        ctx,
        [...path.map((p) => [p.x, p.y]), [path.at(-1)!.x, path.at(-1)!.y + 0.001]],
        view,
        false,
      );
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.lineWidth = width;
      ctx.globalAlpha = 0.5;
      ctx.strokeStyle = erase ? '#ffffff' : s.drawColor;
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.lineCap = 'butt';
    }
    if (at) {
      const c = toScreen(view, at);
      ctx.beginPath();
      ctx.arc(c.x, c.y, width / 2, 0, Math.PI * 2);
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = erase ? '#ffffff' : s.drawColor;
      ctx.stroke();
    }
  }
}

function drawCrosshair(ctx: Ctx, at: Point, s: OverlayState) {
  const c = toScreen(s.view, at);
  ctx.beginPath();
  ctx.moveTo(0, Math.round(c.y) + 0.5);
  ctx.lineTo(s.viewSize.width, Math.round(c.y) + 0.5);
  ctx.moveTo(Math.round(c.x) + 0.5, 0);
  ctx.lineTo(Math.round(c.x) + 0.5, s.viewSize.height);
  ctx.lineWidth = 1;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.setLineDash([4, 4]);
  ctx.stroke();
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.85)';
  ctx.lineDashOffset = 4;
  ctx.stroke();
  ctx.lineDashOffset = 0;
  ctx.setLineDash([]);
}

/** Selection outlines and handles, the gesture in progress, and the crosshair. */
export function drawOverlay(ctx: Ctx, s: OverlayState) {
  const editing = new Set(s.preview?.shapes.map((p) => p.id));
  const shapes = [...s.selected.filter((x) => !editing.has(x.id)), ...(s.preview?.shapes ?? [])];
  for (const shape of shapes) drawShape(ctx, shape, s);
  if (shapes.length === 1 && !shapes[0]!.locked) drawHandles(ctx, shapes[0]!, s.view);
  if (s.preview) drawDraft(ctx, s.preview, s);
  if (s.crosshair) drawCrosshair(ctx, s.crosshair, s);
}
