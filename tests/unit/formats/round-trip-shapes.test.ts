import { describe, expect, it } from 'vitest';
import { formatExports } from '../../../src/formats/exports.ts';
import { Annotation } from '../../../src/model/annotation.ts';
import type { ImageItem } from '../../../src/model/item.ts';
import type { Label } from '../../../src/model/label.ts';
import { encodeRle } from '../../../src/model/rle.ts';
import { NativeRecord, fromNative, nativeLine } from '../../../src/bundle/native-record.ts';
import {
  box,
  imageItem,
  keypoints,
  label,
  mask,
  multipolygon,
  point,
  polygon,
  polyline,
  project,
  rbox,
} from '../../factories/annotations.ts';
import { asTextFiles, essence, mustImport } from '../../factories/import-pipeline.ts';
import { seeded, type Random } from '../../factories/random.ts';

// Seeded round trips of the newer shapes: COCO holds masks (RLE, crowd or not), multi-part
// polygons, keypoints and rotated boxes (airlock_rbox); the native record holds every shape
// with its attributes, stacking order and lock. Export, import, export again: the same shapes
// and the same bytes, and nothing new when the export goes back into its own project.

const SEEDS = Array.from({ length: Number(process.env.ROUND_TRIP_SEEDS ?? 12) }, (_, i) => i + 1);

const car = label('car', ['box', 'polygon', 'rbox', 'mask']);
const lane = label('lane', ['polyline', 'point']);
const body: Label = {
  ...label('body', ['keypoints']),
  skeleton: {
    nodes: ['head', 'left hand', 'right hand'],
    edges: [
      [0, 1],
      [0, 2],
    ],
  },
};
const proj = project([car, lane, body]);

function images(random: Random): ImageItem[] {
  return [
    imageItem(`shapes/a.png`, random.int(1, 6), random.int(1, 6), 9000),
    imageItem(`shapes/b.png`, random.int(20, 300), random.int(20, 300), 9001),
  ];
}

const xy = (random: Random, img: ImageItem): [number, number] => [
  random.chance(0.2) ? random.pick([0, img.width]) : random.float(0, img.width),
  random.chance(0.2) ? random.pick([0, img.height]) : random.float(0, img.height),
];

function randomMask(random: Random, img: ImageItem) {
  const pixels = new Uint8Array(img.width * img.height);
  const at = random.int(0, pixels.length - 1);
  for (let i = at; i < Math.min(pixels.length, at + random.int(1, 40)); i++)
    pixels[i] = random.chance(0.8) ? 1 : 0;
  pixels[at] = 1;
  const m = mask(img, car.id, encodeRle(pixels, img.width, img.height));
  return random.chance(0.5) ? { ...m, attributes: { iscrowd: true } } : m;
}

function randomKeypoints(random: Random, img: ImageItem) {
  return keypoints(
    img,
    body.id,
    body.skeleton!.nodes.map(() => {
      const v = random.pick([0, 1, 2] as const);
      return v === 0 ? [0, 0, 0] : [...xy(random, img), v];
    }),
  );
}

function randomRbox(random: Random, img: ImageItem) {
  const [cx, cy] = xy(random, img);
  const angle = random.chance(0.2) ? 0 : random.chance(0.1) ? 180 : random.float(-179.9, 180);
  return rbox(img, car.id, cx, cy, random.float(0, img.width), random.float(0, img.height), angle);
}

/** Without repeats of one shape on an image: an import keeps one of them (import-plan.ts). */
function distinct(list: Annotation[]): Annotation[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const shape = essence(a, []);
    delete shape.attributes;
    const key = JSON.stringify(shape);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** The shapes COCO holds, a few of each on every image, one attribute here and there. */
function cocoShapes(random: Random, items: ImageItem[]): Annotation[] {
  return distinct(
    items.flatMap((img) => {
      const list: Annotation[] = [];
      for (let i = random.int(0, 3); i > 0; i--) list.push(randomMask(random, img));
      for (let i = random.int(0, 2); i > 0; i--)
        list.push(
          multipolygon(
            img,
            car.id,
            Array.from({ length: random.int(2, 4) }, () =>
              Array.from({ length: random.int(3, 6) }, () => xy(random, img)),
            ),
          ),
        );
      for (let i = random.int(0, 2); i > 0; i--) list.push(randomKeypoints(random, img));
      for (let i = random.int(0, 2); i > 0; i--) list.push(randomRbox(random, img));
      if (random.chance(0.7)) {
        const b = box(img, car.id, 0, 0, img.width, img.height);
        list.push(random.chance(0.5) ? { ...b, attributes: { occluded: true } } : b);
      }
      return list;
    }),
  );
}

function sortedShapes(annotations: readonly Annotation[], labels: readonly Label[]) {
  return annotations
    .map((a) => essence(a, labels))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe.each(SEEDS)('newer shapes round trip, seed %i', (seed) => {
  it('COCO: masks, multi-part polygons, keypoints and rotated boxes come back exactly, with the same file', async () => {
    const random = seeded(seed);
    const items = images(random);
    const annotations = cocoShapes(random, items);
    const first = formatExports({ project: proj, items, annotations });
    const coco = asTextFiles(first, 'exports/coco.json');
    const fresh = await mustImport('coco', coco, proj, items);
    expect(sortedShapes(fresh.annotations, fresh.labels)).toEqual(
      sortedShapes(annotations, proj.labels),
    );
    const again = formatExports({ project: proj, items, annotations: fresh.annotations });
    expect(asTextFiles(again, 'exports/coco.json')).toEqual(coco);
    const back = await mustImport('coco', coco, proj, items, annotations);
    expect([back.annotations.length, back.duplicates]).toEqual([0, annotations.length]);
  });

  it('native record: every shape, with attributes, order and lock, reads back the same and writes the same line', () => {
    const random = seeded(seed);
    const [, img] = images(random) as [ImageItem, ImageItem];
    const plain: Annotation[] = [
      ...cocoShapes(random, [img]),
      box(img, car.id, ...xy(random, img), random.float(0, 9), random.float(0, 9)),
      polygon(img, car.id, [xy(random, img), xy(random, img), xy(random, img)]),
      point(img, lane.id, ...xy(random, img)),
      polyline(
        img,
        lane.id,
        Array.from({ length: random.int(2, 7) }, () => xy(random, img)),
      ),
    ];
    const annotations = plain.map((a, i): Annotation => {
      const extra: Record<string, unknown> = {};
      if (random.chance(0.3)) extra.z = i;
      if (random.chance(0.2)) extra.locked = true;
      if (random.chance(0.3)) extra.attributes = { ...a.attributes, note: `n${i}`, count: i };
      return Annotation.parse({ ...a, ...extra });
    });
    const line = nativeLine(img, annotations);
    const record = NativeRecord.parse(JSON.parse(line));
    const back = record.annotations.map((a) =>
      Annotation.parse(fromNative(a, img.projectId, img.id)),
    );
    expect(back).toHaveLength(annotations.length);
    expect(back).toEqual(expect.arrayContaining(annotations));
    expect(nativeLine(img, back)).toBe(line);
  });
});
