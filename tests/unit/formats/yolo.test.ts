import { describe, expect, it } from 'vitest';
import { exportFormats, formatExports } from '../../../src/formats/exports.ts';
import { imageStems, safeStem } from '../../../src/formats/stems.ts';
import { box, fileText, imageItem, label, polygon, project } from '../../factories/annotations.ts';

const person = label('person', ['box']);
const dog = label('dog: "good boy" # 1', ['box', 'polygon']);

describe('YOLO export', () => {
  it('writes class, centre and size normalized by the image, with names in data.yaml', () => {
    const img = imageItem('street.jpg', 200, 100);
    const files = formatExports({
      project: project([person, dog]),
      items: [img],
      annotations: [box(img, person.id, 0, 0, 200, 100), box(img, dog.id, 50, 25, 20, 10)],
    });
    expect(fileText(files, 'exports/yolo/labels/street.txt')).toBe(
      '1 0.3 0.3 0.1 0.1\n0 0.5 0.5 1 1\n', // top to bottom
    );
    const yaml = fileText(files, 'exports/yolo/data.yaml');
    expect(yaml).toContain('nc: 2\nnames:\n  0: "person"\n  1: "dog: \\"good boy\\" # 1"\n');
    expect(fileText(files, 'exports/yolo/images.csv')).toBe(
      `stem,file_name,sha256,width,height\r\nstreet,street.jpg,${img.sha256},200,100\r\n`,
    );
  });

  it('clips a box reaching outside the image, so no value passes 1, and reports it', () => {
    const img = imageItem('edge.png', 100, 50);
    const { files, warnings } = exportFormats({
      project: project([person]),
      items: [img],
      annotations: [box(img, person.id, 90, -10, 20, 20)],
    });
    expect(fileText(files, 'exports/yolo/labels/edge.txt')).toBe('0 0.95 0.1 0.1 0.2\n');
    expect(warnings).toContainEqual(
      expect.objectContaining({
        path: 'exports/yolo/labels/edge.txt',
        reason: expect.stringMatching(/outside the image/) as unknown,
      }),
    );
  });

  it('writes polygons to yolo-seg and boxes to yolo, an empty file for an image without', () => {
    const a = imageItem('a.png', 10, 20);
    const b = imageItem('b.png', 10, 20);
    const files = formatExports({
      project: project([person, dog]),
      items: [a, b],
      annotations: [
        polygon(a, dog.id, [
          [0, 0],
          [10, 0],
          [5, 20],
        ]),
        box(a, person.id, 1, 2, 3, 4),
      ],
    });
    expect(fileText(files, 'exports/yolo-seg/labels/a.txt')).toBe('1 0 0 1 0 0.5 1\n');
    expect(fileText(files, 'exports/yolo/labels/a.txt')).toBe('0 0.25 0.2 0.3 0.2\n');
    expect(fileText(files, 'exports/yolo/labels/b.txt')).toBe('');
  });

  it('keeps ten decimals, never exponent notation', () => {
    const img = imageItem('tiny.png', 3, 7);
    const files = formatExports({
      project: project([person]),
      items: [img],
      annotations: [box(img, person.id, 1, 1, 1e-9, 1)],
    });
    expect(fileText(files, 'exports/yolo/labels/tiny.txt')).toBe(
      '0 0.3333333335 0.2142857143 0.0000000003 0.1428571429\n',
    );
  });
});

describe('image stems', () => {
  it('keeps letters of any script, replaces the rest, and never starts with a dot', () => {
    expect(safeStem('folder/My Photo (1).JPG')).toBe('My_Photo_1_');
    expect(safeStem('a\\b\\東京 駅.png')).toBe('東京_駅');
    expect(safeStem('../../etc/passwd')).toBe('passwd');
    expect(safeStem('..hidden.png')).toBe('hidden');
    expect(safeStem('.png')).toBe('png');
    expect(safeStem('???.png')).toBe('image');
    expect(safeStem('noext')).toBe('noext');
  });

  it('makes stems unique ignoring case, in item order', () => {
    const items = ['x/cat.png', 'y/cat.jpg', 'CAT.gif', 'cat-2.png'].map((n, i) =>
      imageItem(n, 1, 1, 100 + i),
    );
    expect([...imageStems(items).values()]).toEqual(['cat', 'cat-2', 'CAT-3', 'cat-2-2']);
  });
});
