import type { Point, Rect, Size } from './geometry.ts';

// The one place where screen and image coordinates meet. Screen coordinates are CSS pixels
// from the canvas's top-left corner (what pointer events give after subtracting the canvas's
// position); image coordinates are original-image pixels. devicePixelRatio never enters
// this mapping: it only decides how many device pixels back the canvas (pixelRatioFor).
//
//   screen = turn(image) × scale + offset
//
// where turn rotates the view by quarter turns clockwise (y points down), for X-ray and
// scanned images that arrive on their side. Stored coordinates never rotate.

export type QuarterTurn = 0 | 90 | 180 | 270;

export interface Viewport {
  scale: number;
  x: number;
  y: number;
  /** Clockwise rotation of the view in degrees; absent is 0. */
  rotation?: QuarterTurn;
}

/** From a 12000-px image in a small window (fit) to inspecting single pixels. */
export const MIN_SCALE = 1 / 64;
export const MAX_SCALE = 32;
/** One wheel notch or one +/− press. */
export const ZOOM_STEP = 1.25;

/** No canvas may hold more device pixels than this (Safari refuses bigger ones; keep memory small). */
export const MAX_CANVAS_PIXELS = 16_777_216;

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** A vector turned by the view's rotation (image axes → screen axes). */
function turn(r: QuarterTurn | undefined, x: number, y: number): Point {
  if (r === 90) return { x: -y, y: x };
  if (r === 180) return { x: -x, y: -y };
  if (r === 270) return { x: y, y: -x };
  return { x, y };
}

function unturn(r: QuarterTurn | undefined, x: number, y: number): Point {
  return turn(r === 90 ? 270 : r === 270 ? 90 : r, x, y);
}

export function toImage(v: Viewport, screen: Point): Point {
  const p = unturn(v.rotation, screen.x - v.x, screen.y - v.y);
  return { x: p.x / v.scale, y: p.y / v.scale };
}

export function toScreen(v: Viewport, image: Point): Point {
  const p = turn(v.rotation, image.x * v.scale, image.y * v.scale);
  return { x: p.x + v.x, y: p.y + v.y };
}

/** Moves the offset so the image point `anchor` lands on `screen`. */
function anchored(v: Viewport, anchor: Point, screen: Point): Viewport {
  const p = turn(v.rotation, anchor.x * v.scale, anchor.y * v.scale);
  return { ...v, x: screen.x - p.x, y: screen.y - p.y };
}

/** Zooms by `factor` keeping the image point under `screen` where it is. */
export function zoomAround(v: Viewport, screen: Point, factor: number): Viewport {
  const scale = clampScale(v.scale * factor);
  return anchored({ ...v, scale }, toImage(v, screen), screen);
}

/** The image's size as the view shows it (width and height swap on a quarter turn). */
export function turnedSize(image: Size, rotation: QuarterTurn | undefined): Size {
  return rotation === 90 || rotation === 270 ? { width: image.height, height: image.width } : image;
}

/** The whole image, centred, with a margin around it. */
export function fit(image: Size, view: Size, margin = 16, rotation?: QuarterTurn): Viewport {
  const shown = turnedSize(image, rotation);
  const room = {
    width: Math.max(1, view.width - 2 * margin),
    height: Math.max(1, view.height - 2 * margin),
  };
  const scale = clampScale(Math.min(room.width / shown.width, room.height / shown.height));
  return centred(image, view, scale, rotation);
}

/**
 * One image pixel per CSS pixel, keeping the point at the centre of the view in place.
 * Exactly scale 1 with whole-pixel offsets, so every image pixel covers one screen pixel
 * (a labeler checking an edge sees the true pixels, not a resampled blur).
 */
export function actualSize(v: Viewport, view: Size): Viewport {
  const centre = { x: view.width / 2, y: view.height / 2 };
  const at = anchored({ ...v, scale: 1 }, toImage(v, centre), centre);
  return { ...at, x: Math.round(at.x), y: Math.round(at.y) };
}

function centred(image: Size, view: Size, scale: number, rotation?: QuarterTurn): Viewport {
  const v: Viewport = { scale, x: 0, y: 0, ...(rotation ? { rotation } : {}) };
  return anchored(
    v,
    { x: image.width / 2, y: image.height / 2 },
    { x: view.width / 2, y: view.height / 2 },
  );
}

/** The view turned by a quarter turn clockwise (or back), around the centre of the view. */
export function rotateView(v: Viewport, view: Size, clockwise = true): Viewport {
  const rotation = (((v.rotation ?? 0) + (clockwise ? 90 : 270)) % 360) as QuarterTurn;
  const centre = { x: view.width / 2, y: view.height / 2 };
  const turned: Viewport = { scale: v.scale, x: 0, y: 0, ...(rotation ? { rotation } : {}) };
  return anchored(turned, toImage(v, centre), centre);
}

/** Moves the picture by (dx, dy) screen pixels. */
export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { ...v, x: v.x + dx, y: v.y + dy };
}

/** The part of the image (in image pixels) that the view shows; may extend past the image. */
export function visibleRect(v: Viewport, view: Size): Rect {
  const a = toImage(v, { x: 0, y: 0 });
  const b = toImage(v, { x: view.width, y: view.height });
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) };
}

/**
 * The device-pixel ratio to give a canvas of `view` CSS pixels: the screen's, lowered when
 * it would make the canvas bigger than MAX_CANVAS_PIXELS.
 */
export function pixelRatioFor(view: Size, devicePixelRatio: number): number {
  const wanted = devicePixelRatio > 0 ? devicePixelRatio : 1;
  const cssPixels = Math.max(1, view.width * view.height);
  return Math.min(wanted, Math.sqrt(MAX_CANVAS_PIXELS / cssPixels));
}
