import type { Point } from './geometry.ts';

// A rotated box is stored as centre, size and angle (degrees, clockwise since y points down),
// as DOTA and YOLO-OBB pipelines convert it to four corners.

export interface RotatedBox {
  cx: number;
  cy: number;
  w: number;
  h: number;
  angle: number;
}

/** The four corners, clockwise on screen from the box's own top-left (before rotation). */
export function rotatedCorners(box: RotatedBox): [Point, Point, Point, Point] {
  const rad = (box.angle * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const corner = (dx: number, dy: number): Point => ({
    x: box.cx + dx * cos - dy * sin,
    y: box.cy + dx * sin + dy * cos,
  });
  const hw = box.w / 2;
  const hh = box.h / 2;
  return [corner(-hw, -hh), corner(hw, -hh), corner(hw, hh), corner(-hw, hh)];
}

/** An angle in degrees brought into (-180, 180]. */
export function normalizeAngle(angle: number): number {
  const a = ((angle % 360) + 360) % 360;
  return a > 180 ? a - 360 : a;
}
