import { describe, expect, it } from 'vitest';
import { Annotation } from '../../../src/model/annotation.ts';
import { isPlainShape } from '../../../src/model/plain-shape.ts';

// The hand check must never let through a record the schema refuses or would change: every
// record it accepts is parsed by the schema too and must come back equal.

const at = '2026-12-05T10:00:00.000Z';
const base = {
  id: 'a1',
  projectId: 'p1',
  itemId: 'i1',
  label: 'car',
  annotator: 'ABCDEF0123456789',
  createdAt: at,
  updatedAt: at,
};
const valid: Record<string, unknown>[] = [
  { ...base, type: 'box', x: 1.5, y: 2, w: 0, h: 40 },
  { ...base, type: 'point', x: -3, y: 4e3 },
  {
    ...base,
    type: 'polygon',
    points: [
      [0, 0],
      [10, 0],
      [10, 10],
    ],
  },
  {
    ...base,
    type: 'box',
    x: 0,
    y: 0,
    w: 5,
    h: 5,
    z: -2,
    locked: true,
    sources: ['0123456789ABCDEF'],
    attributes: { occluded: true, colour: 'red', score: 0.5 },
  },
];

/** Each valid record spoiled one way (some still valid to the schema, most not). */
function spoiled(row: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const without = (key: string) => {
    const copy = { ...row };
    delete copy[key];
    return copy;
  };
  for (const key of Object.keys(row)) {
    out.push(without(key));
    for (const value of [
      '',
      'x',
      0,
      -1,
      1.5,
      NaN,
      Infinity,
      null,
      undefined,
      false,
      true,
      [],
      {},
      [[1, 2]],
      [
        [1, 2],
        [3, 4],
        [5, NaN],
      ],
      [
        [1, 2, 3],
        [3, 4],
        [5, 6],
      ],
      2 ** 60,
      ['', 'a'],
      { '': 1 },
      { a: null },
      { a: [1] },
    ])
      out.push({ ...row, [key]: value });
  }
  out.push({ ...row, extra: 1 }, { ...row, type: 'rbox' }, { ...row, type: 'span' });
  out.push(Object.assign(Object.create({ inherited: 1 }) as object, row));
  return out;
}

describe('the hand check of stored plain shapes', () => {
  it('accepts boxes, points and polygons as stored, equal to what the schema returns', () => {
    for (const row of valid) {
      expect(isPlainShape(row)).toBe(true);
      expect(Annotation.parse(row)).toEqual(row);
    }
  });

  it('accepts nothing the schema refuses or would change, over thousands of spoiled records', () => {
    let accepted = 0;
    let refused = 0;
    for (const row of valid.flatMap(spoiled)) {
      if (!isPlainShape(row)) {
        refused++;
        continue;
      }
      accepted++;
      const parsed = Annotation.safeParse(row);
      expect(parsed.success, JSON.stringify(row)).toBe(true);
      expect(parsed.data).toStrictEqual({ ...row });
    }
    // Both branches were exercised: some spoilings are still valid (a zero size, a new id).
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(500);
  });

  it('leaves other kinds of annotation to the schema', () => {
    const span = { ...base, type: 'span', start: 0, end: 3, text: 'Ada' };
    expect(isPlainShape(span)).toBe(false);
    expect(isPlainShape(null)).toBe(false);
    expect(isPlainShape('box')).toBe(false);
  });
});
