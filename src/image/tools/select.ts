import {
  boundsOf,
  handleAt,
  insertVertex,
  moveShapes,
  moveVertex,
  nearestEdge,
  nearestVertex,
  removeVertex,
  resizeRect,
  shapesAt,
  type Point,
  type Shape,
} from '../../model/geometry.ts';
import { editable } from '../arrange.ts';
import { angleTowards, rotationHandle } from './rbox.ts';

/** The rotation knob sits this many touch tolerances (screen: 4 × 6 px) beyond the box's top. */
const KNOB_PX = 4;
import { moved, type Tool, type ToolContext, type ToolPointer } from './tool.ts';

interface Drag {
  from: Point;
  originals: Shape[];
  current: Shape[];
  reshape: (p: Point) => Shape[];
  dragging: boolean;
  /** A vertex inserted on press is a change even if the pointer never moves. */
  changedOnPress: boolean;
}

/**
 * Select: click a shape to select it (Shift adds or removes, Alt+click walks down through
 * overlapping shapes), drag to move the selection, drag a box's handles to resize it. On a
 * selected polygon: drag a vertex, press on an edge to insert a vertex there (and drag it),
 * Alt+click a vertex to delete it. Each drag is one undo step, made on release. Locked shapes
 * are selected but never moved or reshaped.
 */
export class SelectTool implements Tool {
  readonly name = 'select';
  #drag: Drag | undefined;
  #lastPress: Point | undefined;

  constructor(private readonly ctx: ToolContext) {}

  get busy(): boolean {
    return this.#drag !== undefined;
  }

  #selected(): Shape[] {
    const ids = new Set(this.ctx.selection());
    return this.ctx.shapes().filter((s) => ids.has(s.id));
  }

  #start(p: Point, originals: Shape[], reshape: (q: Point) => Shape[], start = originals) {
    this.#drag = {
      from: p,
      originals,
      current: start,
      reshape,
      dragging: false,
      changedOnPress: start !== originals,
    };
  }

  /** Presses on the selected shape's own handles, vertices or edges; true when one was hit. */
  #pressHandle(p: ToolPointer, tolerance: number): boolean {
    const selected = this.#selected();
    if (selected.length !== 1) return false;
    const shape = selected[0]!;
    if (!editable(shape)) return false;
    const image = this.ctx.image;
    if (shape.type === 'box') {
      const handle = handleAt(boundsOf(shape), p, tolerance);
      if (!handle) return false;
      this.#start(p, [shape], (q) => [{ ...shape, ...resizeRect(shape, handle, q, image) }]);
      return true;
    }
    if (shape.type === 'rbox') {
      const knob = rotationHandle(shape, KNOB_PX * tolerance);
      if (Math.hypot(p.x - knob.x, p.y - knob.y) > tolerance * 1.5) return false;
      this.#start(p, [shape], (q) => [{ ...shape, angle: angleTowards(shape, q) }]);
      return true;
    }
    if (shape.type !== 'polygon' && shape.type !== 'polyline') return false;
    // A polyline is edited as a polygon is, without the edge from its last vertex to its first.
    const open = shape.type === 'polyline';
    const vertex = nearestVertex(shape.points, p, tolerance);
    if (vertex !== undefined) {
      if (p.alt) {
        const points = removeVertex(shape.points, vertex, open ? 2 : 3);
        if (points) this.#commit([shape], [{ ...shape, points }]);
        return true;
      }
      this.#start(p, [shape], (q) => [
        { ...shape, points: moveVertex(shape.points, vertex, q, image) },
      ]);
      return true;
    }
    const edge = p.alt ? undefined : nearestEdge(shape.points, p, tolerance);
    if (!edge || (open && edge.index === shape.points.length - 1)) return false;
    const points = insertVertex(shape.points, edge.index, edge.at, image);
    const index = edge.index + 1;
    this.#start(p, [shape], (q) => [{ ...shape, points: moveVertex(points, index, q, image) }], [
      { ...shape, points },
    ]);
    return true;
  }

  down(p: ToolPointer): void {
    const tolerance = this.ctx.tolerance();
    this.#lastPress = p;
    if (!p.shift && this.#pressHandle(p, tolerance)) return;
    const under = shapesAt(this.ctx.shapes(), p, tolerance);
    const selection = this.ctx.selection();
    if (under.length === 0) {
      if (!p.shift) this.ctx.select([]);
      return;
    }
    if (p.alt) {
      this.cycle();
      return;
    }
    // A shape already selected wins over others under it, so a selection can be dragged.
    const target = under.find((s) => selection.includes(s.id)) ?? under[0]!;
    if (p.shift) {
      this.ctx.select(
        selection.includes(target.id)
          ? selection.filter((id) => id !== target.id)
          : [...selection, target.id],
      );
      return;
    }
    if (!selection.includes(target.id)) this.ctx.select([target.id]);
    // Locked shapes stay where they are; the rest of the selection moves.
    const originals = this.#selected().filter(editable);
    if (originals.length === 0) return;
    this.#start(p, originals, (q) => moveShapes(originals, q.x - p.x, q.y - p.y, this.ctx.image));
  }

  /** How many shapes lie under the last press (two or more can be cycled through). */
  overlapping(): number {
    if (!this.#lastPress) return 0;
    return shapesAt(this.ctx.shapes(), this.#lastPress, this.ctx.tolerance()).length;
  }

  /** Selects the next shape under the last press, below the one selected now. */
  cycle(): void {
    if (!this.#lastPress) return;
    const under = shapesAt(this.ctx.shapes(), this.#lastPress, this.ctx.tolerance());
    if (under.length === 0) return;
    const current = this.ctx.selection();
    const at = under.findIndex((s) => current.includes(s.id));
    this.ctx.select([under[(at + 1) % under.length]!.id]);
  }

  move(p: ToolPointer): void {
    const drag = this.#drag;
    if (!drag) return;
    if (!drag.dragging && !moved(drag.from, p, this.ctx.tolerance())) return;
    drag.dragging = true;
    drag.current = drag.reshape(p);
  }

  up(p: ToolPointer): void {
    const drag = this.#drag;
    if (!drag) return;
    this.move(p);
    this.#drag = undefined;
    if (drag.dragging || drag.changedOnPress) this.#commit(drag.originals, drag.current);
  }

  #commit(before: Shape[], after: Shape[]): void {
    const at = this.ctx.now();
    this.ctx.commit({ before, after: after.map((s) => ({ ...s, updatedAt: at })) });
  }

  key(): boolean {
    return false;
  }

  cancel(): boolean {
    const was = this.busy;
    this.#drag = undefined;
    return was;
  }

  preview() {
    const drag = this.#drag;
    if (!drag || (!drag.dragging && !drag.changedOnPress)) return undefined;
    return { shapes: drag.current };
  }
}
