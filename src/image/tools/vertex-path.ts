import { clampPoint, type Point } from '../../model/geometry.ts';
import type { PolygonAnnotation, PolylineAnnotation } from '../../model/annotation.ts';
import type { Tool, ToolContext, ToolPointer } from './tool.ts';

/**
 * A path drawn click by click: each click adds a vertex, Enter ends it, Backspace takes back
 * the last vertex, Escape drops it all. The whole path is one undo step, made when it ends.
 * Polygon and polyline differ only in how many vertices they need and which click ends them.
 */
export abstract class VertexPathTool implements Tool {
  abstract readonly name: 'polygon' | 'polyline';
  /** The fewest vertices a stored path has; fewer are dropped when it ends. */
  protected abstract readonly minVertices: number;
  protected points: [number, number][] = [];
  #cursor: Point | undefined;

  constructor(protected readonly ctx: ToolContext) {}

  /** Whether a click at `p` ends the path instead of adding a vertex. */
  protected abstract endsAt(p: Point): boolean;

  get busy(): boolean {
    return this.points.length > 0;
  }

  protected near(p: Point, vertex: [number, number] | undefined, tolerance: number): boolean {
    return vertex !== undefined && Math.hypot(p.x - vertex[0], p.y - vertex[1]) <= tolerance;
  }

  down(p: ToolPointer): void {
    if (this.ctx.labelFor(this.name) === undefined) return;
    const at = clampPoint(p, this.ctx.image);
    if (this.endsAt(at)) {
      this.end();
      return;
    }
    // A double click lands twice on the same spot: one vertex.
    if (this.near(at, this.points.at(-1), this.ctx.tolerance() / 2)) return;
    this.points = [...this.points, [at.x, at.y]];
    this.#cursor = at;
  }

  move(p: ToolPointer): void {
    if (this.busy) this.#cursor = clampPoint(p, this.ctx.image);
  }

  up(): void {}

  key(key: string): boolean {
    if (!this.busy) return false;
    if (key === 'enter') {
      this.end();
      return true;
    }
    if (key === 'backspace') {
      this.points = this.points.slice(0, -1);
      return true;
    }
    return false;
  }

  /** Ends the path: stored when it has enough vertices, dropped otherwise. */
  end(): void {
    const points = this.points;
    const label = this.ctx.labelFor(this.name);
    this.cancel();
    if (points.length < this.minVertices || label === undefined) return;
    const path: PolygonAnnotation | PolylineAnnotation = {
      ...this.ctx.stamp(),
      type: this.name,
      label,
      points,
    };
    this.ctx.commit({ before: [], after: [path] });
    this.ctx.select([path.id]);
  }

  cancel(): boolean {
    const was = this.busy;
    this.points = [];
    this.#cursor = undefined;
    return was;
  }

  preview() {
    if (!this.busy) return undefined;
    const cursor = this.#cursor;
    const closable = this.name === 'polygon' && cursor !== undefined && this.endsAt(cursor);
    return { shapes: [], polygon: { points: this.points, cursor, closable } };
  }
}
