import { describe, expect, it } from 'vitest';
import { formatExports } from '../../../src/formats/exports.ts';
import {
  box,
  fileText,
  imageItem,
  label,
  point,
  polygon,
  project,
  textItem,
} from '../../factories/annotations.ts';

const car = label('car', ['box', 'polygon']);
const road = label('road', ['polygon']);
const sun = label('sun', ['point']);
const day = label('day', ['image_class']);

function coco(input: Parameters<typeof formatExports>[0]) {
  return JSON.parse(fileText(formatExports(input), 'exports/coco.json')) as {
    images: Record<string, unknown>[];
    annotations: Record<string, unknown>[];
    categories: Record<string, unknown>[];
  };
}

describe('COCO export', () => {
  it('carries every field pycocotools indexes, with pixel boxes exactly as stored', () => {
    const wide = imageItem('photos/wide.jpg', 640, 480);
    const tall = imageItem('tall.png', 300, 900);
    const annotations = [
      box(wide, car.id, 10.25, 20.5, 100, 50.75),
      polygon(tall, road.id, [
        [0, 0],
        [300, 0],
        [300, 900],
      ]),
    ];
    const out = coco({
      project: project([day, car, sun, road]),
      items: [tall, wide].reverse(),
      annotations,
    });

    // In import order (wide was imported first), whatever order the caller passes.
    expect(out.images).toEqual([
      { id: 1, file_name: 'photos/wide.jpg', width: 640, height: 480 },
      { id: 2, file_name: 'tall.png', width: 300, height: 900 },
    ]);
    expect(out.categories).toEqual([
      { id: 1, name: 'car', supercategory: '' },
      { id: 2, name: 'sun', supercategory: '' },
      { id: 3, name: 'road', supercategory: '' },
    ]);
    expect(out.annotations).toEqual([
      {
        id: 1,
        image_id: 1,
        category_id: 1,
        bbox: [10.25, 20.5, 100, 50.75],
        area: 100 * 50.75,
        iscrowd: 0,
        // Its rectangle, so pycocotools' annToMask works on a box too.
        segmentation: [[10.25, 20.5, 110.25, 20.5, 110.25, 71.25, 10.25, 71.25]],
      },
      {
        id: 2,
        image_id: 2,
        category_id: 3,
        bbox: [0, 0, 300, 900],
        area: 135000,
        iscrowd: 0,
        segmentation: [[0, 0, 300, 0, 300, 900]],
      },
    ]);
  });

  it('lists every image, annotated or not, and leaves out points and classes', () => {
    const a = imageItem('a.png', 10, 10);
    const b = imageItem('b.png', 10, 10);
    const out = coco({
      project: project([car, sun]),
      items: [a, b],
      annotations: [point(a, sun.id, 1, 1)],
    });
    expect(out.images.map((i) => i.file_name)).toEqual(['a.png', 'b.png']);
    expect(out.annotations).toEqual([]);
  });

  it('computes a concave polygon area by the shoelace formula', () => {
    const img = imageItem('l.png', 10, 10);
    const shape: [number, number][] = [
      [0, 0],
      [4, 0],
      [4, 1],
      [1, 1],
      [1, 4],
      [0, 4],
    ];
    const out = coco({
      project: project([car]),
      items: [img],
      annotations: [polygon(img, car.id, shape)],
    });
    expect(out.annotations[0]).toMatchObject({ area: 7, bbox: [0, 0, 4, 4] });
  });

  it('is written only when there are image items', () => {
    const files = formatExports({
      project: project([car]),
      items: [textItem('t', 'hello')],
      annotations: [],
    });
    expect(files.map((f) => f.path)).not.toContain('exports/coco.json');
  });
});
