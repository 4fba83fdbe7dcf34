import { describe, expect, it } from 'vitest';
import { NativeRecord, fromNative, nativeLine } from '../../../src/bundle/native-record.ts';
import { Annotation } from '../../../src/model/annotation.ts';
import { encodeRle } from '../../../src/model/rle.ts';
import { box, imageItem, spanOver, textItem } from '../../factories/annotations.ts';

describe('the native record of image annotations', () => {
  const item = imageItem('street.png', 40, 30);
  const common = box(item, 'car', 1, 2, 3, 4);
  const base = {
    id: common.id,
    projectId: common.projectId,
    itemId: common.itemId,
    label: common.label,
    annotator: common.annotator,
    createdAt: common.createdAt,
    updatedAt: common.updatedAt,
  };
  const annotations: Annotation[] = [
    { ...common, attributes: { occluded: true, colour: 'red', doors: 4 } },
    // Brought to the front and locked in the workbench: both travel in the record.
    {
      ...base,
      id: 'rb',
      type: 'rbox',
      cx: 20,
      cy: 15,
      w: 10,
      h: 4,
      angle: -30.5,
      z: 3,
      locked: true,
    },
    {
      ...base,
      id: 'pl',
      type: 'polyline',
      points: [
        [0, 0],
        [10, 5],
        [20, 0],
      ],
    },
    {
      ...base,
      id: 'mp',
      type: 'multipolygon',
      parts: [
        [
          [0, 0],
          [5, 0],
          [5, 5],
        ],
        [
          [10, 10],
          [15, 10],
          [15, 15],
        ],
      ],
    },
    {
      ...base,
      id: 'kp',
      type: 'keypoints',
      points: [
        [5, 5, 2],
        [0, 0, 0],
        [7, 9, 1],
      ],
    },
    {
      ...base,
      id: 'mk',
      type: 'mask',
      rle: encodeRle(
        Uint8Array.from({ length: 1200 }, (_, i) => (i % 7 === 0 ? 1 : 0)),
        40,
        30,
      ),
      attributes: { iscrowd: true },
    },
  ];

  it('writes each geometry with the spec’s field names, and reads back the same annotations', () => {
    const line = nativeLine(item, annotations);
    const record = NativeRecord.parse(JSON.parse(line));
    const byId = new Map(record.annotations.map((a) => [a.id, a]));
    expect(byId.get('rb')).toMatchObject({
      cx: 20,
      cy: 15,
      w: 10,
      h: 4,
      angle: -30.5,
      z: 3,
      locked: true,
    });
    expect(byId.get('kp')).toMatchObject({
      points: [
        [5, 5, 2],
        [0, 0, 0],
        [7, 9, 1],
      ],
    });
    expect(byId.get('mk')).toMatchObject({
      rle: { size: [30, 40] },
      attributes: { iscrowd: true },
    });
    expect(byId.get(common.id)).toMatchObject({
      x: 1,
      attributes: { occluded: true, colour: 'red', doors: 4 },
    });
    const back = record.annotations.map((a) =>
      Annotation.parse(fromNative(a, item.projectId, item.id)),
    );
    expect(back).toEqual(expect.arrayContaining(annotations));
    expect(back).toHaveLength(annotations.length);
  });

  it('refuses a geometry that does not fit its type', () => {
    const record = NativeRecord.parse(JSON.parse(nativeLine(item, annotations)));
    const keypoints = record.annotations.find((a) => a.id === 'kp')!;
    const broken = { ...keypoints, points: [[5, 5, 3]] };
    expect(Annotation.safeParse(fromNative(broken, item.projectId, item.id)).success).toBe(false);
  });
});

describe('the lead’s review in the native record', () => {
  it('is written as {status, comment, by, at} and read back; items without one have none', () => {
    const item = imageItem('street.png', 40, 30);
    const review = {
      status: 'rejected' as const,
      comment: 'wrong car',
      by: '0123456789abcdef',
      at: '2026-12-04T18:00:00.000Z',
    };
    const line = JSON.parse(nativeLine({ ...item, review }, [])) as Record<string, unknown>;
    expect(line.review).toEqual({ ...review, by: '0123456789ABCDEF' });
    expect(NativeRecord.parse(line).review).toEqual({ ...review, by: '0123456789ABCDEF' });
    expect('review' in (JSON.parse(nativeLine(item, [])) as object)).toBe(false);
  });
});

describe('the native record of a span with attributes and a comment', () => {
  it('carries both and reads them back unchanged', () => {
    const item = textItem('memo.txt', 'Dr 👩🏽‍💻 Ada met Grace.');
    const annotation: Annotation = {
      ...spanOver(item, 'person', 'Ada'),
      attributes: { negated: false, confidence: 0.5 },
      comment: 'Possibly “Ada Lovelace” — check 🇨🇭 notes',
    };
    const line = JSON.parse(nativeLine(item, [annotation])) as unknown;
    const record = NativeRecord.parse(line);
    expect(record.annotations[0]).toMatchObject({
      comment: annotation.comment,
      attributes: annotation.attributes,
      start: annotation.start,
      end: annotation.end,
    });
    const back = Annotation.parse(fromNative(record.annotations[0]!, item.projectId, item.id));
    expect(back).toEqual(annotation);
    // A span without a comment writes no comment field.
    const plain = JSON.parse(nativeLine(item, [spanOver(item, 'person', 'Grace')])) as {
      annotations: object[];
    };
    expect(plain.annotations[0]).not.toHaveProperty('comment');
  });
});
