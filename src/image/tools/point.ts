import { clampPoint } from '../../model/geometry.ts';
import type { PointAnnotation } from '../../model/annotation.ts';
import type { Tool, ToolContext, ToolPointer } from './tool.ts';

/** Point: a click places a point where the pointer is released (so a labeler can adjust). */
export class PointTool implements Tool {
  readonly name = 'point';
  #at: ToolPointer | undefined;

  constructor(private readonly ctx: ToolContext) {}

  get busy(): boolean {
    return this.#at !== undefined;
  }

  down(p: ToolPointer): void {
    if (this.ctx.labelFor('point') !== undefined) this.#at = p;
  }

  move(p: ToolPointer): void {
    if (this.#at) this.#at = p;
  }

  up(p: ToolPointer): void {
    const label = this.ctx.labelFor('point');
    if (!this.#at || label === undefined) return;
    this.#at = undefined;
    const at = clampPoint(p, this.ctx.image);
    const point: PointAnnotation = { ...this.ctx.stamp(), type: 'point', label, x: at.x, y: at.y };
    this.ctx.commit({ before: [], after: [point] });
    this.ctx.select([point.id]);
  }

  key(): boolean {
    return false;
  }

  cancel(): boolean {
    const was = this.busy;
    this.#at = undefined;
    return was;
  }

  preview() {
    if (!this.#at) return undefined;
    return { shapes: [], point: clampPoint(this.#at, this.ctx.image) };
  }
}
