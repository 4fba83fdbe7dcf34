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
