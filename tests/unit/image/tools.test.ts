import { describe, expect, it } from 'vitest';
import { BoxTool } from '../../../src/image/tools/box.ts';
import { PolygonTool } from '../../../src/image/tools/polygon.ts';
import { PointTool } from '../../../src/image/tools/point.ts';
import { PanTool } from '../../../src/image/tools/pan.ts';
import { SelectTool } from '../../../src/image/tools/select.ts';
import { ToolDriver, box, point, polygon } from './driver.ts';

// Tools driven headless: pointer events in image pixels in, model changes out.

describe('box tool', () => {
  it('turns one drag into one added box, whichever way it was dragged', () => {
    const d = new ToolDriver();
    d.use((ctx) => new BoxTool(ctx));
    d.drag([300.25, 200], [100, 50.5]);
    expect(d.changes).toEqual([
      {
        before: [],
        after: [
          expect.objectContaining({
            type: 'box',
            label: 'car',
            x: 100,
            y: 50.5,
            w: 200.25,
            h: 149.5,
          }),
        ],
      },
    ]);
    expect(d.selected).toEqual(['s1']);
  });

  it('shows the box while dragging and clamps it to the image', () => {
    const d = new ToolDriver();
    const tool = d.use((ctx) => new BoxTool(ctx));
    d.down(900, 700);
    d.move(1200, 900);
    expect(tool.preview()?.box).toEqual({ x: 900, y: 700, w: 100, h: 100 });
    d.up(1200, 900);
    expect(d.shapesNow[0]).toMatchObject({ x: 900, y: 700, w: 100, h: 100 });
  });

  it('draws nothing on a click, on Escape mid-drag, or without a box label', () => {
    const d = new ToolDriver();
    const tool = d.use((ctx) => new BoxTool(ctx));
    d.click(100, 100);
    d.down(100, 100);
    d.move(200, 200);
    expect(tool.cancel()).toBe(true);
    d.up(200, 200);
    d.labels = {};
    d.drag([10, 10], [50, 50]);
    expect(d.changes).toEqual([]);
    expect(tool.busy).toBe(false);
  });
});

describe('polygon tool', () => {
  const five: [number, number][] = [
    [100, 100],
    [300, 80],
    [400, 250],
    [250, 400],
    [90, 300],
  ];

  it('adds a vertex per click and closes on the first vertex, as one change', () => {
    const d = new ToolDriver();
    const tool = d.use((ctx) => new PolygonTool(ctx));
    for (const [x, y] of five) d.click(x, y);
    d.move(102, 99);
    expect(tool.preview()?.polygon).toMatchObject({ points: five, closable: true });
    expect(d.changes).toEqual([]);
    d.click(102, 99);
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]!.after[0]).toMatchObject({ type: 'polygon', label: 'road', points: five });
    expect(tool.busy).toBe(false);
  });

  it('closes with Enter, takes back a vertex with Backspace, ignores double clicks', () => {
    const d = new ToolDriver();
    const tool = d.use((ctx) => new PolygonTool(ctx));
    d.click(10, 10);
    d.click(10.5, 10); // the second click of a double click
    d.click(100, 10);
    d.click(999, 999);
    expect(tool.key('backspace')).toBe(true);
    d.click(100, 100);
    expect(tool.key('enter')).toBe(true);
    expect(d.shapesNow[0]).toMatchObject({
      points: [
        [10, 10],
        [100, 10],
        [100, 100],
      ],
    });
  });

  it('drops a polygon on Escape or when closed with fewer than 3 vertices', () => {
    const d = new ToolDriver();
    const tool = d.use((ctx) => new PolygonTool(ctx));
    d.click(10, 10);
    d.click(100, 10);
    tool.key('enter');
    d.click(10, 10);
    d.click(100, 10);
    d.click(100, 100);
    expect(tool.cancel()).toBe(true);
    expect(d.changes).toEqual([]);
    expect(tool.key('enter')).toBe(false);
  });
});

describe('point tool', () => {
  it('places a point where the pointer is released, inside the image', () => {
    const d = new ToolDriver();
    d.use((ctx) => new PointTool(ctx));
    d.down(50, 50);
    d.move(-20, 60);
    d.up(-20, 60);
    expect(d.changes[0]!.after[0]).toMatchObject({ type: 'point', label: 'eye', x: 0, y: 60 });
  });
});

describe('pan tool', () => {
  it('keeps the grabbed image point under the pointer', () => {
    const d = new ToolDriver();
    d.use((ctx) => new PanTool(ctx));
    d.down(100, 100);
    d.move(130, 90);
    expect(d.panned).toEqual({ x: 30, y: -10 });
    expect(d.changes).toEqual([]);
  });
});

