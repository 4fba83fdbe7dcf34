import type { ItemEditor } from './item-editor.svelte.ts';
import type { ImageItem } from '../model/item.ts';
import type { Label } from '../model/label.ts';
import { now } from '../model/ids.ts';
import {
  hits,
  shapesAt,
  moveShapes,
  SHAPE_TYPES,
  type Point,
  type Shape,
  type DrawnType,
  kindOf,
} from '../model/geometry.ts';
import { toImage } from '../model/viewport.ts';
import type { Preview, Tool, ToolContext, ToolName, ToolPointer } from '../image/tools/tool.ts';
import { SelectTool } from '../image/tools/select.ts';
import { BoxTool } from '../image/tools/box.ts';
import { PolygonTool } from '../image/tools/polygon.ts';
import { PointTool } from '../image/tools/point.ts';
import { PanTool } from '../image/tools/pan.ts';
import { RotatedBoxTool } from '../image/tools/rbox.ts';
import { PolylineTool } from '../image/tools/polyline.ts';
import { KeypointsTool } from '../image/tools/keypoints.ts';
import { MaskTool } from '../image/tools/mask.ts';
import { imageDisplay, type ImageDisplay } from './image-display.svelte.ts';
import { ImageShapes } from './image-shapes.svelte.ts';

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
export interface PointerInput {
  /** CSS pixels from the canvas's top-left corner. */
  x: number;
  y: number;
  button: number;
  shift: boolean;
  alt: boolean;
}

/**
 * Shape labeling on one image item: the tools and the pointer and keys that drive them, over
 * the shapes, selection and edits (ImageShapes) and the view (ImageViewport). The stage feeds
 * it pointer positions in screen pixels; from here on everything is in image pixels.
 */
export class ImageAnnotator extends ImageShapes implements ToolContext {
  toolName = $state<ToolName>('select');
  /** The label new shapes get (when it applies to the tool's shape type). */
  drawLabelId = $state<string | undefined>();
  preview = $state.raw<Preview | undefined>();
  /** The pointer in image pixels, for the crosshair; undefined when it is off the canvas. */
  pointer = $state.raw<Point | undefined>();
  /** Space held: the pointer pans whatever the tool. */
  spaceHeld = $state(false);
  /** A pan by space-drag or middle-drag in progress. */
  panning = $state(false);

  readonly tools: Record<ToolName, Tool>;
  private readonly selectTool: SelectTool;
  private readonly panTool: PanTool;
  readonly display: ImageDisplay = imageDisplay;

  constructor(editor: ItemEditor, item: ImageItem, labels: () => readonly Label[]) {
    super(editor, item, labels);
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

  shapes(): readonly Shape[] {
    return this.visible;
  }

  tolerance(): number {
    return TOUCH_PX / this.view.scale;
  }

  labelFor(type: DrawnType): string | undefined {
    const applicable = this.labelsFor(type);
    return (applicable.find((l) => l.id === this.drawLabelId) ?? applicable[0])?.id;
  }

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

  /** The mask brush's radius in image pixels. */
  setBrush(radius: number): void {
    (this.tools.mask as MaskTool).radius = Math.max(1, Math.round(radius));
    this.preview = this.tool.preview();
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
}
