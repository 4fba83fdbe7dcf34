import type { Size } from '../../model/geometry.ts';
import { levelSizes } from '../../image/tiles.ts';
import type { Picture } from './draw.ts';

/**
 * Decodes an image item once into a bitmap of its original pixels, plus smaller copies for
 * zoomed-out views (halving down to SMALLEST_LEVEL). Bitmaps are decoded off the main thread and are not
 * canvases, so a 100-MP photo needs no 100-MP canvas.
 */
export async function loadPicture(url: string, image: Size, name: string): Promise<Picture> {
  const element = new Image();
  element.src = url;
  await new Promise<void>((resolve, reject) => {
    element.onload = () => resolve();
    element.onerror = () =>
      reject(new Error(`“${name}” could not be shown: the browser cannot decode it.`));
  });
  const full = await createImageBitmap(element);
  const sizes = levelSizes(image);
  const levels: ImageBitmap[] = [];
  try {
    for (const [i, size] of sizes.entries()) {
      // Each level from the one before: shrinking by half keeps 'medium' quality sharp.
      const source = i === 0 ? full : levels[i - 1]!;
      levels.push(
        i === 0 && size.width >= image.width
          ? full
          : await createImageBitmap(source, {
              resizeWidth: size.width,
              resizeHeight: size.height,
              resizeQuality: 'medium',
            }),
      );
    }
  } catch (error) {
    for (const level of levels) level.close();
    full.close();
    throw error;
  }
  return { image, levels, full: levels[0] === full ? undefined : full };
}

export function closePicture(picture: Picture | undefined): void {
  for (const level of picture?.levels ?? []) level.close();
  picture?.full?.close();
}
