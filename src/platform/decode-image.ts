import type { ImageDecoder } from '../import/importer.ts';

/**
 * Decodes the whole image (not just its header), so a truncated or corrupt file is caught at
 * import rather than when a labeler opens it. Chromium decodes off the main thread.
 */
export const decodeImage: ImageDecoder = async (bytes, type) => {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  try {
    return { width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
};
