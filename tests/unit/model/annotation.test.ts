import { describe, expect, it } from 'vitest';
import { Annotation } from '../../../src/model/annotation.ts';

const common = {
  id: 'a1',
  projectId: 'p1',
  itemId: 'i1',
  label: 'l1',
  annotator: '0123456789abcdef',
  createdAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
};

describe('annotation validation', () => {
  it('accepts each type of the bundle spec', () => {
    const samples = [
      { type: 'span', start: 0, end: 3, text: 'Ada' },
      { type: 'class' },
      { type: 'box', x: 1.5, y: 2, w: 10, h: 0 },
      {
        type: 'polygon',
        points: [
          [0, 0],
          [4, 0],
          [4, 3],
        ],
      },
      { type: 'point', x: 3, y: 4 },
      { type: 'relation', from: 'a', to: 'b' },
    ];
    for (const sample of samples)
      expect(Annotation.parse({ ...common, ...sample })).toMatchObject(sample);
  });

  it('rejects broken geometry', () => {
    const bad = [
      { type: 'span', start: 3, end: 3, text: '' },
      { type: 'span', start: -1, end: 3, text: 'x' },
      { type: 'span', start: 0.5, end: 3, text: 'x' },
      { type: 'box', x: 0, y: 0, w: -1, h: 1 },
      { type: 'box', x: Number.NaN, y: 0, w: 1, h: 1 },
      {
        type: 'polygon',
        points: [
          [0, 0],
          [1, 1],
        ],
      },
      { type: 'point', x: Infinity, y: 0 },
      { type: 'relation', from: '', to: 'b' },
      { type: 'ellipse', x: 0, y: 0 },
    ];
    for (const sample of bad)
      expect(Annotation.safeParse({ ...common, ...sample }).success).toBe(false);
  });
});
