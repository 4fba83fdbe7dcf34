import { describe, expect, it } from 'vitest';
import { formatExports } from '../../../src/formats/exports.ts';
import { classMap } from '../../../src/formats/class-map.ts';
import { box, fileText, imageItem, label, project } from '../../factories/annotations.ts';
import { mustImport } from '../../factories/import-pipeline.ts';

// Issue 17.3: a trained model's class map survives import and export — YOLO indices in
// classes.txt order (not first use), COCO's own category ids and supercategories, and classes
// nothing uses.

describe('class map', () => {
  it('takes YOLO indices from classes.txt, not from the order the labels are used in', async () => {
    const img = imageItem('frame.png', 100, 100);
    const imported = await mustImport(
      'yolo',
      [
        { path: 'ds/classes.txt', text: 'bicycle\ncar\nperson\ntraffic light\n' },
        // Used out of order, and "bicycle" not at all.
        { path: 'ds/labels/frame.txt', text: '2 0.5 0.5 0.2 0.2\n1 0.1 0.1 0.1 0.1\n' },
      ],
      project([]),
      [img],
    );
    expect(imported.labels.map((l) => [l.name, l.classIndex])).toEqual([
      ['bicycle', 0],
      ['car', 1],
      ['person', 2],
      ['traffic light', 3],
    ]);
    const files = formatExports({
      project: project(imported.labels),
      items: [img],
      annotations: imported.annotations,
    });
    expect(fileText(files, 'exports/yolo/data.yaml')).toContain(
      'nc: 4\nnames:\n  0: "bicycle"\n  1: "car"\n  2: "person"\n  3: "traffic light"\n',
    );
    expect(fileText(files, 'exports/yolo/labels/frame.txt')).toBe(
      '1 0.1 0.1 0.1 0.1\n2 0.5 0.5 0.2 0.2\n',
    );
  });

  it("keeps COCO's category ids (with gaps), supercategories and unused categories", async () => {
    const img = imageItem('000000397133.jpg', 640, 427);
    const coco = {
      images: [{ id: 397133, file_name: '000000397133.jpg', width: 640, height: 427 }],
      annotations: [
        { id: 1, image_id: 397133, category_id: 90, bbox: [1, 2, 3, 4], area: 12, iscrowd: 0 },
        { id: 2, image_id: 397133, category_id: 1, bbox: [5, 6, 7, 8], area: 56, iscrowd: 0 },
      ],
      categories: [
        { id: 1, name: 'person', supercategory: 'person' },
        { id: 18, name: 'dog', supercategory: 'animal' },
        { id: 90, name: 'toothbrush', supercategory: 'indoor' },
      ],
    };
    const imported = await mustImport(
      'coco',
      [{ path: 'instances_val2017.json', text: JSON.stringify(coco) }],
      project([]),
      [img],
    );
    const out = JSON.parse(
      fileText(
        formatExports({
          project: project(imported.labels),
          items: [img],
          annotations: imported.annotations,
        }),
        'exports/coco.json',
      ),
    ) as { categories: unknown[]; annotations: { category_id: number; bbox: number[] }[] };
    expect(out.categories).toEqual(coco.categories);
    expect(out.annotations.map((a) => [a.category_id, a.bbox])).toEqual([
      [90, [1, 2, 3, 4]],
      [1, [5, 6, 7, 8]],
    ]);
  });

  it('numbers labels without a stored number after the others, and reports a clash', () => {
    const a = { ...label('a', ['box']), classIndex: 5, cocoId: 7 };
    const b = label('b', ['polygon']);
    const c = { ...label('c', ['box']), classIndex: 5 };
    const words = label('words', ['span']);
    const map = classMap([a, words, b, c]);
    expect(map.entries.map((e) => [e.label.name, e.index, e.cocoId])).toEqual([
      ['a', 5, 7],
      ['b', 6, 8],
      ['c', 7, 9],
    ]);
    expect(map.yoloNames).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      'a',
      'b',
      'c',
    ]);
    expect(map.clashes).toEqual(['"c": class index 5 is already another label\'s']);
  });

  it('a re-import never renumbers: a label keeps its index and a note says so', async () => {
    const img = imageItem('x.png', 10, 10);
    const car = { ...label('car', ['box']), classIndex: 4 };
    const imported = await mustImport(
      'yolo',
      [
        { path: 'classes.txt', text: 'car\n' },
        { path: 'labels/x.txt', text: '0 0.5 0.5 0.5 0.5\n' },
      ],
      project([car]),
      [img],
      [box(img, car.id, 0, 0, 1, 1)],
    );
    expect(imported.labels).toEqual([car]);
    expect(imported.notes).toContain('"car" keeps its class index 4 (the file says 0).');
  });
});
