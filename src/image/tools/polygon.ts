import { clampPoint, type Point } from '../../model/geometry.ts';
import type { PolygonAnnotation } from '../../model/annotation.ts';
import type { Tool, ToolContext, ToolPointer } from './tool.ts';

/**
 * Polygon: each click adds a vertex; clicking the first vertex again or pressing Enter closes
 * it (three vertices at least). Backspace takes back the last vertex; Escape drops it all.
 * The whole polygon is one undo step, made when it closes.
 */
export class PolygonTool implements Tool {
  readonly name = 'polygon';
  #points: [number, number][] = [];
  #cursor: Point | undefined;

  constructor(private readonly ctx: ToolContext) {}

  get busy(): boolean {
    return this.#points.length > 0;
  }

  /** Whether the pointer is on the first vertex, so a click there closes the polygon. */
  #onFirst(p: Point): boolean {
    const first = this.#points[0];
    if (!first || this.#points.length < 3) return false;
    return Math.hypot(p.x - first[0], p.y - first[1]) <= this.ctx.tolerance();
  }

  down(p: ToolPointer): void {
    if (this.ctx.labelFor('polygon') === undefined) return;
    if (this.#onFirst(p)) {
      this.close();
      return;
    }
    const at = clampPoint(p, this.ctx.image);
    const last = this.#points.at(-1);
    // A double click lands twice on the same spot: one vertex.
    if (last && Math.hypot(at.x - last[0], at.y - last[1]) <= this.ctx.tolerance() / 2) return;
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
      this.close();
      return true;
    }
    if (key === 'backspace') {
      this.#points = this.#points.slice(0, -1);
      return true;
    }
    return false;
  }

  /** Ends the polygon: stored when it has three vertices, dropped otherwise. */
  close(): void {
    const points = this.#points;
    const label = this.ctx.labelFor('polygon');
    this.cancel();
    if (points.length < 3 || label === undefined) return;
    const polygon: PolygonAnnotation = { ...this.ctx.stamp(), type: 'polygon', label, points };
    this.ctx.commit({ before: [], after: [polygon] });
    this.ctx.select([polygon.id]);
  }

  cancel(): boolean {
    const was = this.busy;
    this.#points = [];
    this.#cursor = undefined;
    return was;
  }

  preview() {
    if (!this.busy) return undefined;
    return {
      shapes: [],
      polygon: {
        points: this.#points,
        cursor: this.#cursor,
        closable: this.#cursor !== undefined && this.#onFirst(this.#cursor),
      },
    };
  }
}
