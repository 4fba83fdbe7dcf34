import type { PreviewRecord } from '../storage/db.ts';
import { previewSize } from '../image/preview.ts';

/** JPEG quality of previews: no visible blocks at fit, a tenth of a PNG's bytes. */
const QUALITY = 0.85;

/**
 * Makes the preview a big image opens with (src/image/preview.ts): drawn shrunk in one step,
 * then encoded as JPEG, or as WebP when it has transparency (JPEG would paint it black). Only
 * an image whose header allows transparency is scanned for it. Undefined for an image small
 * enough to open from its own pixels.
 */
export async function makePreview(
  picture: ImageBitmap,
  canBeTransparent: boolean,
): Promise<Omit<PreviewRecord, 'sha256'> | undefined> {
  const size = previewSize(picture);
  if (!size) return undefined;
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.imageSmoothingQuality = 'medium';
  ctx.drawImage(picture, 0, 0, size.width, size.height);
  const encoding = canBeTransparent && hasTransparency(ctx, size) ? 'image/webp' : 'image/jpeg';
  const blob = await canvas.convertToBlob({ type: encoding, quality: QUALITY });
  // A browser without a WebP encoder gives PNG: not a preview worth reading first.
  if (blob.type !== encoding) return undefined;
  return { type: encoding, ...size, bytes: await blob.arrayBuffer() };
}

function hasTransparency(
  ctx: OffscreenCanvasRenderingContext2D,
  { width, height }: { width: number; height: number },
): boolean {
  const { data } = ctx.getImageData(0, 0, width, height);
  // Four bytes a pixel, alpha last: read as little-endian words, opaque is 0xff______.
  const pixels = new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  for (let i = 0; i < pixels.length; i++) if (pixels[i]! >>> 24 !== 0xff) return true;
  return false;
}
