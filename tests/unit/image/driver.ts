import { applyChange, type Change } from '../../../src/model/history.ts';
import { isShape, type DrawnType, type Shape, type Size } from '../../../src/model/geometry.ts';
import type { Skeleton } from '../../../src/model/label.ts';
import type { Tool, ToolContext, ToolPointer } from '../../../src/image/tools/tool.ts';

/**
 * A headless stand-in for the image annotator: it keeps shapes and a selection in memory,
 * records every committed change, and pans a plain viewport. Tools run on it unchanged.
 */
export class ToolDriver implements ToolContext {
  shapesNow: Shape[] = [];
  selected: string[] = [];
  changes: Change[] = [];
  panned = { x: 0, y: 0 };
  labels: Partial<Record<DrawnType, string>> = {
    box: 'car',
    polygon: 'road',
    point: 'eye',
    rbox: 'ship',
    polyline: 'lane',
    keypoints: 'person',
    mask: 'sky',
  };
  skeletons: Record<string, Skeleton> = {
    person: {
      nodes: ['head', 'left hand', 'right hand'],
      edges: [
        [0, 1],
        [0, 2],
      ],
    },
  };
  tool!: Tool;
  #ids = 0;

  constructor(
    readonly image: Size = { width: 1000, height: 800 },
    /** Image pixels per screen pixel, as at some zoom level. */
    private readonly toleranceNow = 4,
  ) {}

  use<T extends Tool>(make: (ctx: ToolContext) => T): T {
    const tool = make(this);
    this.tool = tool;
    return tool;
  }

  shapes(): readonly Shape[] {
    return this.shapesNow;
  }
  selection(): readonly string[] {
    return this.selected;
  }
  select(ids: readonly string[]): void {
    this.selected = [...ids];
  }
  tolerance(): number {
    return this.toleranceNow;
  }
  labelFor(type: DrawnType): string | undefined {
    return this.labels[type];
  }
  skeleton(labelId: string): Skeleton | undefined {
    return this.skeletons[labelId];
  }
  stamp() {
    this.#ids++;
    return {
      id: `s${this.#ids}`,
      projectId: 'p',
      itemId: 'i',
      annotator: 'me',
      createdAt: 't0',
      updatedAt: 't0',
    };
  }
  now(): string {
    return 't1';
  }
  commit(change: Change): void {
    this.changes.push(change);
    this.shapesNow = applyChange(this.shapesNow, change).filter(isShape);
  }
  pan(dx: number, dy: number): void {
    this.panned = { x: this.panned.x + dx, y: this.panned.y + dy };
  }

  // Gestures in image pixels, as the stage would send them.
  down(x: number, y: number, mods: Omit<ToolPointer, 'x' | 'y'> = {}) {
    this.tool.down({ x, y, ...mods });
  }
  move(x: number, y: number) {
    this.tool.move({ x, y });
  }
  up(x: number, y: number) {
    this.tool.up({ x, y });
  }
  click(x: number, y: number, mods: Omit<ToolPointer, 'x' | 'y'> = {}) {
    this.down(x, y, mods);
    this.up(x, y);
  }
  drag(from: [number, number], to: [number, number], steps = 4) {
    this.down(...from);
    for (let i = 1; i <= steps; i++)
      this.move(
        from[0] + ((to[0] - from[0]) * i) / steps,
        from[1] + ((to[1] - from[1]) * i) / steps,
      );
    this.up(...to);
  }

  /** Adds shapes as if already stored. */
  given(...shapes: Shape[]): this {
    this.shapesNow = [...this.shapesNow, ...shapes];
    return this;
  }
}

const base = { projectId: 'p', itemId: 'i', annotator: 'me', createdAt: 't0', updatedAt: 't0' };

export function box(id: string, x: number, y: number, w: number, h: number): Shape {
  return { ...base, id, label: 'car', type: 'box', x, y, w, h };
}

export function polygon(id: string, points: [number, number][]): Shape {
  return { ...base, id, label: 'road', type: 'polygon', points };
}

export function point(id: string, x: number, y: number): Shape {
  return { ...base, id, label: 'eye', type: 'point', x, y };
}
