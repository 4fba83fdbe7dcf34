import { describe, expect, it } from 'vitest';
import { formatExports } from '../../../src/formats/exports.ts';
import type { AnnotationFormat } from '../../../src/formats/annotation-formats.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { ImageItem, TextItem } from '../../../src/model/item.ts';
import {
  box,
  imageItem,
  label,
  point,
  polygon,
  project,
  span,
  textClass,
  textItem,
} from '../../factories/annotations.ts';
import { asTextFiles, mustImport } from '../../factories/import-pipeline.ts';
import { seeded, type Random } from '../../factories/random.ts';
import { sha256OfText } from '../../../src/import/hash.ts';

// Issue 17.1: importing any of Airlock's own exports into the project it came from adds
// nothing — also where the format's numbers moved a shape by its precision (percent, ten
// decimals, whole pixels) or clipped it to the image.

const SEEDS = Array.from({ length: Number(process.env.ROUND_TRIP_SEEDS ?? 8) }, (_, i) => i + 1);

const car = label('car', ['box', 'polygon', 'point']);
const person = label('Person', ['span']);
const urgent = label('urgent', ['text_class', 'image_class']);
const proj = project([car, person, urgent]);

function images(random: Random): ImageItem[] {
  return [
    imageItem('a/one.png', random.int(1, 40), random.int(300, 5000), 7001),
    imageItem('b/two.jpg', random.int(500, 9000), random.int(5, 60), 7002),
    imageItem('three.png', random.int(10, 3000), random.int(10, 3000), 7003),
  ];
}

/** Fractional shapes, some poking past the image (an export clips or clamps them). */
function shapes(random: Random, imgs: ImageItem[]): Annotation[] {
  const out: Annotation[] = [];
  for (const img of imgs) {
    const coord = (size: number) =>
      random.chance(0.15) ? random.float(-0.3, 0) * size : random.float(0, 1.1) * size;
    for (let i = random.int(1, 4); i > 0; i--) {
      const x = coord(img.width);
      const y = coord(img.height);
      // At least two pixels, so VOC's whole pixels keep boxes apart.
      out.push(
        box(img, car.id, x, y, 2 + random.float(0, img.width), 2 + random.float(0, img.height)),
      );
    }
    for (let i = random.int(0, 2); i > 0; i--) {
      const pts = Array.from(
        { length: random.int(3, 7) },
        () => [coord(img.width), coord(img.height)] as [number, number],
      );
      out.push(polygon(img, car.id, pts));
    }
    if (random.chance(0.5)) out.push(point(img, car.id, coord(img.width), coord(img.height)));
    if (random.chance(0.5)) out.push(textClass(img, urgent.id));
  }
  return out;
}

function texts(random: Random): { items: TextItem[]; annotations: Annotation[] } {
  const words = ['Ada', 'Lovelace', 'met', 'Chester-le-Street', 'in', '1843', '👩🏽‍💻', 'café'];
  const items = [0, 1, 2].map((i) =>
    textItem(
      `doc-${i}`,
      Array.from({ length: random.int(3, 12) }, () => random.pick(words)).join(
        random.pick([' ', '  ', '\n']),
      ),
      8000 + i,
    ),
  );
  const annotations: Annotation[] = [];
  for (const item of items) {
    const cps = [...item.text];
    for (let k = random.int(0, 3); k > 0; k--) {
      const start = random.int(0, cps.length - 1);
      const end = random.int(start + 1, cps.length);
      if (cps.slice(start, end).join('').trim() === '') continue;
      annotations.push(span(item, person.id, start, end));
    }
    if (random.chance(0.5)) annotations.push(textClass(item, urgent.id));
  }
  return { items, annotations };
}

const CASES: [AnnotationFormat, string][] = [
  ['coco', 'exports/coco.json'],
  ['yolo', 'exports/yolo/'],
  ['yolo', 'exports/yolo-seg/'],
  ['voc', 'exports/voc/'],
  ['label-studio', 'exports/label-studio.json'],
  ['spans-jsonl', 'exports/spans.jsonl'],
  ['conll', 'exports/conll.txt'],
];

describe.each(SEEDS)('re-importing an own export, seed %i', (seed) => {
  it.each(CASES)('%s (%s) adds nothing', async (format, prefix) => {
    const random = seeded(seed);
    const imgs = images(random);
    const text = texts(random);
    // Texts match by the SHA-256 of their text, as stored ones do.
    for (const t of text.items) t.sha256 = await sha256OfText(t.text);
    const annotations = [...shapes(random, imgs), ...text.annotations];
    const items = [...imgs, ...text.items];
    const files = formatExports({ project: proj, items, annotations });
    const input = asTextFiles(files, prefix);
    if (input.length === 0) return;
    const back = await mustImport(format, input, proj, items, annotations);
    expect(back.annotations.map((a) => a.type)).toEqual([]);
    expect(back.created).toEqual([]);
    expect(back.newTexts).toBe(0);
    // Something was read and recognised (CoNLL may hold no span: every one cut a token).
    if (format !== 'conll') expect(back.duplicates).toBeGreaterThan(0);
  });
});
