// Geometry shared by the image formats. Coordinates are original-image pixels as stored:
// continuous, origin at the top-left corner of the top-left pixel, x right, y down, so pixel
// (0, 0) covers [0, 1) × [0, 1) and an image of width W spans [0, W].

import { boundsOfPoints } from '../model/extent.ts';

export type Point = readonly [number, number];

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Area by the shoelace formula (absolute, so winding does not matter). */
export function polygonArea(points: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

export function boundingRect(points: readonly Point[]): Rect {
  return boundsOfPoints(points);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The part of a box inside the image (possibly empty: zero width or height). */
export function clipRect(box: Rect, width: number, height: number): Rect {
  const x1 = clamp(box.x, 0, width);
  const y1 = clamp(box.y, 0, height);
  const x2 = clamp(box.x + box.w, 0, width);
  const y2 = clamp(box.y + box.h, 0, height);
  return { x: x1, y: y1, w: Math.max(0, x2 - x1), h: Math.max(0, y2 - y1) };
}

/**
 * Slack when deciding whether a shape is inside its image, as a fraction of the image's size:
 * formats with rounded relative coordinates (YOLO's 10 decimals) put an edge up to 5e-11 of
 * the size past the border, which is no reason to clip or warn.
 */
export const EDGE_SLACK = 1e-9;

/** Whether a box lies inside the image, give or take EDGE_SLACK. */
export function isInside(box: Rect, width: number, height: number): boolean {
  const sx = EDGE_SLACK * width;
  const sy = EDGE_SLACK * height;
  return (
    box.x >= -sx && box.y >= -sy && box.x + box.w <= width + sx && box.y + box.h <= height + sy
  );
}

export function isPointInside([x, y]: Point, width: number, height: number): boolean {
  return isInside({ x, y, w: 0, h: 0 }, width, height);
}

/**
 * A number in [0, 1] written with at most `decimals` decimals, trailing zeros dropped:
 * "0", "1", "0.5", "0.1234567891". Never exponent notation, never "-0".
 */
export function decimal(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * A clockwise turn as tools write it (CVAT, Label Studio: [0, 360)) as a rotated box's angle
 * in (-180, 180]. Exact: each step is one subtraction that floating point makes without error
 * (Sterbenz), so the angle written back as `angle + 360` gives the same number again.
 */
export function angleOfTurn(turn: number): number {
  const a = turn % 360;
  if (a > 180) return a - 360;
  if (a <= -180) return a + 360;
  return a === 0 ? 0 : a;
}
