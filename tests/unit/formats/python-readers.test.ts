import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatExports } from '../../../src/formats/exports.ts';
import { SAMPLE_TEXTS } from '../../../src/sample/sample-texts.ts';
import {
  box,
  imageItem,
  keypoints,
  label,
  polygon,
  project,
  span,
  textItem,
} from '../../factories/annotations.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { TextItem } from '../../../src/model/item.ts';
import { tokenize } from '../../../src/formats/tokenizer.ts';
import { encodeRle } from '../../../src/model/rle.ts';
import { offsetCases } from '../model/offset-cases.ts';

// The exports as a lab's pipeline reads them: Python (standard library only) slices the text
// with text[start:end], rebuilds CoNLL entities and indexes COCO like pycocotools does.
// CI has python3 (.ci/run installs it when missing).

const script = join(dirname(fileURLToPath(import.meta.url)), 'check_exports.py');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('exports read by Python', () => {
  it('agree with Python on every offset, token and box', () => {
    const person = label('Person', ['span']);
    const place = label('Place of birth', ['span']);
    const car = label('Car', ['box', 'polygon']);
    const crowd = label('People', ['polygon', 'mask']);
    const body = {
      ...label('Body', ['keypoints']),
      skeleton: {
        nodes: ['head', 'hand', 'foot'],
        edges: [
          [0, 1],
          [0, 2],
        ] as [number, number][],
      },
    };
    const texts = [
      ...SAMPLE_TEXTS.map((t) => textItem(t.name, t.text)),
      ...offsetCases
        .filter((c) => c.codePoints > 0 && !/lone/.test(c.name))
        .map((c) => textItem(c.name, c.text)),
    ];
    // A span on every whole token, alternating labels: all of them must survive into CoNLL.
    const annotations: Annotation[] = texts.flatMap((item) =>
      tokenize(item.text).map((t, i) => span(item, i % 2 ? person.id : place.id, t.start, t.end)),
    );
    // A text imported from CoNLL-2003: its own tokens, POS and chunk columns, IOB1 tags.
    const fromConll: TextItem = {
      ...textItem('eng.testa:1', 'Phil Simmons at Chester-le-Street'),
      conll: {
        docstart: '-DOCSTART- -X- -X- O',
        scheme: 'IOB1',
        columns: ['NNP I-NP', 'NNP I-NP', 'IN I-PP', 'NNP I-NP'],
      },
    };
    texts.push(fromConll);
    annotations.push(span(fromConll, person.id, 0, 12), span(fromConll, place.id, 16, 33));
    const img = imageItem('photo.png', 333, 77);
    // VOC's flags and pose travel as attributes.
    annotations.push(
      { ...box(img, car.id, 0, 0, 333, 77), attributes: { difficult: true, pose: 'Frontal' } },
      {
        ...box(img, car.id, 332.5, 76.5, 0.5, 0.5),
        attributes: { truncated: true, occluded: true },
      },
    );
    annotations.push(
      keypoints(img, body.id, [
        [20, 30, 2],
        [0, 0, 0],
        [25, 40, 1],
      ]),
    );
    // A crowd region as a mask (two columns of 3 pixels at x 10-11, y 5-7) and a three-part
    // object, as COCO means them.
    const mask = new Uint8Array(333 * 77);
    for (const x of [10, 11]) for (const y of [5, 6, 7]) mask[y * 333 + x] = 1;
    annotations.push({
      ...box(img, crowd.id, 0, 0, 1, 1),
      type: 'mask',
      rle: encodeRle(mask, 333, 77),
      attributes: { iscrowd: true },
    });
    annotations.push({
      ...box(img, crowd.id, 0, 0, 1, 1),
      type: 'multipolygon',
      parts: [
        [
          [100, 10],
          [110, 10],
          [110, 20],
        ],
        [
          [120, 10],
          [130, 10],
          [130, 20],
        ],
        [
          [140, 10],
          [150, 10],
          [150, 20],
        ],
      ],
    });
    annotations.push(
      polygon(img, car.id, [
        [1, 1],
        [20, 1],
        [5, 70],
      ]),
    );
    const files = formatExports({
      project: project([person, place, car, crowd, body]),
      items: [...texts, img],
      annotations,
    });
    dir = mkdtempSync(join(tmpdir(), 'airlock-exports-'));
    for (const f of files) {
      const path = join(dir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.data);
    }
    const spans = annotations.filter((a) => a.type === 'span').length;
    const found = JSON.parse(
      execFileSync('python3', [script, join(dir, 'exports')], { encoding: 'utf8' }),
    ) as unknown;
    expect(found).toEqual({
      spans,
      conll_entities: spans,
      conll_kept_columns: 4,
      // Hugging Face tokens: the same tokens as conll.txt, every span whole.
      hf_tokens: texts.reduce((n, t) => n + (t === fromConll ? 4 : tokenize(t.text).length), 0),
      hf_entities: spans,
      coco: [1, 6, 3],
      // 333 × 77 + 0 (the half-pixel box covers no pixel centre) + the polygon's pixels
      // + 6 mask pixels + 3 triangles of 10 × 10.
      coco_masks: {
        // 2 boxes, the polygon, the three-part object and the keypoints' rectangle.
        polygons: 5,
        rle: 1,
        crowd: 1,
        keypoints: 1,
        pixels: expect.any(Number) as unknown,
      },
      yolo_boxes: 2,
      voc: { objects: 2, truncated: 1, difficult: 1, occluded: 1, posed: 1 },
    });
    const masks = (found as { coco_masks: { pixels: number } }).coco_masks;
    expect(masks.pixels).toBeGreaterThan(333 * 77 + 6 + 3 * 45);
  });
});
