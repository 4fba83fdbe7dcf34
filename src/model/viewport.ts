import type { Point, Rect, Size } from './geometry.ts';

// The one place where screen and image coordinates meet. Screen coordinates are CSS pixels
// from the canvas's top-left corner (what pointer events give after subtracting the canvas's
// position); image coordinates are original-image pixels. devicePixelRatio never enters
// this mapping: it only decides how many device pixels back the canvas (pixelRatioFor).
//
//   screen = image × scale + offset

export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

/** From a 12000-px image in a small window (fit) to inspecting single pixels. */
export const MIN_SCALE = 1 / 64;
export const MAX_SCALE = 32;
/** One wheel notch or one +/− press. */
export const ZOOM_STEP = 1.25;

/** No canvas may hold more device pixels than this (Safari refuses bigger ones; keep memory small). */
export const MAX_CANVAS_PIXELS = 16_777_216;

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

export function toImage(v: Viewport, screen: Point): Point {
  return { x: (screen.x - v.x) / v.scale, y: (screen.y - v.y) / v.scale };
}

export function toScreen(v: Viewport, image: Point): Point {
  return { x: image.x * v.scale + v.x, y: image.y * v.scale + v.y };
}

/** Zooms by `factor` keeping the image point under `screen` where it is. */
export function zoomAround(v: Viewport, screen: Point, factor: number): Viewport {
  const scale = clampScale(v.scale * factor);
  const anchor = toImage(v, screen);
  return { scale, x: screen.x - anchor.x * scale, y: screen.y - anchor.y * scale };
}

/** The whole image, centred, with a margin around it. */
export function fit(image: Size, view: Size, margin = 16): Viewport {
  const room = {
    width: Math.max(1, view.width - 2 * margin),
    height: Math.max(1, view.height - 2 * margin),
  };
  const scale = clampScale(Math.min(room.width / image.width, room.height / image.height));
  return centred(image, view, scale);
}

/** One image pixel per CSS pixel, keeping the point at the centre of the view in place. */
export function actualSize(v: Viewport, view: Size): Viewport {
  return zoomAround(v, { x: view.width / 2, y: view.height / 2 }, 1 / v.scale);
}

function centred(image: Size, view: Size, scale: number): Viewport {
  return {
    scale,
    x: (view.width - image.width * scale) / 2,
    y: (view.height - image.height * scale) / 2,
  };
}

/** Moves the picture by (dx, dy) screen pixels. */
export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { ...v, x: v.x + dx, y: v.y + dy };
}

/** The part of the image (in image pixels) that the view shows; may extend past the image. */
export function visibleRect(v: Viewport, view: Size): Rect {
  const topLeft = toImage(v, { x: 0, y: 0 });
  return { x: topLeft.x, y: topLeft.y, w: view.width / v.scale, h: view.height / v.scale };
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
