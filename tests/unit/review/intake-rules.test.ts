import { describe, expect, it } from 'vitest';
import {
  boxFits,
  itemProblems,
  labelFits,
  oneOfGroup,
  attributesFit,
  keypointsFits,
  maskFits,
  multipolygonFits,
  pointFits,
  polygonFits,
  polylineFits,
  rboxFits,
  skeletonFits,
  relationFits,
  spanFits,
  uniqueIds,
  wasAssigned,
} from '../../../src/review/intake-rules.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { Item } from '../../../src/model/item.ts';
import type { Project } from '../../../src/model/project.ts';

// One test per intake rule: each refuses with its reason, and the good case passes.

const at = '2026-12-01T00:00:00.000Z';
const base = { projectId: 'p', annotator: 'K', createdAt: at, updatedAt: at };
const text = 'Ada 👩🏽‍💻 met Grace in 東京.'; // 25 code points, 29 UTF-16 units
const textItem: Item = {
  id: 't',
  projectId: 'p',
  seq: 0,
  kind: 'text',
  name: 'letter.txt',
  text,
  sha256: 'a'.repeat(64),
  status: 'done',
  note: '',
  createdAt: at,
  updatedAt: at,
};
const imageItem: Item = {
  id: 'i',
  projectId: 'p',
  seq: 1,
  kind: 'image',
  name: 'street.png',
  sha256: 'b'.repeat(64),
  mediaType: 'image/png',
  width: 400,
  height: 300,
  byteLength: 10,
  status: 'done',
  note: '',
  createdAt: at,
  updatedAt: at,
};
const schema: Pick<Project, 'labels' | 'classGroups'> = {
  labels: [
    { id: 'person', name: 'Person', color: '#e6194b', kinds: ['span'] },
    { id: 'car', name: 'Car', color: '#4363d8', kinds: ['box', 'polygon', 'point'] },
    { id: 'knows', name: 'knows', color: '#f58231', kinds: ['relation'] },
    { id: 'pos', name: 'Positive', color: '#3cb44b', kinds: ['text_class'], group: 'tone' },
    { id: 'neg', name: 'Negative', color: '#911eb4', kinds: ['text_class'], group: 'tone' },
    { id: 'sunny', name: 'Sunny', color: '#42d4f4', kinds: ['image_class'] },
  ],
  classGroups: [{ id: 'tone', name: 'Tone', choice: 'one' }],
};

const span = (id: string, start: number, end: number, covered: string): Annotation => ({
  ...base,
  id,
  itemId: 't',
  type: 'span',
  label: 'person',
  start,
  end,
  text: covered,
});
const box = (x: number, y: number, w: number, h: number): Annotation => ({
  ...base,
  id: 'b',
  itemId: 'i',
  type: 'box',
  label: 'car',
  x,
  y,
  w,
  h,
});
const cls = (id: string, label: string, itemId = 't'): Annotation => ({
  ...base,
  id,
  itemId,
  type: 'class',
  label,
});

