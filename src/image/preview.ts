import type { Size } from '../model/geometry.ts';
import { DISPLAY_MAX_PIXELS, displaySize } from './tiles.ts';

// A big image opens from a stored preview: a screen-sized copy, small to read and quick to
// decode, drawn at once while the original is read and decoded behind it. The preview is only
// ever shown zoomed out: until the original is there, the view cannot zoom in past it.

/** A preview holds at most this many pixels (2 MP: sharp at fit on a 1080p screen). */
export const PREVIEW_MAX_PIXELS = 2_097_152;

/**
 * The preview's size, or undefined for an image that opens quickly from its own pixels (up to
 * the 4-MP display picture, as images opened before previews existed).
 */
export function previewSize(image: Size): Size | undefined {
  if (image.width * image.height <= DISPLAY_MAX_PIXELS) return undefined;
  return displaySize(image, PREVIEW_MAX_PIXELS);
}

/** The largest zoom at which a preview of `preview` pixels is not magnified (one per CSS pixel). */
export function previewZoomLimit(image: Size, preview: Size): number {
  return Math.min(preview.width / image.width, preview.height / image.height);
}
