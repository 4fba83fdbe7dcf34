import { describe, expect, it } from 'vitest';
import { extentOf, outsideImage } from '../../../src/model/extent.ts';
import { normalizeAngle, rotatedCorners } from '../../../src/model/rotated-box.ts';
import { encodeRle } from '../../../src/model/rle.ts';
import type { ImageGeometry } from '../../../src/model/annotation.ts';

const base = {
  id: 'a',
  projectId: 'p',
  itemId: 'i',
  label: 'l',
  annotator: 'k',
  createdAt: '',
  updatedAt: '',
};

describe('rotated boxes', () => {
  it('at angle 0 cover the same region as the box at cx − w/2, cy − h/2', () => {
    const corners = rotatedCorners({ cx: 50, cy: 40, w: 20, h: 10, angle: 0 });
    expect(corners).toEqual([
      { x: 40, y: 35 },
      { x: 60, y: 35 },
      { x: 60, y: 45 },
      { x: 40, y: 45 },
    ]);
  });

  it('turn clockwise on screen (y points down)', () => {
    const [topLeft, topRight] = rotatedCorners({ cx: 0, cy: 0, w: 2, h: 2, angle: 90 });
    // A quarter turn clockwise takes the top-left corner to the top-right.
    expect(topLeft.x).toBeCloseTo(1);
    expect(topLeft.y).toBeCloseTo(-1);
    expect(topRight.x).toBeCloseTo(1);
    expect(topRight.y).toBeCloseTo(1);
  });

  it('keep angles in (-180, 180]', () => {
    expect(normalizeAngle(-180)).toBe(180);
    expect(normalizeAngle(190)).toBe(-170);
    expect(normalizeAngle(-190)).toBe(170);
    expect(normalizeAngle(360)).toBe(0);
  });
});

describe('the extent of an image annotation', () => {
  it('holds every kind of shape', () => {
    const shapes: [ImageGeometry, { x: number; y: number; w: number; h: number }][] = [
      [
        { ...base, type: 'box', x: 1, y: 2, w: 3, h: 4 },
        { x: 1, y: 2, w: 3, h: 4 },
      ],
      [
        {
          ...base,
          type: 'multipolygon',
          parts: [
            [
              [0, 0],
              [2, 0],
              [2, 2],
            ],
            [
              [5, 5],
              [6, 5],
              [6, 8],
            ],
          ],
        },
        { x: 0, y: 0, w: 6, h: 8 },
      ],
      [
        {
          ...base,
          type: 'polyline',
          points: [
            [3, 4],
            [9, 1],
          ],
        },
        { x: 3, y: 1, w: 6, h: 3 },
      ],
      [
        // The unlabeled node at 0, 0 is not part of the pose.
        {
          ...base,
          type: 'keypoints',
          points: [
            [10, 10, 2],
            [0, 0, 0],
            [20, 30, 1],
          ],
        },
        { x: 10, y: 10, w: 10, h: 20 },
      ],
      [
        { ...base, type: 'mask', rle: encodeRle([0, 1, 1, 0, 0, 1], 3, 2) },
        { x: 1, y: 0, w: 2, h: 2 },
      ],
    ];
    for (const [shape, rect] of shapes) expect(extentOf(shape)).toEqual(rect);
    const r = extentOf({ ...base, type: 'rbox', cx: 0, cy: 0, w: 2, h: 2, angle: 45 });
    expect(r.w).toBeCloseTo(2 * Math.SQRT2);
  });

  it('fits the image within half a pixel, else says where it reaches', () => {
    const box = { ...base, type: 'box' as const, x: -0.4, y: 0, w: 400.8, h: 300 };
    expect(outsideImage(box, 400, 300)).toBeUndefined();
    expect(outsideImage({ ...box, x: 5000, y: -300 }, 400, 300)).toBe(
      'the box reaches outside the 400 × 300 image (x 5000…5400.8, y -300…0)',
    );
    const mask = { ...base, type: 'mask' as const, rle: encodeRle([0, 1, 1, 0], 2, 2) };
    expect(outsideImage(mask, 2, 2)).toBeUndefined();
    expect(outsideImage(mask, 3, 2)).toBe('the mask is 2 × 2 pixels, the image 3 × 2');
  });
});
