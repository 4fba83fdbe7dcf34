import { clampPoint, type Point } from '../../model/geometry.ts';
import type { PolylineAnnotation } from '../../model/annotation.ts';
import type { Tool, ToolContext, ToolPointer } from './tool.ts';

/**
 * Polyline: an open path (a lane line, a crack, a cable). Each click adds a vertex; Enter or
 * a click on the last vertex again ends it (two vertices at least). Backspace takes back the
 * last vertex; Escape drops it all. The whole line is one undo step. Its vertices are then
 * edited with Select as a polygon's are.
 */
export class PolylineTool implements Tool {
  readonly name = 'polyline';
  #points: [number, number][] = [];
  #cursor: Point | undefined;

  constructor(private readonly ctx: ToolContext) {}

  get busy(): boolean {
    return this.#points.length > 0;
  }

  down(p: ToolPointer): void {
    if (this.ctx.labelFor('polyline') === undefined) return;
    const at = clampPoint(p, this.ctx.image);
    const last = this.#points.at(-1);
    if (last && Math.hypot(at.x - last[0], at.y - last[1]) <= this.ctx.tolerance()) {
      // A second click on the last vertex (or a double click) ends the line.
      this.finish();
      return;
    }
    this.#points = [...this.#points, [at.x, at.y]];
    this.#cursor = at;
  }

  move(p: ToolPointer): void {
    if (this.busy) this.#cursor = clampPoint(p, this.ctx.image);
  }

  up(): void {}

  key(key: string): boolean {
    if (!this.busy) return false;
    if (key === 'enter') {
      this.finish();
      return true;
    }
    if (key === 'backspace') {
      this.#points = this.#points.slice(0, -1);
      return true;
    }
    return false;
  }

  /** Ends the line: stored when it has two vertices, dropped otherwise. */
  finish(): void {
    const points = this.#points;
    const label = this.ctx.labelFor('polyline');
    this.cancel();
    if (points.length < 2 || label === undefined) return;
    const line: PolylineAnnotation = { ...this.ctx.stamp(), type: 'polyline', label, points };
    this.ctx.commit({ before: [], after: [line] });
    this.ctx.select([line.id]);
  }

  cancel(): boolean {
    const was = this.busy;
    this.#points = [];
    this.#cursor = undefined;
    return was;
  }

  preview() {
    if (!this.busy) return undefined;
    return { shapes: [], polygon: { points: this.#points, cursor: this.#cursor, closable: false } };
  }
}
