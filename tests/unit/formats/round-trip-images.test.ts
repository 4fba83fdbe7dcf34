import { describe, expect, it } from 'vitest';
import { formatExports } from '../../../src/formats/exports.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { ImageItem } from '../../../src/model/item.ts';
import type { Label } from '../../../src/model/label.ts';
import { box, imageItem, label, point, polygon, project } from '../../factories/annotations.ts';
import { asTextFiles, essence, mustImport } from '../../factories/import-pipeline.ts';
import { seeded, type Random } from '../../factories/random.ts';

// Property-style round trips over seeded random images and shapes: export, import the export
// onto the same images, export again. Shapes touch the edges, are tiny or fill the image, on
// square and very non-square images.

const SEEDS = Array.from({ length: Number(process.env.ROUND_TRIP_SEEDS ?? 12) }, (_, i) => i + 1);

function randomImages(random: Random): ImageItem[] {
  const sizes: [number, number][] = [
    [1, 1],
    [random.int(1, 8), random.int(200, 4000)],
    [random.int(2000, 12000), random.int(1, 50)],
    [random.int(10, 3000), random.int(10, 3000)],
  ];
  return sizes.map(([w, h], i) =>
    imageItem(`set-${random.int(0, 9)}/img ${i}.${random.pick(['png', 'jpg'])}`, w, h, 5000 + i),
  );
}

/** A coordinate pair [from, size] along one side of length `limit`, from a mix of nasty cases. */
function side(random: Random, limit: number, whole: boolean): [number, number] {
  const v = (x: number) => (whole ? Math.round(x) : x);
  switch (random.int(0, 5)) {
    case 0:
      return [0, limit]; // the whole side
    case 1: {
      const size = v(random.float(0, limit));
      return [0, size]; // touching the start
    }
    case 2: {
      const size = v(random.float(0, limit));
      return [limit - size, size]; // touching the end
    }
    case 3: {
      const from = v(random.float(0, limit - 1));
      return [from, whole ? Math.min(1, limit - from) : random.float(1e-6, 1e-3)]; // tiny
    }
    default: {
      const a = v(random.float(0, limit));
      const b = v(random.float(0, limit));
      return [Math.min(a, b), Math.abs(a - b)];
    }
  }
}

