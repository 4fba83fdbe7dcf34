import type { Rect, Size } from '../model/geometry.ts';
import { intersects } from '../model/geometry.ts';

// Big images are shown as a downscaled picture when zoomed out and as full-resolution tiles
// of the visible part when zoomed in, so no canvas or bitmap drawn per frame is larger than
// needed, and a 100-MP photo opens without one 100-MP canvas.

/** The downscaled picture holds at most this many pixels (4 MP: sharp on any screen at fit). */
export const DISPLAY_MAX_PIXELS = 4_194_304;
export const TILE_SIZE = 1024;

/** The size of the downscaled display picture (the image itself when it is small enough). */
export function displaySize(image: Size, maxPixels = DISPLAY_MAX_PIXELS): Size {
  const pixels = image.width * image.height;
  if (pixels <= maxPixels) return image;
  const ratio = Math.sqrt(maxPixels / pixels);
  return {
    width: Math.max(1, Math.floor(image.width * ratio)),
    height: Math.max(1, Math.floor(image.height * ratio)),
  };
}

/** Pictures down to this longest side are kept, each half the one before (a mipmap). */
export const SMALLEST_LEVEL = 512;

/**
 * The sizes of the zoomed-out pictures, largest first: the display picture, then halves.
 * Drawing a picture near the size it is shown is far cheaper than shrinking a big one every
 * frame (the canvas has no mipmaps of its own in software rendering).
 */
export function levelSizes(image: Size): Size[] {
  const sizes = [displaySize(image)];
  for (let last = sizes[0]!; Math.max(last.width, last.height) > SMALLEST_LEVEL;) {
    last = {
      width: Math.max(1, Math.ceil(last.width / 2)),
      height: Math.max(1, Math.ceil(last.height / 2)),
    };
    sizes.push(last);
  }
  return sizes;
}

/** The smallest level that is not magnified at this zoom (the largest when all would be). */
export function pickLevel(
  levels: readonly Size[],
  image: Size,
  scale: number,
  pixelRatio: number,
): number {
  const shownWidth = image.width * scale * pixelRatio;
  for (let i = levels.length - 1; i >= 0; i--) if (levels[i]!.width >= shownWidth) return i;
  return 0;
}

/**
 * Whether to draw full-resolution tiles: when the display picture would be magnified, i.e.
 * one of its pixels covers more than one device pixel.
 */
export function needsTiles(image: Size, display: Size, scale: number, pixelRatio: number): boolean {
  if (display.width >= image.width) return false;
  const devicePixelsPerDisplayPixel = scale * pixelRatio * (image.width / display.width);
  return devicePixelsPerDisplayPixel > 1;
}

/** The full-resolution tiles (image pixels) that cover the visible part of the image. */
export function visibleTiles(image: Size, visible: Rect, tile = TILE_SIZE): Rect[] {
  const tiles: Rect[] = [];
  const firstColumn = Math.max(0, Math.floor(visible.x / tile));
  const firstRow = Math.max(0, Math.floor(visible.y / tile));
  const lastColumn = Math.min(
    Math.ceil(image.width / tile) - 1,
    Math.floor((visible.x + visible.w) / tile),
  );
  const lastRow = Math.min(
    Math.ceil(image.height / tile) - 1,
    Math.floor((visible.y + visible.h) / tile),
  );
  for (let row = firstRow; row <= lastRow; row++)
    for (let column = firstColumn; column <= lastColumn; column++) {
      const x = column * tile;
      const y = row * tile;
      const rect = {
        x,
        y,
        w: Math.min(tile, image.width - x),
        h: Math.min(tile, image.height - y),
      };
      if (intersects(rect, visible)) tiles.push(rect);
    }
  return tiles;
}
