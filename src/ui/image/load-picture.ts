import type { Size } from '../../model/geometry.ts';
import { levelSizes } from '../../image/tiles.ts';
import type { Picture } from './draw.ts';

/**
 * The picture of an image item: its original pixels as one bitmap, decoded off the main
 * thread (from the item's bytes, read by the editor after the preview is shown, if any).
 * A bitmap is not a canvas, so a 100-MP photo needs no 100-MP canvas.
 */
export async function loadPicture(
  bitmap: Promise<ImageBitmap | undefined>,
  image: Size,
  name: string,
): Promise<Picture & { full: ImageBitmap }> {
  const failed = () => new Error(`“${name}” could not be shown: the browser cannot decode it.`);
  const full = await bitmap.catch(() => undefined);
  if (!full) throw failed();
  return { image, full, levels: [] };
}

/**
 * Smaller copies for zoomed-out views (the display picture, then halves down to
 * SMALLEST_LEVEL), made after the first frame is drawn: opening never waits for them, and
 * until they exist the original is drawn scaled. For an image small enough to be its own
 * display picture the original is the first level.
 */
export async function makeLevels(picture: Picture & { full: ImageBitmap }): Promise<ImageBitmap[]> {
  const { image, full } = picture;
  const levels: ImageBitmap[] = [];
  try {
    for (const [i, size] of levelSizes(image).entries()) {
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
    for (const level of levels) if (level !== full) level.close();
    throw error;
  }
  return levels;
}

/** Frees the smaller copies; the original and preview belong to the editor, which closes them with the item. */
export function closePicture(picture: Picture | undefined): void {
  for (const level of picture?.levels ?? []) if (level !== picture?.full) level.close();
}
