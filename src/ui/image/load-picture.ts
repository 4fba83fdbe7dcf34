import type { Size } from '../../model/geometry.ts';
import { displaySize } from '../../image/tiles.ts';
import type { Picture } from './draw.ts';

/**
 * Decodes an image item once into a bitmap of its original pixels, plus a downscaled copy
 * for zoomed-out views when it is large. Bitmaps are decoded off the main thread and are not
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
  const size = displaySize(image);
  if (size.width >= image.width) return { image, display: full, full: undefined };
  const display = await createImageBitmap(full, {
    resizeWidth: size.width,
    resizeHeight: size.height,
    resizeQuality: 'medium',
  });
  return { image, display, full };
}

export function closePicture(picture: Picture | undefined): void {
  picture?.display.close();
  picture?.full?.close();
}
