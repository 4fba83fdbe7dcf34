import { describe, expect, it } from 'vitest';
import {
  CONLL_TOKENIZER,
  exportFormats,
  formatExports,
  hasConll,
} from '../../../src/formats/exports.ts';
import {
  box,
  imageItem,
  label,
  polygon,
  project,
  spanOver,
  textItem,
} from '../../factories/annotations.ts';

const person = label('Person', ['span']);
const car = label('Car', ['box', 'polygon']);
const day = label('Day', ['image_class']);

describe('format exports', () => {
  it('writes each format only when there is something for it, sorted by path', () => {
    const memo = textItem('memo', 'Ada wrote');
    const img = imageItem('street.png', 10, 10);
    const everything = formatExports({
      project: project([person, car, day]),
      items: [memo, img],
      annotations: [
        spanOver(memo, person.id, 'Ada'),
        box(img, car.id, 1, 1, 2, 2),
        polygon(img, car.id, [
          [0, 0],
          [1, 0],
          [0, 1],
        ]),
      ],
    });
    expect(everything.map((f) => f.path)).toEqual([
      'exports/brat/annotation.conf',
      'exports/brat/memo.ann',
      'exports/brat/memo.txt',
      'exports/classes.csv',
      'exports/coco.json',
      'exports/conll.txt',
      'exports/cvat/annotations.xml',
      'exports/hf/ner.jsonl',
      'exports/hf/ner_tags.json',
      'exports/label-studio.json',
      'exports/spans.jsonl',
      'exports/voc/street.xml',
      'exports/yolo-seg/data.yaml',
      'exports/yolo-seg/images.csv',
      'exports/yolo-seg/labels/street.txt',
      'exports/yolo/data.yaml',
      'exports/yolo/images.csv',
      'exports/yolo/labels/street.txt',
    ]);
    expect(hasConll(everything)).toBe(true);
    expect(CONLL_TOKENIZER).toBe('airlock-basic-v1');

    const imagesOnly = formatExports({ project: project([car]), items: [img], annotations: [] });
    expect(imagesOnly.map((f) => f.path)).toEqual([
      'exports/coco.json',
      'exports/cvat/annotations.xml',
      'exports/label-studio.json',
    ]);
    expect(hasConll(imagesOnly)).toBe(false);
    expect(formatExports({ project: project([]), items: [], annotations: [] })).toEqual([]);
  });

  it('gives the same bytes for the same data, whatever order it arrives in', () => {
    const a = textItem('a', 'Ada and Grace');
    const b = imageItem('b.png', 5, 5);
    const annotations = [
      spanOver(a, person.id, 'Grace'),
      spanOver(a, person.id, 'Ada'),
      box(b, car.id, 0, 0, 1, 1),
    ];
    const one = exportFormats({ project: project([person, car]), items: [a, b], annotations });
    const two = exportFormats({
      project: project([person, car]),
      items: [b, a],
      annotations: [...annotations].reverse(),
    });
    expect(two).toEqual(one);
  });

  it('keeps every path a safe relative name as the bundle spec requires', () => {
    const items = ['../../evil.png', '/abs/x.png', 'C:\\win\\y.png', 'dir/..', '.hidden'].map(
      (n, i) => imageItem(n, 4, 4, 900 + i),
    );
    const files = formatExports({
      project: project([car]),
      items,
      annotations: items.map((i) => box(i, car.id, 0, 0, 1, 1)),
    });
    for (const { path } of files) {
      expect(path).toMatch(/^exports\//);
      expect(path.split('/')).not.toContain('..');
      expect(path).not.toMatch(/\\|\/\/|^\//);
    }
    expect(new Set(files.map((f) => f.path.toLowerCase())).size).toBe(files.length);
  });
});
