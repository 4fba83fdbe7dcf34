import type { Rle } from '../model/annotation.ts';
import { decodeRle, encodeRle } from '../model/rle.ts';

// CVAT keeps a mask as runs over the mask's own bounding box, row by row (left to right, then
// the next row down), alternating 0 and 1 and starting with 0s, with the box as `left`, `top`
// (first pixel) and `width`, `height` (pixel counts). Airlock keeps COCO's runs over the whole
// image, column by column. Both start with a run of 0s, of length 0 when the first pixel is set.

export interface CvatMask {
  rle: number[];
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Our whole-image RLE as CVAT's; undefined for an empty mask (CVAT has no empty box). */
export function toCvatMask(rle: Rle): CvatMask | undefined {
  const [imageHeight, imageWidth] = rle.size;
  const pixels = decodeRle(rle);
  let left = imageWidth;
  let top = imageHeight;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < imageHeight; y++) {
    for (let x = 0; x < imageWidth; x++) {
      if (!pixels[y * imageWidth + x]) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  if (right < 0) return undefined;
  const counts: number[] = [];
  let current = 0;
  let run = 0;
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const v = pixels[y * imageWidth + x]!;
      if (v !== current) {
        counts.push(run);
        current = v;
        run = 0;
      }
      run++;
    }
  }
  counts.push(run);
  return { rle: counts, left, top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * CVAT's mask on an image of the given size as our RLE; a reason when its runs do not fill
 * its box exactly or the box leaves the image.
 */
export function fromCvatMask(
  mask: CvatMask,
  imageWidth: number,
  imageHeight: number,
): Rle | string {
  const { rle, left, top, width, height } = mask;
  if (left + width > imageWidth || top + height > imageHeight)
    return `its box (left ${left}, top ${top}, ${width} × ${height}) reaches outside the ${imageWidth} × ${imageHeight} image`;
  const total = rle.reduce((a, b) => a + b, 0);
  if (total !== width * height)
    return `its runs add up to ${total} pixels, but its box has ${width} × ${height} = ${width * height}`;
  const pixels = new Uint8Array(imageWidth * imageHeight);
  let at = 0;
  rle.forEach((run, i) => {
    if (i % 2 === 1) {
      for (let k = at; k < at + run; k++) {
        const y = top + Math.floor(k / width);
        const x = left + (k % width);
        pixels[y * imageWidth + x] = 1;
      }
    }
    at += run;
  });
  return encodeRle(pixels, imageWidth, imageHeight);
}
