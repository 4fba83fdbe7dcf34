import { clampPoint } from '../../model/geometry.ts';
import type { KeypointsAnnotation, KeypointVisibility } from '../../model/annotation.ts';
import type { Tool, ToolContext, ToolPointer } from './tool.ts';

type Node = [number, number, KeypointVisibility];

/**
 * Keypoints: places the label's skeleton nodes in order, one click each (Shift+click: the
 * node is there but hidden, COCO's v = 1). `U` skips a node (not labeled: v = 0, at 0, 0),
 * Backspace takes back the last, Enter ends early (the rest not labeled). The pose is stored
 * as one annotation, one undo step, when the last node is placed.
 */
export class KeypointsTool implements Tool {
  readonly name = 'keypoints';
  #points: Node[] = [];

  constructor(private readonly ctx: ToolContext) {}

  get busy(): boolean {
    return this.#points.length > 0;
  }

  /** The nodes of the label new poses get (a label without a skeleton places one node). */
  nodes(): readonly string[] {
    const label = this.ctx.labelFor('keypoints');
    return (label !== undefined ? this.ctx.skeleton(label)?.nodes : undefined) ?? ['point'];
  }

  /** The name of the node the next click places. */
  next(): string | undefined {
    return this.nodes()[this.#points.length];
  }

  #add(node: Node): void {
    this.#points = [...this.#points, node];
    if (this.#points.length >= this.nodes().length) this.finish();
  }

  down(p: ToolPointer): void {
    if (this.ctx.labelFor('keypoints') === undefined) return;
    const at = clampPoint(p, this.ctx.image);
    this.#add([at.x, at.y, p.shift ? 1 : 2]);
  }

  move(): void {}
  up(): void {}

  key(key: string): boolean {
    if (key === 'skip') {
      if (this.ctx.labelFor('keypoints') === undefined) return false;
      this.#add([0, 0, 0]);
      return true;
    }
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

  /** Stores the pose (nodes not placed are not labeled); nothing when no node was labeled. */
  finish(): void {
    const label = this.ctx.labelFor('keypoints');
    const points: Node[] = this.nodes().map((_, i) => this.#points[i] ?? [0, 0, 0]);
    this.cancel();
    if (label === undefined || points.every((p) => p[2] === 0)) return;
    const pose: KeypointsAnnotation = { ...this.ctx.stamp(), type: 'keypoints', label, points };
    this.ctx.commit({ before: [], after: [pose] });
    this.ctx.select([pose.id]);
  }

  cancel(): boolean {
    const was = this.busy;
    this.#points = [];
    return was;
  }

  preview() {
    if (!this.busy) return undefined;
    return { shapes: [], keypoints: { points: this.#points, next: this.next() } };
  }
}