describe('intake rules', () => {
  it('spans: offsets within the text, in code points, with text equal to the slice', () => {
    const grace = span('s', 13, 18, 'Grace');
    expect(spanFits(grace as never, textItem)).toBeUndefined();
    expect(spanFits(span('s', 500, 520, 'x') as never, textItem)).toMatch(
      /ends past the text \(25 code points\)/,
    );
    expect(spanFits(span('s', 13, 18, 'Gracy') as never, textItem)).toMatch(
      /says “Gracy” but the text there is “Grace”/,
    );
    expect(spanFits(span('s', 0, 3, 'Ada') as never, imageItem)).toMatch(/a span on an image item/);
  });

  it('spans on a conversation: offsets in code points of the message the field names', () => {
    const chat: Item = {
      ...textItem,
      kind: 'conversation',
      context: [{ role: 'user', content: 'Who is 👩🏽‍💻 Ada?' }],
      responses: [{ id: 'r1', content: '👋🏽 Ada Lovelace, 1815.' }],
    } as never;
    const lovelace = { ...span('s', 3, 15, 'Ada Lovelace'), field: 'response:r1' };
    expect(spanFits(lovelace as never, chat)).toBeUndefined();
    expect(spanFits({ ...lovelace, field: 'context:0' } as never, chat)).toMatch(
      /says “Ada Lovelace” but the text there is/,
    );
    expect(spanFits({ ...lovelace, field: 'response:r7' } as never, chat)).toMatch(
      /span on response:r7, which this conversation does not have/,
    );
    expect(spanFits(span('s', 3, 15, 'Ada Lovelace') as never, chat)).toMatch(/names no message/);
  });

  it('boxes: inside the image within half a pixel, never clamped', () => {
    expect(boxFits(box(0, 0, 400, 300) as never, imageItem)).toBeUndefined();
    expect(boxFits(box(-0.5, -0.4, 400.9, 300.5) as never, imageItem)).toBeUndefined();
    expect(boxFits(box(5000, -300, 10, 10) as never, imageItem)).toMatch(
      /\(5000, -300\) lies outside the 400×300 image/,
    );
    expect(boxFits(box(390, 10, 11, 10) as never, imageItem)).toMatch(/\(401, 20\) lies outside/);
    expect(boxFits(box(0, 0, 1, 1) as never, textItem)).toMatch(/a box on a text item/);
  });

  it('polygons: every vertex inside the image', () => {
    const poly = (points: [number, number][]) =>
      ({ ...base, id: 'p', itemId: 'i', type: 'polygon', label: 'car', points }) as never;
    expect(
      polygonFits(
        poly([
          [0, 0],
          [400, 0],
          [200, 300],
        ]),
        imageItem,
      ),
    ).toBeUndefined();
    expect(
      polygonFits(
        poly([
          [0, 0],
          [401, 0],
          [200, 300],
        ]),
        imageItem,
      ),
    ).toMatch(/polygon point \(401, 0\) lies outside/);
  });

  it('points: inside the image', () => {
    const point = (x: number, y: number) =>
      ({ ...base, id: 'o', itemId: 'i', type: 'point', label: 'car', x, y }) as never;
    expect(pointFits(point(400.5, 300.5), imageItem)).toBeUndefined();
    expect(pointFits(point(-1, 3), imageItem)).toMatch(/\(-1, 3\) lies outside/);
  });

  it('labels: in the project, and of a kind that fits the item and the annotation type', () => {
    expect(labelFits(span('s', 0, 3, 'Ada'), textItem, schema.labels)).toBeUndefined();
    expect(labelFits({ ...box(1, 1, 1, 1), label: 'person' }, imageItem, schema.labels)).toMatch(
      /label “Person” is not a box label \(it is for span\)/,
    );
    expect(labelFits(cls('c', 'sunny'), textItem, schema.labels)).toMatch(/not a text_class label/);
    expect(labelFits(cls('c', 'sunny', 'i'), imageItem, schema.labels)).toBeUndefined();
    expect(labelFits(cls('c', 'gone'), textItem, schema.labels)).toMatch(
      /label gone is not in this project/,
    );
  });

  it('"choose one" groups: at most one class of the group on an item', () => {
    expect(oneOfGroup([cls('a', 'pos')], schema)).toBeUndefined();
    expect(oneOfGroup([cls('a', 'pos'), cls('b', 'neg')], schema)).toBe(
      '2 classes of the “choose one” group “Tone”: Positive, Negative',
    );
  });

  it('relations: between two spans of the same item', () => {
    const ada = span('s1', 0, 3, 'Ada');
    const grace = span('s2', 13, 18, 'Grace');
    const rel = (from: string, to: string) =>
      ({ ...base, id: 'r', itemId: 't', type: 'relation', label: 'knows', from, to }) as never;
    expect(relationFits(rel('s1', 's2'), textItem, [ada, grace])).toBeUndefined();
    expect(relationFits(rel('s1', 'elsewhere'), textItem, [ada, grace])).toMatch(
      /relation end elsewhere is not an annotation of this item/,
    );
    expect(relationFits(rel('s1', 'c'), textItem, [ada, cls('c', 'pos')])).toMatch(
      /relation end c is a class, not a span/,
    );
    expect(relationFits(rel('s1', 's1'), textItem, [ada])).toMatch(/to itself/);
  });

  it('annotation ids are unique within an item', () => {
    expect(uniqueIds([cls('a', 'pos')])).toBeUndefined();
    expect(uniqueIds([cls('a', 'pos'), span('a', 0, 3, 'Ada')])).toMatch(/id a is used twice/);
  });

  it('assignment: no annotation on an item the lead did not send to that labeler', () => {
    expect(wasAssigned(textItem, undefined)).toBeUndefined();
    expect(wasAssigned(textItem, new Set(['t']))).toBeUndefined();
    expect(wasAssigned(textItem, new Set(['other']))).toBe(
      'item “letter.txt” was not sent to this labeler',
    );
    // An untouched record of an item not sent is harmless: nothing to refuse.
    expect(itemProblems(textItem, [], schema, new Set(['other']))).toEqual([]);
  });

  it('a good item passes every rule; a bad one lists each reason with its annotation', () => {
    const good = [span('s1', 0, 3, 'Ada'), span('s2', 13, 18, 'Grace'), cls('c', 'pos')];
    expect(itemProblems(textItem, good, schema, new Set(['t']))).toEqual([]);
    const bad = [...good, span('s3', 500, 520, 'x'), cls('d', 'neg')];
    expect(itemProblems(textItem, bad, schema)).toEqual([
      expect.stringMatching(/^annotation s3: span \[500, 520\) ends past the text/),
      expect.stringMatching(/“choose one” group “Tone”/),
    ]);
  });

  const shape = (extra: object) =>
    ({ ...base, id: 'n', itemId: 'i', label: 'car', ...extra }) as never;

  it('rotated boxes: every corner inside the image', () => {
    expect(
      rboxFits(shape({ type: 'rbox', cx: 200, cy: 150, w: 100, h: 50, angle: 30 }), imageItem),
    ).toBeUndefined();
    expect(
      rboxFits(shape({ type: 'rbox', cx: 395, cy: 150, w: 20, h: 20, angle: 45 }), imageItem),
    ).toMatch(/the rbox reaches outside the 400 × 300 image/);
  });

  it('polylines and multipolygons: every vertex inside the image', () => {
    expect(
      polylineFits(
        shape({
          type: 'polyline',
          points: [
            [0, 0],
            [400, 300],
          ],
        }),
        imageItem,
      ),
    ).toBeUndefined();
    expect(
      polylineFits(
        shape({
          type: 'polyline',
          points: [
            [0, 0],
            [400, 301],
          ],
        }),
        imageItem,
      ),
    ).toMatch(/reaches outside/);
    const ring = [
      [0, 0],
      [10, 0],
      [5, 5],
    ];
    expect(
      multipolygonFits(shape({ type: 'multipolygon', parts: [ring, ring] }), imageItem),
    ).toBeUndefined();
    expect(
      multipolygonFits(
        shape({
          type: 'multipolygon',
          parts: [
            ring,
            [
              [0, 0],
              [10, 0],
              [5, 900],
            ],
          ],
        }),
        imageItem,
      ),
    ).toMatch(/reaches outside/);
  });

  it('keypoints: labeled nodes inside, unlabeled ones at 0, 0, one per skeleton node', () => {
    const pose = (points: number[][]) => shape({ type: 'keypoints', points });
    expect(
      keypointsFits(
        pose([
          [10, 10, 2],
          [0, 0, 0],
        ]),
        imageItem,
      ),
    ).toBeUndefined();
    expect(
      keypointsFits(
        pose([
          [10, 10, 2],
          [5, 5, 0],
        ]),
        imageItem,
      ),
    ).toMatch(/keypoint 2 is not labeled/);
    expect(
      keypointsFits(
        pose([
          [10, 10, 2],
          [500, 5, 1],
        ]),
        imageItem,
      ),
    ).toMatch(/reaches outside/);
    const labels = [{ ...schema.labels[1]!, skeleton: { nodes: ['head', 'tail'], edges: [] } }];
    expect(
      skeletonFits(
        pose([
          [10, 10, 2],
          [0, 0, 0],
        ]),
        labels,
      ),
    ).toBeUndefined();
    expect(skeletonFits(pose([[10, 10, 2]]), labels)).toBe('1 keypoints for a skeleton of 2 nodes');
  });

  it('masks: the size of the image', () => {
    expect(
      maskFits(shape({ type: 'mask', rle: { size: [300, 400], counts: [120000] } }), imageItem),
    ).toBeUndefined();
    expect(
      maskFits(shape({ type: 'mask', rle: { size: [2, 2], counts: [4] } }), imageItem),
    ).toMatch(/the mask is 2 × 2 pixels, the image 400 × 300/);
  });

  it('attributes: as the label declares them', () => {
    const labels = [
      { ...schema.labels[1]!, attributes: [{ name: 'occluded', type: 'boolean' as const }] },
    ];
    expect(
      attributesFit(shape({ type: 'box', attributes: { occluded: true } }), labels),
    ).toBeUndefined();
    expect(attributesFit(shape({ type: 'box', attributes: { occluded: 'yes' } }), labels)).toBe(
      '"occluded" is yes or no',
    );
    expect(attributesFit(shape({ type: 'box', attributes: { colour: 'red' } }), labels)).toMatch(
      /declares no attribute "colour"/,
    );
  });
});
