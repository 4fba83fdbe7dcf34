import type { Point } from '../../model/geometry.ts';
import { VertexPathTool } from './vertex-path.ts';

/**
 * Polyline: an open path (a lane line, a crack, a cable). Each click adds a vertex; Enter or
 * a click on the last vertex again ends it (two vertices at least). Backspace takes back the
 * last vertex; Escape drops it all. The whole line is one undo step. Its vertices are then
 * edited with Select as a polygon's are.
 */
export class PolylineTool extends VertexPathTool {
  readonly name = 'polyline';
  protected readonly minVertices = 2;

  /** A second click on the last vertex (or a double click) ends the line. */
  protected endsAt(p: Point): boolean {
    return this.near(p, this.points.at(-1), this.ctx.tolerance());
  }
}
