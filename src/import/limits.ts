import { ImportRejected } from './rejection.ts';

/**
 * A file is read whole into memory to hash and parse it, so very large files would stall or
 * crash the tab. 100 MiB still covers a 100-megapixel JPEG.
 */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const MIB = 1024 * 1024;

export function checkSize(file: string, size: number): void {
  if (size === 0) throw new ImportRejected(file, 'is empty');
  if (size > MAX_FILE_BYTES) {
    // MiB arithmetic, labelled "MB" because that is the word labelers know. Rounded up so a
    // file just over the limit never reads as "100.0 MB; the limit is 100 MB".
    const mb = (Math.ceil((size / MIB) * 10) / 10).toFixed(1);
    throw new ImportRejected(
      file,
      `is too large (${mb} MB; the limit is ${MAX_FILE_BYTES / MIB} MB)`,
    );
  }
}

/**
 * Pixels of an image, read from its header before decoding: the decoded bitmap takes 4 bytes a
 * pixel, and Chromium 156 fails outright on a 30000 × 30000 PNG (measured: 268 MP decode in
 * 10 s, 400 MP in 20 s, 900 MP refused). 250 MP is a 1 GB bitmap.
 */
export const MAX_IMAGE_PIXELS = 250_000_000;

export function checkImagePixels(file: string, width: number, height: number): void {
  const pixels = width * height;
  if (pixels > MAX_IMAGE_PIXELS)
    throw new ImportRejected(
      file,
      `is too large (${width} × ${height}, ${pixels.toLocaleString('en')} pixels; ` +
        `the limit is ${MAX_IMAGE_PIXELS.toLocaleString('en')} pixels)`,
    );
}
