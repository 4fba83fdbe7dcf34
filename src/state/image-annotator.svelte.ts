import type { ItemEditor } from './item-editor.svelte.ts';
import type { ImageItem } from '../model/item.ts';
import type { Label } from '../model/label.ts';
import type { Change } from '../model/history.ts';
import { now } from '../model/ids.ts';
import {
  boundsOf,
  clampShape,
  hits,
  isShape,
  shapesAt,
  moveShapes,
  unionOf,
  SHAPE_TYPES,
  type Point,
  type Shape,
  type DrawnType,
  kindOf,
  type Size,
} from '../model/geometry.ts';
import {
  ZOOM_STEP,
  actualSize,
  fit,
  panBy,
  rotateView,
  toImage,
  toScreen,
  visibleRect,
  zoomAround,
  type Viewport,
} from '../model/viewport.ts';
import type { Preview, Tool, ToolContext, ToolName, ToolPointer } from '../image/tools/tool.ts';
import { SelectTool } from '../image/tools/select.ts';
import { BoxTool } from '../image/tools/box.ts';
import { PolygonTool } from '../image/tools/polygon.ts';
import { PointTool } from '../image/tools/point.ts';
import { PanTool } from '../image/tools/pan.ts';
import { RotatedBoxTool, rotateBy } from '../image/tools/rbox.ts';
import { PolylineTool } from '../image/tools/polyline.ts';
import { KeypointsTool } from '../image/tools/keypoints.ts';
import { MaskTool } from '../image/tools/mask.ts';
import { arrange, byDrawingOrder, editable, toggleLock } from '../image/arrange.ts';
import { imageDisplay, type ImageDisplay } from './image-display.svelte.ts';
import { withAttribute, type AttributeValue } from '../model/attributes.ts';
import { maskToPolygon, polygonToMask } from '../image/convert.ts';

/** The shape type each drawing tool draws (the label bar offers that type's labels). */
const DRAWS: Partial<Record<ToolName, DrawnType>> = {
  box: 'box',
  polygon: 'polygon',
  point: 'point',
  rbox: 'rbox',
  polyline: 'polyline',
  keypoints: 'keypoints',
  mask: 'mask',
};

/** How near the pointer must be to a shape, handle or vertex, in screen pixels. */
const TOUCH_PX = 6;
/** Pasting where the originals still are shifts the copies by this much (image pixels). */
const PASTE_OFFSET = 10;

/** Copied shapes, kept across items so a labeler can paste onto the next image. */
let clipboard: Shape[] = [];

export interface PointerInput {
  /** CSS pixels from the canvas's top-left corner. */
  x: number;
  y: number;
  button: number;
  shift: boolean;
  alt: boolean;
}

/**
 * Shape labeling on one image item: the tools, the selection, the view, and the edits they
 * make. The stage feeds it pointer positions in screen pixels; from here on everything is in
 * image pixels.
 */
export class ImageAnnotator implements ToolContext {
  readonly image: Size;
  toolName = $state<ToolName>('select');
  /** The label new shapes get (when it applies to the tool's shape type). */
  drawLabelId = $state<string | undefined>();
  selected = $state.raw<string[]>([]);
  /** Labels whose shapes are hidden (and cannot be touched). */
  hidden = $state.raw<ReadonlySet<string>>(new Set());
  /** Single shapes hidden by the labeler (view only, like a hidden label). */
  hiddenShapes = $state.raw<ReadonlySet<string>>(new Set());
  view = $state.raw<Viewport>({ scale: 1, x: 0, y: 0 });
  viewSize = $state.raw<Size>({ width: 0, height: 0 });
  preview = $state.raw<Preview | undefined>();
  /** The pointer in image pixels, for the crosshair; undefined when it is off the canvas. */
  pointer = $state.raw<Point | undefined>();
  /** Space held: the pointer pans whatever the tool. */
  spaceHeld = $state(false);
  /** A pan by space-drag or middle-drag in progress. */
  panning = $state(false);
  /**
   * While only the image's preview is shown: the largest zoom that does not magnify it. No
   * labeler sees (or draws on) a preview at 1:1; the original lifts the limit.
   */
  zoomLimit = $state<number | undefined>();
  /** A 1:1, fit or zoom to selection asked for past the limit: done once the original is shown. */
  private waiting: (() => void) | undefined;

  readonly all: Shape[];
  readonly visible: Shape[];
  readonly selectedShapes: Shape[];
  readonly labelById: Map<string, Label>;
  readonly tools: Record<ToolName, Tool>;
  private readonly selectTool: SelectTool;
  private readonly panTool: PanTool;
  readonly display: ImageDisplay = imageDisplay;

