import { clampPoint, rectFromCorners, type Point } from '../../model/geometry.ts';
import type { RotatedBoxAnnotation } from '../../model/annotation.ts';
import { normalizeAngle, type RotatedBox } from '../../model/rotated-box.ts';
import { moved, type Tool, type ToolContext, type ToolPointer } from './tool.ts';

/** The rotation knob: beyond the middle of the box's top edge, turned with the box. */
export function rotationHandle(box: RotatedBox, beyond: number): Point {
  const rad = (box.angle * Math.PI) / 180;
  const d = box.h / 2 + beyond;
  return { x: box.cx + d * Math.sin(rad), y: box.cy - d * Math.cos(rad) };
}

/** The angle that puts the rotation knob towards `p` (degrees clockwise, in (-180, 180]). */
export function angleTowards(box: RotatedBox, p: Point): number {
  const deg = (Math.atan2(p.x - box.cx, -(p.y - box.cy)) * 180) / Math.PI;
  return normalizeAngle(Math.round(deg * 100) / 100);
}

/** The box turned by `degrees` clockwise. */
export function rotateBy<B extends RotatedBox>(box: B, degrees: number): B {
  return { ...box, angle: normalizeAngle(Math.round((box.angle + degrees) * 100) / 100) };
}

/**
 * Rotated box: drag from one corner to the other (an upright box), then turn it with its
 * knob (Select) or by keys (, and . by 1°, < and > by 15°). DOTA and YOLO-OBB read it.
 */
export class RotatedBoxTool implements Tool {
  readonly name = 'rbox';
  #start: Point | undefined;
  #end: Point | undefined;

  constructor(private readonly ctx: ToolContext) {}

  get busy(): boolean {
    return this.#start !== undefined;
  }

  down(p: ToolPointer): void {
    if (this.ctx.labelFor('rbox') === undefined) return;
    this.#start = this.#end = clampPoint(p, this.ctx.image);
  }

  move(p: ToolPointer): void {
    if (this.#start) this.#end = p;
  }

  #box(): RotatedBox | undefined {
    if (!this.#start || !this.#end) return undefined;
    const r = rectFromCorners(this.#start, this.#end, this.ctx.image);
    return { cx: r.x + r.w / 2, cy: r.y + r.h / 2, w: r.w, h: r.h, angle: 0 };
  }

  up(p: ToolPointer): void {
    const start = this.#start;
    this.#end = p;
    const box = this.#box();
    const label = this.ctx.labelFor('rbox');
    this.#start = this.#end = undefined;
    if (!start || !box || label === undefined || !moved(start, p, this.ctx.tolerance())) return;
    if (box.w === 0 || box.h === 0) return;
    const shape: RotatedBoxAnnotation = { ...this.ctx.stamp(), type: 'rbox', label, ...box };
    this.ctx.commit({ before: [], after: [shape] });
    this.ctx.select([shape.id]);
  }

  key(): boolean {
    return false;
  }

  cancel(): boolean {
    const was = this.busy;
    this.#start = this.#end = undefined;
    return was;
  }

  preview() {
    const box = this.#box();
    return box ? { shapes: [], rbox: box } : undefined;
  }
}