/** Without repeats: importing the same shape twice onto an image keeps one (see import-plan). */
function distinct(list: Annotation[]): Annotation[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = JSON.stringify(essence(a, []));
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

function randomBoxes(random: Random, images: ImageItem[], car: Label, whole = false): Annotation[] {
  return distinct(
    images.flatMap((img) =>
      Array.from({ length: random.int(0, 6) }, () => {
        const [x, w] = side(random, img.width, whole);
        const [y, h] = side(random, img.height, whole);
        return box(img, car.id, x, y, w, h);
      }),
    ),
  );
}

function randomPolygons(random: Random, images: ImageItem[], car: Label): Annotation[] {
  return distinct(
    images.flatMap((img) =>
      Array.from({ length: random.int(0, 3) }, () =>
        polygon(
          img,
          car.id,
          Array.from({ length: random.int(3, 8) }, () => [
            random.chance(0.2) ? random.pick([0, img.width]) : random.float(0, img.width),
            random.chance(0.2) ? random.pick([0, img.height]) : random.float(0, img.height),
          ]),
        ),
      ),
    ),
  );
}

const text = (files: { path: string; data: Uint8Array }[], prefix: string) =>
  asTextFiles(files, prefix).map((f) => `${f.path}\n${f.text}`);

/** Boxes by item, in the canonical order the exports use, as plain numbers. */
function shapesOf(annotations: readonly Annotation[], labels: readonly Label[]) {
  return annotations
    .map((a) => essence(a, labels))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe.each(SEEDS)('image formats round trip, seed %i', (seed) => {
  const car = label('car', ['box', 'polygon', 'point']);
  const proj = project([car]);

  it('COCO: every box and polygon comes back exactly, and exports the same file', async () => {
    const random = seeded(seed);
    const images = randomImages(random);
    const annotations = [
      ...randomBoxes(random, images, car),
      ...randomPolygons(random, images, car),
    ];
    const first = formatExports({ project: proj, items: images, annotations });
    const imported = await mustImport(
      'coco',
      asTextFiles(first, 'exports/coco.json'),
      proj,
      images,
    );
    expect(shapesOf(imported.annotations, imported.labels)).toEqual(
      shapesOf(annotations, proj.labels),
    );
    const again = formatExports({
      project: proj,
      items: images,
      annotations: imported.annotations,
    });
    expect(text(again, 'exports/coco.json')).toEqual(text(first, 'exports/coco.json'));
  });

  it('YOLO detection and segmentation: within 1e-10 of the image size, and the same files', async () => {
    const random = seeded(seed);
    const images = randomImages(random);
    const boxes = randomBoxes(random, images, car);
    const polygons = randomPolygons(random, images, car);
    const first = formatExports({
      project: proj,
      items: images,
      annotations: [...boxes, ...polygons],
    });
    const det = await mustImport('yolo', asTextFiles(first, 'exports/yolo/'), proj, images);
    const seg =
      polygons.length > 0
        ? await mustImport('yolo', asTextFiles(first, 'exports/yolo-seg/'), proj, images)
        : undefined;
    const back = [...det.annotations, ...(seg?.annotations ?? [])];
    expect(back).toHaveLength(boxes.length + polygons.length);
    const size = new Map(images.map((i) => [i.id, i]));
    for (const original of [...boxes, ...polygons]) {
      const img = size.get(original.itemId)!;
      const near = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-10 * scale + 1e-9;
      const match = back.find((a) => {
        if (a.itemId !== original.itemId || a.type !== original.type) return false;
        if (a.type === 'box' && original.type === 'box') {
          return (
            near(a.x, original.x, img.width) &&
            near(a.w, original.w, img.width) &&
            near(a.y, original.y, img.height) &&
            near(a.h, original.h, img.height)
          );
        }
        if (a.type === 'polygon' && original.type === 'polygon') {
          return (
            a.points.length === original.points.length &&
            a.points.every(
              ([x, y], k) =>
                near(x, original.points[k]![0], img.width) &&
                near(y, original.points[k]![1], img.height),
            )
          );
        }
        return false;
      });
      expect(match, JSON.stringify(original)).toBeDefined();
    }
    const again = formatExports({ project: proj, items: images, annotations: back });
    expect(text(again, 'exports/yolo')).toEqual(text(first, 'exports/yolo'));
  });

  it('Pascal VOC: whole-pixel boxes exactly, fractional ones within half a pixel, and the same files', async () => {
    const random = seeded(seed);
    const images = randomImages(random).filter((i) => i.width > 1 && i.height > 1);
    const whole = randomBoxes(random, images, car, true).filter(
      (a) => a.type === 'box' && a.w >= 1 && a.h >= 1,
    );
    const first = formatExports({ project: proj, items: images, annotations: whole });
    const imported = await mustImport('voc', asTextFiles(first, 'exports/voc/'), proj, images);
    expect(shapesOf(imported.annotations, imported.labels)).toEqual(shapesOf(whole, proj.labels));
    const again = formatExports({
      project: proj,
      items: images,
      annotations: imported.annotations,
    });
    expect(text(again, 'exports/voc/')).toEqual(text(first, 'exports/voc/'));

    const fractional = randomBoxes(random, images, car).filter(
      (a) => a.type === 'box' && a.w >= 1 && a.h >= 1,
    );
    const out = formatExports({ project: proj, items: images, annotations: fractional });
    const back = await mustImport('voc', asTextFiles(out, 'exports/voc/'), proj, images);
    // Two boxes that round to the same pixels are one VOC object twice: the second is a duplicate.
    expect(back.annotations.length + back.duplicates).toBe(fractional.length);
    for (const a of back.annotations) {
      expect(
        fractional.some(
          (f) =>
            f.type === 'box' &&
            a.type === 'box' &&
            f.itemId === a.itemId &&
            Math.abs(f.x - a.x) <= 0.5 &&
            Math.abs(f.y - a.y) <= 0.5 &&
            Math.abs(f.x + f.w - a.x - a.w) <= 0.5 &&
            Math.abs(f.y + f.h - a.y - a.h) <= 0.5,
        ),
      ).toBe(true);
    }
  });

  it('Label Studio: percent coordinates come back within float error, with the same tasks', async () => {
    const random = seeded(seed);
    const images = randomImages(random);
    const points = images.map((img) => point(img, car.id, random.float(0, img.width), img.height));
    const annotations = [
      ...randomBoxes(random, images, car),
      ...randomPolygons(random, images, car),
      ...points,
    ];
    const first = formatExports({ project: proj, items: images, annotations });
    const imported = await mustImport(
      'label-studio',
      asTextFiles(first, 'exports/label-studio.json'),
      proj,
      images,
    );
    const numbers = (list: Annotation[]) =>
      JSON.stringify(shapesOf(list, proj.labels), (_k, v: unknown) =>
        typeof v === 'number' ? Number(v.toPrecision(11)) : v,
      );
    expect(numbers(imported.annotations)).toEqual(numbers(annotations));
    const again = formatExports({
      project: proj,
      items: images,
      annotations: imported.annotations,
    });
    const withoutIds = (files: typeof first) =>
      JSON.parse(
        text(files, 'exports/label-studio.json')[0]!.split('\n').slice(1).join('\n'),
        (k, v: unknown) =>
          k === 'id' && typeof v === 'string'
            ? ''
            : k === 'created_at' || k === 'updated_at'
              ? ''
              : typeof v === 'number'
                ? Number(v.toPrecision(11))
                : v,
      ) as unknown;
    expect(withoutIds(again)).toEqual(withoutIds(first));
  });
});
