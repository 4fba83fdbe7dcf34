import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatExports } from '../../../src/formats/exports.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { ImageItem } from '../../../src/model/item.ts';
import { encodeRle } from '../../../src/model/rle.ts';
import { box, imageItem, label, project } from '../../factories/annotations.ts';

// Rotated boxes, masks and keypoints as a pipeline reads them: Python (standard library only)
// compares YOLO-OBB and DOTA lines with the corners of coco.json's rotated boxes and decodes
// the PNG index masks with zlib against the COCO RLE masks, and reads CVAT's XML with
// xml.etree against coco.json (check_image_exports.py).

const script = join(dirname(fileURLToPath(import.meta.url)), 'check_image_exports.py');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const base = (item: ImageItem, labelId: string) => box(item, labelId, 0, 0, 1, 1);

function rbox(
  item: ImageItem,
  labelId: string,
  [cx, cy, w, h, angle]: number[],
  attributes?: Annotation['attributes'],
) {
  return { ...base(item, labelId), type: 'rbox', cx, cy, w, h, angle, attributes } as Annotation;
}

function rectMask(
  item: ImageItem,
  labelId: string,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
) {
  const bits = new Uint8Array(item.width * item.height);
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) bits[y * item.width + x] = 1;
  return { ...base(item, labelId), type: 'mask', rle: encodeRle(bits, item.width, item.height) };
}

describe('rotated-box, mask and keypoint exports read by Python', () => {
  it('agree with coco.json on every corner, pixel and node', () => {
    const plane = label('plane', ['rbox', 'box']);
    const vehicle = label('small vehicle', ['rbox']);
    const road = label('road', ['mask']);
    const car = label('car', ['mask']);
    const cat = {
      ...label('cat', ['keypoints']),
      skeleton: {
        nodes: ['head', 'neck', 'tail'],
        edges: [
          [0, 1],
          [1, 2],
        ] as [number, number][],
      },
    };
    const img = imageItem('scene one.png', 60, 40);
    const other = imageItem('empty.png', 7, 3);
    const annotations = [
      rbox(img, plane.id, [30, 20, 20, 10, 30], { difficult: true }),
      // Partly outside the top-left corner: clamped in YOLO-OBB, as stored in DOTA.
      rbox(img, vehicle.id, [5, 5, 10, 6, -120]),
      rbox(img, vehicle.id, [40, 30, 8, 8, 0], { difficult: false }),
      box(img, plane.id, 50, 2, 8, 6),
      // 10 × 5 and 10 × 5 pixels, overlapping on 5 × 3.
      rectMask(img, road.id, 0, 0, 9, 4),
      rectMask(img, car.id, 5, 2, 14, 6),
      {
        ...base(img, cat.id),
        type: 'keypoints',
        points: [
          [10, 10, 2],
          [0, 0, 0],
          [20, 20, 1],
        ],
      },
    ] as Annotation[];
    const files = formatExports({
      project: project([plane, vehicle, road, car, cat]),
      items: [img, other],
      annotations,
    });
    dir = mkdtempSync(join(tmpdir(), 'airlock-image-exports-'));
    for (const f of files) {
      const path = join(dir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.data);
    }
    const found = JSON.parse(
      execFileSync('python3', [script, join(dir, 'exports')], { encoding: 'utf8' }),
    ) as unknown;
    expect(found).toEqual({
      obb_lines: 4, // three rotated boxes and the box
      obb_rboxes_matched: 3,
      dota_lines: 4,
      dota_rboxes_matched: 3,
      dota_difficult: 1,
      // 60 × 40 + 7 × 3 pixels; 50 + 50 − 15 covered, 15 by both masks.
      masks: { pixels: 2421, covered: 85, overlapping: 15 },
      keypoints: 1,
      // Keypoints have no place in CVAT (left out, warned); every other shape matches COCO.
      cvat: { images: 2, boxes: 1, rotated: 3, masks: 2 },
    });
  });
});
