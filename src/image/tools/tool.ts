import type { Annotation } from '../../model/annotation.ts';
import type { Change } from '../../model/history.ts';
import type { DrawnType, Point, Rect, Shape, Size } from '../../model/geometry.ts';
import type { RotatedBox } from '../../model/rotated-box.ts';
import type { Skeleton } from '../../model/label.ts';

// Tools are small state machines fed pointer events in image pixels. They know nothing of
// Konva or the DOM, so a test can drive them with plain numbers.

/** A pointer event in image pixels, with the modifiers a tool cares about. */
export interface ToolPointer extends Point {
  shift?: boolean;
  alt?: boolean;
}

export type Stamp = Pick<
  Annotation,
  'id' | 'projectId' | 'itemId' | 'annotator' | 'createdAt' | 'updatedAt'
>;

/** What a tool may read and do; the image annotator provides it. */
export interface ToolContext {
  readonly image: Size;
  /** The shapes a labeler can see and touch, in drawing order (last on top). */
  shapes(): readonly Shape[];
  selection(): readonly string[];
  select(ids: readonly string[]): void;
  /** How near (in image pixels) counts as "on" something at the current zoom. */
  tolerance(): number;
  /** The label a new shape of this type gets, or undefined when no label applies. */
  labelFor(type: DrawnType): string | undefined;
  /** A keypoints label's skeleton. */
  skeleton(labelId: string): Skeleton | undefined;
  /** Fields every new annotation needs (fresh id, timestamps, annotator). */
  stamp(): Stamp;
  now(): string;
  /** One gesture's edit: one undo step, written at once. */
  commit(change: Change): void;
  /** Moves the picture so image content shifts by (dx, dy) image pixels. */
  pan(dx: number, dy: number): void;
}

/** What the overlay draws while a gesture is in progress. */
export interface Preview {
  /** Shapes being moved or reshaped, drawn in place of their stored versions. */
  shapes: Shape[];
  /** A box being drawn. */
  box?: Rect;
  /** A point about to be placed. */
  point?: Point;
  /** A polygon or polyline being drawn: its vertices so far and where the next one would go. */
  polygon?: { points: [number, number][]; cursor: Point | undefined; closable: boolean };
  /** A rotated box being drawn (centre, size, angle). */
  rbox?: RotatedBox;
  /** Keypoints being placed: the nodes so far (in skeleton order) and the next node's name. */
  keypoints?: { points: [number, number, 0 | 1 | 2][]; next: string | undefined };
  /** The mask brush: the stroke's path so far and the brush at the pointer (image pixels). */
  brush?: { path: Point[]; at: Point | undefined; radius: number; erase: boolean };
}

export interface Tool {
  readonly name: ToolName;
  down(p: ToolPointer): void;
  move(p: ToolPointer): void;
  up(p: ToolPointer): void;
  /** A key while the tool has the keyboard (Enter, Backspace); true when it used it. */
  key(key: string): boolean;
  /** Abandons the gesture in progress; true when there was one. */
  cancel(): boolean;
  /** Whether a gesture is in progress. */
  readonly busy: boolean;
  preview(): Preview | undefined;
}

export const TOOL_NAMES = [
  'select',
  'box',
  'polygon',
  'point',
  'rbox',
  'polyline',
  'keypoints',
  'mask',
  'pan',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** A pointer that moved less than this many tolerances was a click, not a drag. */
export const CLICK_SLOP = 0.5;

export function moved(from: Point, to: Point, tolerance: number): boolean {
  return Math.hypot(to.x - from.x, to.y - from.y) > tolerance * CLICK_SLOP;
}