  constructor(
    readonly editor: ItemEditor,
    item: ImageItem,
    private readonly labels: () => readonly Label[],
  ) {
    this.image = { width: item.width, height: item.height };
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
    this.selectTool = new SelectTool(this);
    this.panTool = new PanTool(this);
    this.tools = {
      select: this.selectTool,
      box: new BoxTool(this),
      polygon: new PolygonTool(this),
      point: new PointTool(this),
      rbox: new RotatedBoxTool(this),
      polyline: new PolylineTool(this),
      keypoints: new KeypointsTool(this),
      mask: new MaskTool(this),
      pan: this.panTool,
    };
  }

  colorOf(labelId: string): string {
    return this.labelById.get(labelId)?.color ?? '#6b7280';
  }

  nameOf(labelId: string): string {
    return this.labelById.get(labelId)?.name ?? 'Unknown label';
  }

  get tool(): Tool {
    return this.tools[this.toolName];
  }

  /** The shape type the active tool draws; undefined for select and pan. */
  get drawType(): DrawnType | undefined {
    return DRAWS[this.toolName];
  }

  /** The tool taking the pointer now: the pan tool while space- or middle-dragging. */
  private get active(): Tool {
    return this.panning ? this.panTool : this.tool;
  }

  // ToolContext: what the tools may read and do.

  shapes(): readonly Shape[] {
    return this.visible;
  }

  selection(): readonly string[] {
    return this.selectedShapes.map((s) => s.id);
  }

  select(ids: readonly string[]): void {
    this.selected = [...ids];
  }

  tolerance(): number {
    return TOUCH_PX / this.view.scale;
  }

  labelsFor(type: DrawnType): Label[] {
    return this.labels().filter((l) => l.kinds.includes(type));
  }

  skeleton(labelId: string) {
    return this.labelById.get(labelId)?.skeleton;
  }

