import type { Point } from '../../model/geometry.ts';
import { VertexPathTool } from './vertex-path.ts';

/**
 * Polygon: each click adds a vertex; clicking the first vertex again or pressing Enter closes
 * it (three vertices at least). Backspace takes back the last vertex; Escape drops it all.
 * The whole polygon is one undo step, made when it closes.
 */
export class PolygonTool extends VertexPathTool {
  readonly name = 'polygon';
  protected readonly minVertices = 3;

  /** A click on the first vertex closes the polygon, once it has three. */
  protected endsAt(p: Point): boolean {
    return (
      this.points.length >= this.minVertices && this.near(p, this.points[0], this.ctx.tolerance())
    );
  }
}
