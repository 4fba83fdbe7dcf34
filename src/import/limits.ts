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
