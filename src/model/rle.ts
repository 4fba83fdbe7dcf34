import type { Rle } from './annotation.ts';
import type { Rect } from './geometry.ts';

// COCO's uncompressed run-length encoding of a binary mask, as pycocotools reads it: pixels in
// column-major (Fortran) order — down the first column, then the next — and runs alternating
// 0 and 1, always starting with a run of 0s (of length 0 when the first pixel is set).

/** Encodes a mask given row by row (`mask[y * width + x]`, non-zero = set). */
export function encodeRle(mask: ArrayLike<number>, width: number, height: number): Rle {
  if (mask.length !== width * height) throw new RangeError('the mask is not width × height');
  const counts: number[] = [];
  let current = 0;
  let run = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const v = mask[y * width + x] ? 1 : 0;
      if (v !== current) {
        counts.push(run);
        current = v;
        run = 0;
      }
      run++;
    }
  }
  counts.push(run);
  return { size: [height, width], counts };
}

/** Decodes to a row-by-row mask of 0 and 1. */
export function decodeRle(rle: Rle): Uint8Array {
  const [height, width] = rle.size;
  const mask = new Uint8Array(width * height);
  let at = 0;
  let value = 0;
  for (const run of rle.counts) {
    if (value === 1) {
      for (let i = at; i < at + run; i++) {
        const x = Math.floor(i / height);
        const y = i - x * height;
        mask[y * width + x] = 1;
      }
    }
    at += run;
    value ^= 1;
  }
  return mask;
}

/** How many pixels are set. */
export function rleArea(rle: Rle): number {
  let area = 0;
  for (let i = 1; i < rle.counts.length; i += 2) area += rle.counts[i]!;
  return area;
}

/**
 * The smallest rectangle of whole pixels holding every set pixel (COCO's `bbox` of a mask),
 * or undefined for an empty mask.
 */
export function rleBounds(rle: Rle): Rect | undefined {
  const height = rle.size[0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let at = 0;
  rle.counts.forEach((run, index) => {
    if (index % 2 === 1 && run > 0) {
      const first = at;
      const last = at + run - 1;
      const x0 = Math.floor(first / height);
      const x1 = Math.floor(last / height);
      minX = Math.min(minX, x0);
      maxX = Math.max(maxX, x1);
      // A run that wraps into the next column covers the column's top and bottom rows.
      minY = Math.min(minY, x1 > x0 ? 0 : first - x0 * height);
      maxY = Math.max(maxY, x1 > x0 ? height - 1 : last - x1 * height);
    }
    at += run;
  });
  if (minX === Infinity) return undefined;
  return { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 };
}
