import type { ItemEditor } from './item-editor.svelte.ts';
import type { ImageItem } from '../model/item.ts';
import type { Label } from '../model/label.ts';
import type { Change } from '../model/history.ts';
import { now } from '../model/ids.ts';
import {
  boundsOf,
  clampShape,
  isShape,
  moveShapes,
  unionOf,
  type Shape,
  type DrawnType,
} from '../model/geometry.ts';
import { fit, visibleRect } from '../model/viewport.ts';
import { rotateBy } from '../image/tools/rbox.ts';
import { arrange, byDrawingOrder, editable, toggleLock } from '../image/arrange.ts';
import { withAttribute, type AttributeValue } from '../model/attributes.ts';
import { maskToPolygon, polygonToMask } from '../image/convert.ts';
import { ImageViewport } from './image-viewport.svelte.ts';

/** Pasting where the originals still are shifts the copies by this much (image pixels). */
const PASTE_OFFSET = 10;

/** Copied shapes, kept across items so a labeler can paste onto the next image. */
let clipboard: Shape[] = [];

/**
 * The shapes of one image item: their labels, which are shown and selected, and the edits a
 * labeler makes to the selection (each one undo step, through the item's editor).
 */
export class ImageShapes extends ImageViewport {
  selected = $state.raw<string[]>([]);
  /** Labels whose shapes are hidden (and cannot be touched). */
  hidden = $state.raw<ReadonlySet<string>>(new Set());
  /** Single shapes hidden by the labeler (view only, like a hidden label). */
  hiddenShapes = $state.raw<ReadonlySet<string>>(new Set());

  readonly all: Shape[];
  readonly visible: Shape[];
  readonly selectedShapes: Shape[];
  readonly labelById: Map<string, Label>;

  constructor(
    readonly editor: ItemEditor,
    item: ImageItem,
    protected readonly labels: () => readonly Label[],
  ) {
    super({ width: item.width, height: item.height });
    this.labelById = $derived(new Map(labels().map((l) => [l.id, l])));
    // Drawing order (z, then oldest first), the same after a reload: the list's order, and of
    // two equal shapes under the pointer a click takes the one on top.
    this.all = $derived(editor.annotations.filter(isShape).sort(byDrawingOrder));
    this.visible = $derived(
      this.all.filter((s) => !this.hidden.has(s.label) && !this.hiddenShapes.has(s.id)),
    );
    this.selectedShapes = $derived.by(() => {
      const ids = new Set(this.selected);
      return this.visible.filter((s) => ids.has(s.id));
    });
  }

  colorOf(labelId: string): string {
    return this.labelById.get(labelId)?.color ?? '#6b7280';
  }

  nameOf(labelId: string): string {
    return this.labelById.get(labelId)?.name ?? 'Unknown label';
  }

  selection(): readonly string[] {
    return this.selectedShapes.map((s) => s.id);
  }

  select(ids: readonly string[]): void {
    this.selected = [...ids];
  }

  labelsFor(type: DrawnType): Label[] {
    return this.labels().filter((l) => l.kinds.includes(type));
  }

  skeleton(labelId: string) {
    return this.labelById.get(labelId)?.skeleton;
  }

  stamp() {
    return this.editor.stamp();
  }

  now(): string {
    return now();
  }

  commit(change: Change): void {
    void this.editor.apply(change);
  }

  /** Toggles a yes/no attribute on the selected shapes whose label declares it (one undo step). */
  toggleAttribute(name: string): void {
    const targets = this.selectedShapes.filter((s) =>
      this.labelById.get(s.label)?.attributes?.some((d) => d.name === name && d.type === 'boolean'),
    );
    if (targets.length === 0) return;
    const on = !targets.every((s) => s.attributes?.[name] === true);
    this.setAttribute(targets, name, on);
  }

  /** Sets (or with undefined removes) one attribute on shapes: one undo step. */
  setAttribute(targets: readonly Shape[], name: string, value: AttributeValue | undefined): void {
    const at = now();
    const after = targets.map((s) => {
      const attributes = withAttribute(s.attributes, name, value);
      const next = { ...s, updatedAt: at };
      if (attributes) next.attributes = attributes;
      else delete next.attributes;
      return next;
    });
    this.commit({ before: [...targets], after });
  }

