import { describe, expect, it } from 'vitest';
import { ToolDriver } from './driver.ts';
import { RotatedBoxTool } from '../../../src/image/tools/rbox.ts';
import { PolylineTool } from '../../../src/image/tools/polyline.ts';
import { KeypointsTool } from '../../../src/image/tools/keypoints.ts';
import { MaskTool } from '../../../src/image/tools/mask.ts';
import { SelectTool } from '../../../src/image/tools/select.ts';
import { rotatedCorners } from '../../../src/model/rotated-box.ts';
import { decodeRle, rleArea } from '../../../src/model/rle.ts';
import { maskToPolygon, polygonToMask } from '../../../src/image/convert.ts';

describe('new image tools, headless', () => {
  it('draws an upright rotated box, then turns it by its knob; corners follow the angle', () => {
    const d = new ToolDriver({ width: 200, height: 200 }, 1);
    d.use((c) => new RotatedBoxTool(c));
    d.drag([50, 80], [150, 120]);
    expect(d.shapesNow).toMatchObject([
      { type: 'rbox', cx: 100, cy: 100, w: 100, h: 40, angle: 0, label: 'ship' },
    ]);
    // The knob sits 4 tolerances above the top edge's middle: drag it to the right of the centre.
    d.use((c) => new SelectTool(c));
    d.drag([100, 76], [140, 100]);
    expect(d.shapesNow[0]).toMatchObject({ angle: 90 });
    const corners = rotatedCorners({ cx: 100, cy: 100, w: 100, h: 40, angle: 90 });
    expect(corners.map((p) => [Math.round(p.x), Math.round(p.y)])).toEqual([
      [120, 50],
      [120, 150],
      [80, 150],
      [80, 50],
    ]);
  });

  it('ends a polyline by a second click on its last vertex; one vertex alone is dropped', () => {
    const d = new ToolDriver({ width: 200, height: 200 }, 1);
    const tool = d.use((c) => new PolylineTool(c));
    d.click(10, 10);
    d.click(10.2, 10); // the last vertex again: a line of one vertex is no line
    expect(d.shapesNow).toEqual([]);
    expect(tool.busy).toBe(false);
    d.click(10, 10);
    d.click(60, 10);
    d.click(60.4, 10);
    expect(d.shapesNow).toMatchObject([
      {
        type: 'polyline',
        points: [
          [10, 10],
          [60, 10],
        ],
      },
    ]);
    expect(d.changes).toHaveLength(1);
  });

  it('draws a polyline, ended by Enter, and edits its vertices without a closing edge', () => {
    const d = new ToolDriver({ width: 200, height: 200 }, 1);
    const tool = d.use((c) => new PolylineTool(c));
    d.click(10, 10);
    d.click(100, 10);
    d.click(100, 100);
    tool.key('enter');
    expect(d.shapesNow).toMatchObject([
      {
        type: 'polyline',
        label: 'lane',
        points: [
          [10, 10],
          [100, 10],
          [100, 100],
        ],
      },
    ]);
    d.use((c) => new SelectTool(c));
    d.drag([100, 100], [120, 130]); // the last vertex
    expect(d.shapesNow[0]).toMatchObject({
      points: [
        [10, 10],
        [100, 10],
        [120, 130],
      ],
    });
    // Where the closing edge of a polygon would be, nothing is inserted.
    d.click(60, 60);
    expect((d.shapesNow[0] as { points: unknown[] }).points).toHaveLength(3);
  });

  it("places a skeleton's nodes in order: visible, hidden (Shift) and skipped", () => {
    const d = new ToolDriver();
    const tool = d.use((c) => new KeypointsTool(c));
    expect(tool.next()).toBe('head');
    d.click(50, 40);
    d.click(30, 80, { shift: true });
    tool.key('skip');
    expect(d.shapesNow).toMatchObject([
      {
        type: 'keypoints',
        label: 'person',
        points: [
          [50, 40, 2],
          [30, 80, 1],
          [0, 0, 0],
        ],
      },
    ]);
    expect(d.changes).toHaveLength(1);
  });

  it('paints a mask with the brush (stored as RLE on release), erases from it, and converts both ways', () => {
    const d = new ToolDriver({ width: 40, height: 30 }, 1);
    const tool = d.use((c) => new MaskTool(c));
    tool.radius = 2;
    d.drag([10, 10], [20, 10]);
    const mask = d.shapesNow[0]!;
    expect(mask).toMatchObject({ type: 'mask', label: 'sky', rle: { size: [30, 40] } });
    if (mask.type !== 'mask') throw new Error('not a mask');
    const pixels = decodeRle(mask.rle);
    expect(pixels[10 * 40 + 15]).toBe(1); // on the stroke
    expect(pixels[20 * 40 + 15]).toBe(0); // far from it
    const area = rleArea(mask.rle);
    d.down(15, 10, { shift: true }); // Shift erases from the selected mask
    d.up(15, 10);
    const erased = d.shapesNow[0]!;
    if (erased.type !== 'mask') throw new Error('not a mask');
    expect(rleArea(erased.rle)).toBeLessThan(area);
    // A square polygon becomes exactly its pixels, and back.
    const square = {
      ...mask,
      type: 'polygon' as const,
      points: [
        [5, 5],
        [15, 5],
        [15, 12],
        [5, 12],
      ] as [number, number][],
    };
    const asMask = polygonToMask(square, { width: 40, height: 30 }, 't2');
    expect(rleArea(asMask.rle)).toBe(70);
    expect(maskToPolygon(asMask, 't3')).toMatchObject({
      type: 'polygon',
      points: [
        [5, 5],
        [15, 5],
        [15, 12],
        [5, 12],
      ],
    });
  });
});
