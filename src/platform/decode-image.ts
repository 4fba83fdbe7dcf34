import type { ImageDecoder, PendingPreview } from '../import/image.ts';
import { previewSize } from '../image/preview.ts';
import { makePreview } from './preview-image.ts';
import { mayBeTransparent } from '../import/image-type.ts';

/**
 * Decodes the whole image (not just its header), so a truncated or corrupt file is caught at
 * import rather than when a labeler opens it, and keeps a big image's decoded pixels for its
 * preview, made when the importer asks. Chromium decodes off the main thread.
 */
export const decodeImage: ImageDecoder = async (bytes, type) => {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const size = { width: bitmap.width, height: bitmap.height };
  if (!previewSize(size)) {
    bitmap.close();
    return size;
  }
  const canBeTransparent = mayBeTransparent(bytes, type);
  const preview: PendingPreview = {
    // A preview that cannot be made is made again on the image's first open.
    make: () =>
      makePreview(bitmap, canBeTransparent)
        .catch(() => undefined)
        .finally(() => bitmap.close()),
    discard: () => bitmap.close(),
  };
  return { ...size, preview };
};

/**
 * Decodes stored image bytes for display, off the main thread. Where WebCodecs' ImageDecoder
 * exists (Chromium) the bytes are decoded where they are; otherwise through a Blob, which
 * first copies them to the browser's blob store (measured: the larger part of opening a
 * 25 MB PNG). GIFs show their first frame either way.
 */
export async function decodeBitmap(bytes: Uint8Array, type: string): Promise<ImageBitmap> {
  const Decoder = (globalThis as { ImageDecoder?: ImageDecoderConstructor }).ImageDecoder;
  if (Decoder && (await Decoder.isTypeSupported(type).catch(() => false))) {
    const decoder = new Decoder({ data: bytes as Uint8Array<ArrayBuffer>, type });
    try {
      const { image } = await decoder.decode();
      try {
        return await createImageBitmap(image);
      } finally {
        image.close();
      }
    } finally {
      decoder.close();
    }
  }
  return createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}

/** The part of WebCodecs' ImageDecoder used here (not in every browser, nor in TypeScript's DOM types everywhere). */
interface ImageDecoderConstructor {
  new (init: { data: BufferSource; type: string }): {
    decode(): Promise<{ image: CanvasImageSource & { close(): void } }>;
    close(): void;
  };
  isTypeSupported(type: string): Promise<boolean>;
}
