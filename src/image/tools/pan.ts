import type { Point } from '../../model/geometry.ts';
import type { Tool, ToolContext, ToolPointer } from './tool.ts';

/**
 * Pan: the image point grabbed stays under the pointer. After each pan the pointer maps to
 * the grabbed point again, so the grab point never changes during the drag.
 */
export class PanTool implements Tool {
  readonly name = 'pan';
  #grab: Point | undefined;

  constructor(private readonly ctx: ToolContext) {}

  get busy(): boolean {
    return this.#grab !== undefined;
  }

  down(p: ToolPointer): void {
    this.#grab = { x: p.x, y: p.y };
  }

  move(p: ToolPointer): void {
    if (this.#grab) this.ctx.pan(p.x - this.#grab.x, p.y - this.#grab.y);
  }

  up(p: ToolPointer): void {
    this.move(p);
    this.#grab = undefined;
  }

  key(): boolean {
    return false;
  }

  cancel(): boolean {
    const was = this.busy;
    this.#grab = undefined;
    return was;
  }

  preview() {
    return undefined;
  }
}
