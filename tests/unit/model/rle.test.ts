import { describe, expect, it } from 'vitest';
import { decodeRle, encodeRle, rleArea, rleBounds } from '../../../src/model/rle.ts';
import { Rle } from '../../../src/model/annotation.ts';
import { seeded } from '../../factories/random.ts';

// pycocotools' conventions: column-major (down each column first), runs start with 0s.

describe('COCO uncompressed RLE', () => {
  it('walks columns first and starts with a run of 0s', () => {
    // 3 wide, 2 high:   row 0: 0 1 1
    //                   row 1: 0 0 1
    // column-major: (0,0)=0 (0,1)=0 | (1,0)=1 (1,1)=0 | (2,0)=1 (2,1)=1
    const mask = [0, 1, 1, 0, 0, 1];
    const rle = encodeRle(mask, 3, 2);
    expect(rle).toEqual({ size: [2, 3], counts: [2, 1, 1, 2] });
    expect([...decodeRle(rle)]).toEqual(mask);
    expect(rleArea(rle)).toBe(3);
    expect(rleBounds(rle)).toEqual({ x: 1, y: 0, w: 2, h: 2 });
  });

  it('writes a leading 0-length run when the first pixel is set', () => {
    const rle = encodeRle([1, 0, 0, 0], 2, 2);
    expect(rle.counts).toEqual([0, 1, 3]);
    expect(rleBounds(rle)).toEqual({ x: 0, y: 0, w: 1, h: 1 });
  });

  it('describes an empty mask as one run of 0s, with no bounds', () => {
    const rle = encodeRle(new Uint8Array(12), 4, 3);
    expect(rle.counts).toEqual([12]);
    expect(rleArea(rle)).toBe(0);
    expect(rleBounds(rle)).toBeUndefined();
  });

  it('finds the bounds of a run that wraps from one column into the next', () => {
    // 2 wide, 3 high; the bottom of column 0 and the top of column 1 are set.
    const mask = [0, 1, 0, 0, 1, 0];
    const rle = encodeRle(mask, 2, 3);
    expect(rle.counts).toEqual([2, 2, 2]);
    expect(rleBounds(rle)).toEqual({ x: 0, y: 0, w: 2, h: 3 });
  });

  it('round-trips random masks, and its runs always add up to the image', () => {
    const random = seeded(7);
    for (let n = 0; n < 50; n++) {
      const width = random.int(1, 20);
      const height = random.int(1, 20);
      const mask = Uint8Array.from({ length: width * height }, () => (random.chance(0.4) ? 1 : 0));
      const rle = encodeRle(mask, width, height);
      expect(Rle.safeParse(rle).success).toBe(true);
      expect(decodeRle(rle)).toEqual(mask);
      expect(rleArea(rle)).toBe(mask.reduce((a, b) => a + b, 0));
    }
  });

  it('refuses runs that do not cover the image exactly', () => {
    expect(Rle.safeParse({ size: [2, 2], counts: [1, 2] }).success).toBe(false);
  });
});
