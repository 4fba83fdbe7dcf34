import { describe, expect, it } from 'vitest';
import {
  boxAgreement,
  boxPairs,
  pointAgreement,
  pointPairs,
  polygonAgreement,
  polygonPairs,
} from '../../../../src/model/agreement/shapes.ts';
import { annotator, scrambled } from '../../../factories/agreement.ts';

const ann = annotator('ann');
const bob = annotator('bob');

describe('box agreement', () => {
  // Ann (reference)            Bob (compared)              IoU
  // car    [0, 0] 10 × 10      car    [0, 0] 10 × 10       1
  // car    [20, 0] 10 × 10     car    [25, 0] 10 × 10      50 / 150 = 1/3
  // person [0, 20] 10 × 10     person [1, 20] 10 × 10      90 / 110 = 9/11
  // car    [100, 100] 10 × 10  person [100, 100] 10 × 10   other label: never
  const reference = [
    ann.box('i1', 'car', 0, 0, 10, 10),
    ann.box('i1', 'car', 20, 0, 10, 10),
    ann.box('i1', 'person', 0, 20, 10, 10),
    ann.box('i1', 'car', 100, 100, 10, 10),
  ];
  const compared = [
    bob.box('i1', 'car', 0, 0, 10, 10),
    bob.box('i1', 'car', 25, 0, 10, 10),
    bob.box('i1', 'person', 1, 20, 10, 10),
    bob.box('i1', 'person', 100, 100, 10, 10),
  ];

  it('matches at IoU 0.5 by default: 2 of 4 and 4', () => {
    // precision = recall = F1 = 2/4; mean IoU of the pairs (1 + 9/11) / 2 = 10/11
    const { overall } = boxAgreement(reference, compared);
    expect(overall).toMatchObject({ matched: 2, reference: 4, compared: 4 });
    expect(overall.f1).toEqual({ value: 0.5, n: 8 });
    expect(overall.precision.value).toBe(0.5);
    expect(overall.recall.value).toBe(0.5);
    expect(overall.meanIoU.value).toBeCloseTo(10 / 11, 12);
    expect(overall.meanIoU.n).toBe(2);
  });

  it('takes the threshold it is given', () => {
    // At 0.3 the shifted car (IoU 1/3) pairs too: F1 = 2 · 3 / 8, mean IoU (1 + 1/3 + 9/11) / 3
    const { overall } = boxAgreement(reference, compared, 0.3);
    expect(overall.f1.value).toBe(0.75);
    expect(overall.meanIoU.value).toBeCloseTo((1 + 1 / 3 + 9 / 11) / 3, 12);
    // At 0.9 only the identical cars pair.
    expect(boxAgreement(reference, compared, 0.9).overall.matched).toBe(1);
  });

  it('scores each label on its own', () => {
    const [car, person] = boxAgreement(reference, compared).labels;
    // car: Ann 3, Bob 2, 1 pair → F1 2/5, mean IoU 1
    expect(car).toMatchObject({ label: 'car', matched: 1, reference: 3, compared: 2 });
    expect(car!.f1.value).toBeCloseTo(2 / 5, 12);
    expect(car!.meanIoU.value).toBe(1);
    // person: Ann 1, Bob 2, 1 pair → F1 2/3, mean IoU 9/11
    expect(person).toMatchObject({ label: 'person', matched: 1, reference: 1, compared: 2 });
    expect(person!.f1.value).toBeCloseTo(2 / 3, 12);
    expect(person!.meanIoU.value).toBeCloseTo(9 / 11, 12);
  });

  it('counts an IoU equal to the threshold as a match', () => {
    // [0, 0] 10 × 10 inside [0, 0] 10 × 20: IoU 100 / 200 = 0.5
    const pairs = boxPairs(
      [ann.box('i1', 'car', 0, 0, 10, 10)],
      [bob.box('i1', 'car', 0, 0, 10, 20)],
    );
    expect(pairs.map((p) => p.score)).toEqual([0.5]);
  });

  it('pairs one to one, the highest IoU first', () => {
    const x = ann.box('i1', 'car', 0, 0, 10, 10);
    const w = ann.box('i1', 'car', 2, 0, 10, 10);
    const y = bob.box('i1', 'car', 0, 0, 10, 10); // x–y: 1; w–y: 80 / 120
    const z = bob.box('i1', 'car', 1, 0, 10, 10); // x–z and w–z: 90 / 110
    // x–y goes first; x is then taken, so z goes to w, not w to y.
    const pairs = boxPairs(scrambled([x, w]), scrambled([y, z]));
    expect(pairs.map((p) => [p.reference.id, p.compared.id])).toEqual([
      [x.id, y.id],
      [w.id, z.id],
    ]);
  });

  it('never pairs boxes that only touch, even at threshold 0', () => {
    const pairs = boxPairs(
      [ann.box('i1', 'car', 0, 0, 10, 10)],
      [bob.box('i1', 'car', 10, 0, 10, 10)],
      0,
    );
    expect(pairs).toEqual([]);
  });

  it('never pairs boxes of different items', () => {
    const pairs = boxPairs(
      [ann.box('i1', 'car', 0, 0, 10, 10)],
      [bob.box('i2', 'car', 0, 0, 10, 10)],
    );
    expect(pairs).toEqual([]);
  });

  it('refuses a threshold outside [0, 1]', () => {
    expect(() => boxAgreement(reference, compared, 1.5)).toThrow(/between 0 and 1, not 1.5/);
    expect(() => boxAgreement(reference, compared, Number.NaN)).toThrow(RangeError);
  });

  it('has no mean IoU when nothing pairs', () => {
    const { overall } = boxAgreement([reference[0]!], []);
    expect(overall.f1).toEqual({ value: 0, n: 1 });
    expect(overall.meanIoU).toEqual({ value: undefined, n: 0, reason: 'no shapes were matched' });
  });
});