describe('select tool', () => {
  it('selects on click, moves on drag as one change, and never leaves the image', () => {
    const d = new ToolDriver().given(box('a', 100, 100, 50, 50));
    const tool = d.use((ctx) => new SelectTool(ctx));
    d.click(120, 120);
    expect(d.selected).toEqual(['a']);
    expect(d.changes).toEqual([]);
    d.drag([120, 120], [170, 90]);
    expect(d.changes).toEqual([
      {
        before: [box('a', 100, 100, 50, 50)],
        after: [{ ...box('a', 150, 70, 50, 50), updatedAt: 't1' }],
      },
    ]);
    d.drag([170, 90], [-500, 90]);
    expect(d.shapesNow[0]).toMatchObject({ x: 0, y: 70 });
    expect(tool.busy).toBe(false);
  });

  it('resizes a selected box by its corner handle', () => {
    const d = new ToolDriver().given(box('a', 100, 100, 50, 50));
    d.use((ctx) => new SelectTool(ctx));
    d.click(120, 120);
    d.drag([150, 150], [200, 180]);
    expect(d.changes.at(-1)!.after[0]).toMatchObject({ x: 100, y: 100, w: 100, h: 80 });
  });

  it('adds and removes with Shift, clears on empty space, moves a multi-selection together', () => {
    const d = new ToolDriver().given(box('a', 100, 100, 50, 50), point('p', 400, 400));
    d.use((ctx) => new SelectTool(ctx));
    d.click(120, 120);
    d.click(401, 400, { shift: true });
    expect(d.selected).toEqual(['a', 'p']);
    d.drag([401, 400], [411, 410]);
    expect(d.changes[0]!.after.map((s) => s.id)).toEqual(['a', 'p']);
    expect(d.shapesNow).toMatchObject([
      { x: 110, y: 110 },
      { x: 410, y: 410 },
    ]);
    d.click(120, 120, { shift: true });
    expect(d.selected).toEqual(['p']);
    d.click(800, 50);
    expect(d.selected).toEqual([]);
  });

  it('walks down through overlapping shapes with Alt+click', () => {
    const d = new ToolDriver().given(box('big', 0, 0, 500, 500), box('small', 100, 100, 50, 50));
    const tool = d.use((ctx) => new SelectTool(ctx));
    d.click(120, 120);
    expect(d.selected).toEqual(['small']);
    d.click(120, 120, { alt: true });
    expect(d.selected).toEqual(['big']);
    tool.cycle();
    expect(d.selected).toEqual(['small']);
  });

  it('edits a selected polygon: drag a vertex, insert on an edge, Alt+click deletes a vertex', () => {
    const square: [number, number][] = [
      [100, 100],
      [200, 100],
      [200, 200],
      [100, 200],
    ];
    const d = new ToolDriver().given(polygon('q', square));
    d.use((ctx) => new SelectTool(ctx));
    d.click(150, 150);
    d.drag([200, 200], [250, 260]);
    expect(d.shapesNow[0]).toMatchObject({
      points: [
        [100, 100],
        [200, 100],
        [250, 260],
        [100, 200],
      ],
    });
    // Press on the top edge: a vertex appears there and follows the drag. One change.
    d.drag([150, 101], [150, 50]);
    expect(d.changes).toHaveLength(2);
    expect(d.shapesNow[0]).toMatchObject({
      points: [
        [100, 100],
        [150, 50],
        [200, 100],
        [250, 260],
        [100, 200],
      ],
    });
    // A plain click on an edge still inserts a vertex (one change).
    d.click(100, 150);
    expect(d.shapesNow[0]).toMatchObject({ points: { length: 6 } });
    d.click(150, 50, { alt: true });
    expect(d.shapesNow[0]).toMatchObject({
      points: [
        [100, 100],
        [200, 100],
        [250, 260],
        [100, 200],
        [100, 150],
      ],
    });
    expect(d.changes).toHaveLength(4);
  });

  it('cancels a drag on Escape: nothing changes', () => {
    const d = new ToolDriver().given(box('a', 100, 100, 50, 50));
    const tool = d.use((ctx) => new SelectTool(ctx));
    d.click(120, 120);
    d.down(120, 120);
    d.move(300, 300);
    expect(tool.preview()?.shapes[0]).toMatchObject({ x: 280, y: 280 });
    expect(tool.cancel()).toBe(true);
    d.up(300, 300);
    expect(d.changes).toEqual([]);
    expect(d.shapesNow[0]).toMatchObject({ x: 100, y: 100 });
  });
});
