import type { PreviewRecord } from '../storage/db.ts';
import { previewSize } from '../image/preview.ts';

/** JPEG quality of previews: no visible blocks at fit, a tenth of a PNG's bytes. */
const QUALITY = 0.85;

/**
 * Makes the preview a big image opens with (src/image/preview.ts): shrunk off the main thread,
 * then encoded as JPEG, or as WebP when it has transparency (JPEG would paint it black).
 * Undefined for an image small enough to open from its own pixels.
 */
export async function makePreview(
  picture: ImageBitmap,
  type: string,
): Promise<Omit<PreviewRecord, 'sha256'> | undefined> {
  const size = previewSize(picture);
  if (!size) return undefined;
  const small = await createImageBitmap(picture, {
    resizeWidth: size.width,
    resizeHeight: size.height,
    resizeQuality: 'medium',
  });
  try {
    const canvas = new OffscreenCanvas(size.width, size.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.drawImage(small, 0, 0);
    const encoding =
      type !== 'image/jpeg' && hasTransparency(ctx, size) ? 'image/webp' : 'image/jpeg';
    const blob = await canvas.convertToBlob({ type: encoding, quality: QUALITY });
    // A browser without a WebP encoder gives PNG: not a preview worth reading first.
    if (blob.type !== encoding) return undefined;
    return { type: encoding, ...size, bytes: await blob.arrayBuffer() };
  } finally {
    small.close();
  }
}

function hasTransparency(
  ctx: OffscreenCanvasRenderingContext2D,
  { width, height }: { width: number; height: number },
): boolean {
  const { data } = ctx.getImageData(0, 0, width, height);
  for (let i = 3; i < data.length; i += 4) if (data[i]! < 255) return true;
  return false;
}
