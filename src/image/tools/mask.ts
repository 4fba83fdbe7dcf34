import { clampPoint, type Point } from '../../model/geometry.ts';
import type { MaskAnnotation } from '../../model/annotation.ts';
import { decodeRle, encodeRle, rleArea } from '../../model/rle.ts';
import { paintStroke, type Stroke } from '../mask-paint.ts';
import type { Tool, ToolContext, ToolPointer } from './tool.ts';

/** Brush sizes (radius in image pixels) the size control and [ ] keys step through. */
export const BRUSH_RADII = [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128] as const;

/**
 * Mask brush and eraser. A stroke is painted as a path (drawn by the overlay while the
 * pointer moves: no pixel work per move, so painting keeps the frame rate on a 12-MP image)
 * and rasterized onto the mask on release, stored as COCO RLE: one undo step per stroke.
 * The brush adds to the selected mask (a new mask when none of this label is selected); the
 * eraser (E, or Shift held) clears pixels of the selected mask. A mask left empty is removed.
 */
export class MaskTool implements Tool {
  readonly name = 'mask';
  radius = 12;
  erase = false;
  #stroke: Stroke | undefined;
  #at: Point | undefined;

  constructor(private readonly ctx: ToolContext) {}

  get busy(): boolean {
    return this.#stroke !== undefined;
  }

  /** The mask a stroke edits: the one selected, when exactly one mask is. */
  #target(): MaskAnnotation | undefined {
    const ids = this.ctx.selection();
    const masks = this.ctx
      .shapes()
      .filter((s): s is MaskAnnotation => s.type === 'mask' && ids.includes(s.id));
    return masks.length === 1 && !masks[0]!.locked ? masks[0] : undefined;
  }

  down(p: ToolPointer): void {
    if (this.ctx.labelFor('mask') === undefined) return;
    const erase = this.erase || p.shift === true;
    if (erase && !this.#target()) return;
    this.#stroke = { path: [clampPoint(p, this.ctx.image)], radius: this.radius, erase };
  }

  move(p: ToolPointer): void {
    this.#at = p;
    if (this.#stroke) this.#stroke.path = [...this.#stroke.path, clampPoint(p, this.ctx.image)];
  }

  up(p: ToolPointer): void {
    const stroke = this.#stroke;
    if (!stroke) return;
    this.move(p);
    this.#stroke = undefined;
    this.#apply(stroke);
  }

  #apply(stroke: Stroke): void {
    const { width, height } = this.ctx.image;
    const target = this.#target();
    const label = target?.label ?? this.ctx.labelFor('mask');
    if (label === undefined) return;
    const mask = target ? decodeRle(target.rle) : new Uint8Array(width * height);
    if (!paintStroke(mask, this.ctx.image, stroke)) return;
    const rle = encodeRle(mask, width, height);
    if (target && rleArea(rle) === 0) {
      this.ctx.commit({ before: [target], after: [] });
      this.ctx.select([]);
      return;
    }
    const after: MaskAnnotation = target
      ? { ...target, rle, updatedAt: this.ctx.now() }
      : { ...this.ctx.stamp(), type: 'mask', label, rle };
    this.ctx.commit({ before: target ? [target] : [], after: [after] });
    this.ctx.select([after.id]);
  }

  key(key: string): boolean {
    if (key === 'bigger' || key === 'smaller') {
      const i = BRUSH_RADII.findIndex((r) => r >= this.radius);
      const next =
        BRUSH_RADII[Math.min(BRUSH_RADII.length - 1, Math.max(0, i + (key === 'bigger' ? 1 : -1)))];
      this.radius = next ?? this.radius;
      return true;
    }
    if (key === 'eraser') {
      this.erase = !this.erase;
      return true;
    }
    return false;
  }

  cancel(): boolean {
    const was = this.busy;
    this.#stroke = undefined;
    return was;
  }

  preview() {
    const stroke = this.#stroke;
    return {
      shapes: [],
      brush: {
        path: stroke?.path ?? [],
        at: this.#at,
        radius: this.radius,
        erase: stroke?.erase ?? this.erase,
      },
    };
  }
}
