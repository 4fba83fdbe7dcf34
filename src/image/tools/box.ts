import { rectFromCorners, type Point } from '../../model/geometry.ts';
import type { BoxAnnotation } from '../../model/annotation.ts';
import { moved, type Tool, type ToolContext, type ToolPointer } from './tool.ts';

/** Box: press at one corner, drag to the other, release. A click without a drag draws nothing. */
export class BoxTool implements Tool {
  readonly name = 'box';
  #start: Point | undefined;
  #end: Point | undefined;

  constructor(private readonly ctx: ToolContext) {}

  get busy(): boolean {
    return this.#start !== undefined;
  }

  down(p: ToolPointer): void {
    if (this.ctx.labelFor('box') === undefined) return;
    this.#start = p;
    this.#end = p;
  }

  move(p: ToolPointer): void {
    if (this.#start) this.#end = p;
  }

  up(p: ToolPointer): void {
    const start = this.#start;
    const label = this.ctx.labelFor('box');
    this.#start = this.#end = undefined;
    if (!start || label === undefined || !moved(start, p, this.ctx.tolerance())) return;
    const rect = rectFromCorners(start, p, this.ctx.image);
    if (rect.w === 0 || rect.h === 0) return;
    const box: BoxAnnotation = { ...this.ctx.stamp(), type: 'box', label, ...rect };
    this.ctx.commit({ before: [], after: [box] });
    this.ctx.select([box.id]);
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
    if (!this.#start || !this.#end) return undefined;
    return { shapes: [], box: rectFromCorners(this.#start, this.#end, this.ctx.image) };
  }
}