  /** Turns the selected polygons into masks, or the selected masks into polygons (one undo step). */
  convertSelection(to: 'mask' | 'polygon'): void {
    const at = now();
    const before = this.editableSelection.filter((s) =>
      to === 'mask' ? s.type === 'polygon' || s.type === 'multipolygon' : s.type === 'mask',
    );
    const after = before.flatMap((s) => {
      if (s.type === 'mask') return maskToPolygon(s, at) ?? [];
      if (s.type === 'polygon' || s.type === 'multipolygon')
        return polygonToMask(s, this.image, at);
      return [];
    });
    if (after.length > 0) this.commit({ before, after });
  }

  /** Turns the selected rotated boxes by `degrees` clockwise (one undo step). */
  rotateSelection(degrees: number): void {
    const boxes = this.editableSelection.filter((s) => s.type === 'rbox');
    if (boxes.length === 0) return;
    const at = now();
    this.commit({
      before: boxes,
      after: boxes.map((b) => ({ ...rotateBy(b, degrees), updatedAt: at })),
    });
  }

  /** The selected shapes that are not locked (locked ones are never moved or deleted). */
  get editableSelection(): Shape[] {
    return this.selectedShapes.filter(editable);
  }

  deleteSelected(): void {
    const shapes = this.editableSelection;
    if (shapes.length === 0) return;
    this.selected = this.selected.filter((id) => !shapes.some((s) => s.id === id));
    this.commit({ before: shapes, after: [] });
  }

  copy(): void {
    if (this.selectedShapes.length > 0) clipboard = this.selectedShapes;
  }

  /** Pastes copies (new ids, this item); shifted when the originals are still in place here. */
  paste(): void {
    if (clipboard.length === 0) return;
    const here = new Map(this.all.map((s) => [s.id, s]));
    const inPlace = clipboard.every((s) => {
      const original = here.get(s.id);
      return (
        original !== undefined && JSON.stringify(boundsOf(original)) === JSON.stringify(boundsOf(s))
      );
    });
    const offset = inPlace ? PASTE_OFFSET : 0;
    // Copies from a bigger image are cut to this one; a box entirely outside it is dropped.
    const copies = moveShapes(clipboard, offset, offset, this.image).flatMap((s) => {
      const inside = clampShape(s, this.image);
      if (!inside) return [];
      const { id, projectId, itemId, annotator, createdAt, updatedAt } = this.stamp();
      return [{ ...inside, id, projectId, itemId, annotator, createdAt, updatedAt }];
    });
    if (copies.length === 0) return;
    this.commit({ before: [], after: copies });
    this.selected = copies.map((s) => s.id);
    clipboard = copies;
  }

  selectAll(): void {
    this.selected = this.visible.map((s) => s.id);
  }

  /** Brings the selection above every other shape (or sends it below them all). */
  bringToFront(front = true): void {
    this.commit(arrange(this.all, this.selectedShapes, front, now()));
  }

  toggleLock(): void {
    if (this.selectedShapes.length > 0) this.commit(toggleLock(this.selectedShapes, now()));
  }

  /** Hides one shape (or shows it again); a hidden shape leaves the selection. */
  toggleShapeHidden(id: string): void {
    const hidden = new Set(this.hiddenShapes);
    if (hidden.has(id)) hidden.delete(id);
    else hidden.add(id);
    this.hiddenShapes = hidden;
    this.selected = this.selected.filter((s) => !hidden.has(s));
  }

  toggleHidden(labelId: string): void {
    const hidden = new Set(this.hidden);
    if (hidden.has(labelId)) hidden.delete(labelId);
    else hidden.add(labelId);
    this.hidden = hidden;
  }

  /** Selects one shape (from the shape list) and brings it into view if it is outside. */
  focus(id: string): void {
    const shape = this.visible.find((s) => s.id === id);
    if (!shape) return;
    this.selected = [id];
    const b = boundsOf(shape);
    const seen = visibleRect(this.view, this.viewSize);
    const inside =
      b.x >= seen.x &&
      b.y >= seen.y &&
      b.x + b.w <= seen.x + seen.w &&
      b.y + b.h <= seen.y + seen.h;
    if (!inside) this.centreOn({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
  }

  /** Zooms so the selection fills the view (or fits the image when nothing is selected). */
  zoomToSelection(): void {
    const b = unionOf(this.selectedShapes.map(boundsOf));
    if (!b) return this.fit();
    const pad = 40;
    const w = Math.max(b.w, 20);
    const h = Math.max(b.h, 20);
    const v = fit({ width: w, height: h }, this.viewSize, pad, this.view.rotation);
    const centre = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
    this.show(this.centred({ ...this.view, scale: v.scale }, centre), () => this.zoomToSelection());
  }
}
