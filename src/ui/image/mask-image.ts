import type { MaskAnnotation } from '../../model/annotation.ts';
import { rleBounds } from '../../model/rle.ts';
import type { Rect } from '../../model/geometry.ts';

// Masks are drawn from a small canvas per mask: only its bounding box, in the label's
// colour, made once per stored mask (the RLE object is immutable, so it is the cache key).

export interface MaskImage {
  canvas: HTMLCanvasElement | OffscreenCanvas;
  /** Where the canvas sits on the image, in image pixels. */
  at: Rect;
}

const cache = new WeakMap<MaskAnnotation['rle'], Map<string, MaskImage | null>>();

function rgb(color: string): [number, number, number] {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function makeCanvas(w: number, h: number): HTMLCanvasElement | OffscreenCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  return canvas;
}

/** The mask as a tinted picture of its bounding box; undefined for an empty mask. */
export function maskImage(mask: MaskAnnotation, color: string): MaskImage | undefined {
  let byColor = cache.get(mask.rle);
  if (!byColor) cache.set(mask.rle, (byColor = new Map<string, MaskImage | null>()));
  const known = byColor.get(color);
  if (known !== undefined) return known ?? undefined;
  const at = rleBounds(mask.rle);
  if (!at) {
    byColor.set(color, null);
    return undefined;
  }
  const canvas = makeCanvas(at.w, at.h);
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | null;
  if (!ctx) return undefined;
  const pixels = ctx.createImageData(at.w, at.h);
  const [r, g, b] = rgb(color);
  const height = mask.rle.size[0];
  let index = 0;
  mask.rle.counts.forEach((run, i) => {
    if (i % 2 === 1)
      for (let k = index; k < index + run; k++) {
        const x = Math.floor(k / height) - at.x;
        const y = (k % height) - at.y;
        const o = (y * at.w + x) * 4;
        pixels.data[o] = r;
        pixels.data[o + 1] = g;
        pixels.data[o + 2] = b;
        pixels.data[o + 3] = 255;
      }
    index += run;
  });
  ctx.putImageData(pixels, 0, 0);
  const image = { canvas, at };
  byColor.set(color, image);
  return image;
}