describe('polygon agreement', () => {
  const ell: [number, number][] = [
    [0, 0],
    [10, 0],
    [10, 4],
    [4, 4],
    [4, 10],
    [0, 10],
  ];
  const square: [number, number][] = [
    [2, 2],
    [8, 2],
    [8, 8],
    [2, 8],
  ];

  it('pairs concave polygons by their IoU', () => {
    // The L (area 64) and the square [2, 8]² (36) share 20: IoU 20 / 80 = 0.25.
    const a = [ann.polygon('i1', 'road', ell)];
    const b = [bob.polygon('i1', 'road', square)];
    expect(polygonPairs(a, b)).toEqual([]);
    const [pair] = polygonPairs(a, b, 0.2);
    expect(pair!.score).toBeCloseTo(0.25, 12);
    const { overall } = polygonAgreement(a, b, 0.2);
    expect(overall.f1.value).toBe(1);
    expect(overall.meanIoU.value).toBeCloseTo(0.25, 12);
  });

  it('scores each label, and the same outline drawn from another vertex as IoU 1', () => {
    const a = [ann.polygon('i1', 'road', ell), ann.polygon('i1', 'lake', square)];
    const rotated = [...ell.slice(2), ...ell.slice(0, 2)];
    const b = [bob.polygon('i1', 'road', rotated)];
    const { overall, labels } = polygonAgreement(a, b);
    expect(overall).toMatchObject({ matched: 1, reference: 2, compared: 1 });
    expect(overall.meanIoU.value).toBeCloseTo(1, 12);
    expect(labels.map((l) => [l.label, l.f1.value])).toEqual([
      ['lake', 0],
      ['road', 1],
    ]);
  });
});

describe('point agreement', () => {
  it('pairs points within the radius, the nearest first', () => {
    const p = ann.point('i1', 'eye', 0, 0);
    const q = ann.point('i1', 'eye', 10, 0);
    const r = bob.point('i1', 'eye', 6, 0); // p 6, q 4
    const s = bob.point('i1', 'eye', 1, 0); // p 1, q 9
    const pairs = pointPairs([p, q], [r, s]);
    expect(pairs.map((m) => [m.reference.id, m.compared.id, m.score])).toEqual([
      [p.id, s.id, 1],
      [q.id, r.id, 4],
    ]);
    expect(pointAgreement([p, q], [r, s]).overall.meanDistance).toEqual({ value: 2.5, n: 2 });
  });

  it('takes the radius it is given', () => {
    const a = [ann.point('i1', 'eye', 0, 0)];
    const b = [bob.point('i1', 'eye', 3, 4)]; // 5 px apart
    expect(pointAgreement(a, b).overall.f1.value).toBe(1);
    expect(pointAgreement(a, b, 5).overall.f1.value).toBe(1);
    expect(pointAgreement(a, b, 4.9).overall.f1.value).toBe(0);
    expect(() => pointAgreement(a, b, -1)).toThrow(RangeError);
  });
});
