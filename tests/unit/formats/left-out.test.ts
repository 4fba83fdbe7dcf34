import { describe, expect, it } from 'vitest';
import { exportFormats } from '../../../src/formats/exports.ts';
import { encodeRle } from '../../../src/model/rle.ts';
import {
  box,
  fileText,
  imageItem,
  keypoints,
  label,
  point,
  polygon,
  mask,
  multipolygon,
  polyline,
  project,
  rbox,
} from '../../factories/annotations.ts';

// YOLO, VOC and Label Studio hold boxes (and polygons, points) only: the newer shapes are left
// out of them, each one said once per format, never drawn as a box in silence.

const car = label('Car', ['box', 'rbox', 'polygon', 'mask']);
const lane = label('Lane', ['polyline']);
const pin = label('Pin', ['point']);
const body = {
  ...label('Body', ['keypoints']),
  skeleton: { nodes: ['head', 'tail'], edges: [[0, 1]] as [number, number][] },
};

function scene() {
  const img = imageItem('road/frame 1.png', 40, 30);
  const pixels = new Uint8Array(40 * 30);
  pixels[5 * 40 + 5] = 1;
  const shapes = [
    rbox(img, car.id, 10, 10, 6, 4, 30),
    polyline(img, lane.id, [
      [0, 29],
      [39, 0],
    ]),
    keypoints(img, body.id, [
      [3, 3, 2],
      [8, 3, 1],
    ]),
    mask(img, car.id, encodeRle(pixels, 40, 30)),
    multipolygon(img, car.id, [
      [
        [1, 1],
        [4, 1],
        [4, 4],
      ],
      [
        [20, 20],
        [24, 20],
        [24, 24],
      ],
    ]),
  ];
  return { img, shapes, input: { project: project([car, lane, body]), items: [img] } };
}

describe('shapes a format has no place for', () => {
  it('are left out of YOLO, VOC and Label Studio and listed per file, COCO keeping what it can', () => {
    const { img, shapes, input } = scene();
    const plain = box(img, car.id, 1, 2, 3, 4);
    const { files, warnings } = exportFormats({ ...input, annotations: [plain, ...shapes] });
    const byFile = (path: string) =>
      warnings.filter((w) => w.path === path).map((w) => w.annotationId);
    const ids = shapes.map((s) => s.id);
    expect(new Set(byFile('exports/yolo/labels/frame_1.txt'))).toEqual(new Set(ids));
    expect(new Set(byFile('exports/voc/frame_1.xml'))).toEqual(new Set(ids));
    // Label Studio turns rectangles: only the rotated box is kept there.
    expect(new Set(byFile('exports/label-studio.json'))).toEqual(new Set(ids.slice(1)));
    const yolo = warnings.find(
      (w) => w.path.startsWith('exports/yolo/') && w.annotationId === shapes[1]!.id,
    );
    expect(yolo).toMatchObject({
      itemId: img.id,
      itemName: 'road/frame 1.png',
      reason: 'YOLO has no place for polylines, so it was left out (annotations.jsonl keeps it)',
    });
    expect(
      warnings.find((w) => w.path.startsWith('exports/voc/') && w.annotationId === shapes[3]!.id)!
        .reason,
    ).toBe(
      'VOC has no place for masks, so it was left out (annotations.jsonl keeps it, and coco.json)',
    );
    // Only the box is written where boxes go.
    expect(fileText(files, 'exports/yolo/labels/frame_1.txt').trim().split('\n')).toHaveLength(1);
    expect(fileText(files, 'exports/voc/frame_1.xml').match(/<object>/g)).toHaveLength(1);
    const ls = JSON.parse(fileText(files, 'exports/label-studio.json')) as {
      annotations: { result: unknown[] }[];
    }[];
    expect(ls[0]!.annotations[0]!.result).toHaveLength(2);
  });

  it('are said only for the files that are written: without boxes, only Label Studio and CVAT', () => {
    const { shapes, input } = scene();
    const { files, warnings } = exportFormats({ ...input, annotations: shapes });
    // No YOLO detection or segmentation folder (YOLO-OBB and masks have their own).
    expect(files.some((f) => /^exports\/yolo(-seg)?\//.test(f.path))).toBe(false);
    expect([...new Set(warnings.map((w) => w.path))].sort()).toEqual([
      'exports/coco.json',
      'exports/cvat/annotations.xml',
      'exports/label-studio.json',
    ]);
    expect(warnings.filter((w) => w.path === 'exports/label-studio.json')).toHaveLength(
      shapes.length - 1,
    );
  });

  it('says points are left out of YOLO detection, and polygons and points out of VOC', () => {
    const img = imageItem('a.png', 40, 30);
    const plain = box(img, car.id, 1, 2, 3, 4);
    const ring = polygon(img, car.id, [
      [1, 1],
      [9, 1],
      [9, 9],
    ]);
    const dot = point(img, pin.id, 5, 6);
    const { warnings } = exportFormats({
      project: project([car, pin]),
      items: [img],
      annotations: [plain, ring, dot],
    });
    const about = (id: string) =>
      warnings
        .filter((w) => w.annotationId === id)
        .map((w) => [w.path, w.reason])
        .sort();
    expect(about(ring.id)).toEqual([
      [
        'exports/voc/a.xml',
        'VOC has no place for polygons, so it was left out (annotations.jsonl keeps it, and coco.json)',
      ],
    ]);
    expect(about(dot.id)).toEqual([
      ['exports/coco.json', expect.stringContaining('point') as unknown as string],
      [
        'exports/voc/a.xml',
        'VOC has no place for points, so it was left out (annotations.jsonl keeps it, and label-studio.json)',
      ],
      [
        'exports/yolo/labels/a.txt',
        'YOLO has no place for points, so it was left out (annotations.jsonl keeps it, and label-studio.json)',
      ],
    ]);
    expect(about(plain.id)).toEqual([]);
  });
});