  labelFor(type: DrawnType): string | undefined {
    const applicable = this.labelsFor(type);
    return (applicable.find((l) => l.id === this.drawLabelId) ?? applicable[0])?.id;
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

  pan(dx: number, dy: number): void {
    this.waiting = undefined;
    this.view = panBy(this.view, dx * this.view.scale, dy * this.view.scale);
  }

  // Pointer input from the stage, in screen pixels.

  private toPointer(input: PointerInput): ToolPointer {
    return { ...toImage(this.view, input), shift: input.shift, alt: input.alt };
  }

  pointerDown(input: PointerInput): void {
    // A drag whose release never arrived (the pointer left the window) is dropped.
    const clicks = [this.tools.polygon, this.tools.polyline, this.tools.keypoints];
    if (this.active.busy && !clicks.includes(this.active)) this.active.cancel();
    this.panning = input.button === 1 || this.spaceHeld || this.toolName === 'pan';
    if (input.button !== 0 && !this.panning) return;
    this.active.down(this.toPointer(input));
    this.preview = this.active.preview();
  }

  pointerMove(input: PointerInput): void {
    const p = this.toPointer(input);
    this.pointer = p;
    this.active.move(p);
    this.preview = this.active.preview();
  }

  pointerUp(input: PointerInput): void {
    this.active.up(this.toPointer(input));
    this.preview = this.active.preview();
    this.panning = false;
  }

  /** A right-click: selects the shape under the pointer unless it is selected already. */
  selectAt(input: PointerInput): boolean {
    const p = toImage(this.view, input);
    if (this.selectedShapes.some((s) => hits(s, p, this.tolerance()))) return true;
    const top = shapesAt(this.visible, p, this.tolerance())[0];
    this.selected = top ? [top.id] : [];
    return top !== undefined;
  }

  pointerLeave(): void {
    this.pointer = undefined;
  }

  // Keyboard and buttons.

  setTool(name: ToolName): void {
    this.tool.cancel();
    this.preview = undefined;
    this.toolName = name;
  }

  /** Escape: drops the gesture in progress; with none, clears the selection. */
  escape(): void {
    if (this.active.cancel()) this.preview = undefined;
    else this.selected = [];
    this.panning = false;
  }

  /** A key for the active tool (skip a node, brush size, eraser); true when it used it. */
  toolKey(key: string): boolean {
    const used = this.tool.key(key);
    this.preview = this.tool.preview();
    return used;
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

  /** The mask brush's radius in image pixels. */
  setBrush(radius: number): void {
    (this.tools.mask as MaskTool).radius = Math.max(1, Math.round(radius));
    this.preview = this.tool.preview();
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

  /** Enter: closes the polygon being drawn. */
  enter(): boolean {
    const used = this.tool.key('enter');
    this.preview = this.tool.preview();
    return used;
  }

  /** Backspace takes back a polygon vertex while drawing; otherwise deletes the selection. */
  backspace(): void {
    if (this.tool.key('backspace')) this.preview = this.tool.preview();
    else this.deleteSelected();
  }

  /**
   * A label's hotkey: relabels the selected shapes it applies to. While a drawing tool is
   * active it also becomes the label for the next shape (switching tool when it draws another
   * kind); in Select or Pan with nothing selected it picks the label and a tool that draws it.
   */
  chooseLabel(labelId: string): void {
    const label = this.labels().find((l) => l.id === labelId);
    if (!label) return;
    const applies = this.selectedShapes.filter((s) => label.kinds.includes(kindOf(s)));
    const targets = applies.filter((s) => s.label !== labelId);
    if (targets.length > 0) {
      const at = now();
      this.commit({
        before: targets,
        after: targets.map((s) => ({ ...s, label: labelId, updatedAt: at })),
      });
    }
    const drawType = this.drawType;
    if (!drawType && this.selectedShapes.length > 0) return;
    const drawsIt = drawType !== undefined && label.kinds.includes(drawType);
    // A key that relabelled the selection does not also switch the tool away.
    if (drawType && applies.length > 0 && !drawsIt) return;
    this.drawLabelId = labelId;
    const kind = SHAPE_TYPES.find((t) => label.kinds.includes(t));
    if (!drawsIt && kind) this.setTool(kind);
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

  /** Moves the selection by whole image pixels (one undo step per press). */
  nudge(dx: number, dy: number): void {
    const shapes = this.editableSelection;
    if (shapes.length === 0 || this.active.busy) return;
    const at = now();
    this.commit({
      before: shapes,
      after: moveShapes(shapes, dx, dy, this.image).map((s) => ({ ...s, updatedAt: at })),
    });
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

  /** Selects the next shape under the last click, below the selected one. */
  cycle(): void {
    this.selectTool.cycle();
  }

  /** Whether the last click landed on overlapping shapes that `cycle` can walk through. */
  canCycle(): boolean {
    return this.toolName === 'select' && this.selectTool.overlapping() > 1;
  }

  /** Ctrl+Z mid-gesture: takes back a polygon's last vertex, or drops the gesture. */
  undoInGesture(): void {
    if (this.tool.key('backspace')) this.preview = this.tool.preview();
    else this.escape();
  }

  // Shape management: order, lock, hide one shape.

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

  /** Pans so the image point `p` is at the centre of the view. */
  private centreOn(p: Point): void {
    this.view = this.centred(this.view, p);
  }

  private centred(view: Viewport, p: Point): Viewport {
    const now = toScreen(view, p);
    return panBy(view, this.centre.x - now.x, this.centre.y - now.y);
  }

  // The view.

  /**
   * Sets the zoom limit while a preview is shown (undefined once the original is): zooms out
   * to it if needed; lifted, does the zoom that was waiting for the original.
   */
  limitZoom(limit: number | undefined): void {
    this.zoomLimit = limit;
    if (limit === undefined) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.();
    } else if (this.view.scale > limit) this.show(this.view);
  }

  /**
   * Shows `next`; past the zoom limit, as near as the preview allows (around the centre), and
   * `again` redoes the request once the original is there.
   */
  private show(next: Viewport, again?: () => void): void {
    const limit = this.zoomLimit;
    this.waiting = undefined;
    if (limit === undefined || next.scale <= limit) {
      this.view = next;
      return;
    }
    this.waiting = again;
    this.view = zoomAround(next, this.centre, limit / next.scale);
  }

  /** The canvas got its size: the first time, fit the image in it. */
  resize(size: Size): void {
    const first = this.viewSize.width === 0;
    this.viewSize = size;
    if (first && size.width > 0) this.fit();
  }

  zoomAt(screen: Point, factor: number): void {
    // Zooming in stops at the limit; zooming out is never held back.
    const limit = this.zoomLimit;
    const most = limit === undefined ? factor : Math.min(factor, limit / this.view.scale);
    this.waiting = undefined;
    this.view = zoomAround(this.view, screen, Math.max(most, Math.min(factor, 1)));
  }

  zoomIn(): void {
    this.zoomAt(this.centre, ZOOM_STEP);
  }

  zoomOut(): void {
    this.zoomAt(this.centre, 1 / ZOOM_STEP);
  }

  fit(): void {
    this.show(fit(this.image, this.viewSize, undefined, this.view.rotation), () => this.fit());
  }

  /** Turns the view a quarter turn clockwise (or back); stored coordinates never turn. */
  rotate(clockwise = true): void {
    this.view = rotateView(this.view, this.viewSize, clockwise);
  }

  actualSize(): void {
    this.show(actualSize(this.view, this.viewSize), () => this.actualSize());
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

  private get centre(): Point {
    return { x: this.viewSize.width / 2, y: this.viewSize.height / 2 };
  }
}
