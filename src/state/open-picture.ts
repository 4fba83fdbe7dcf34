import type { Repository } from '../storage/repository.ts';
import type { ImageItem } from '../model/item.ts';
import { previewSize } from '../image/preview.ts';
import { decodeBitmap } from '../platform/decode-image.ts';
import { makePreview } from '../platform/preview-image.ts';

/**
 * The pixels of an open image item. A big image shows its stored preview first (a few hundred
 * kB, decoded in tens of ms) and reads its original (tens of MB, seconds) only once that has
 * been painted: IndexedDB serves one read after another, so an early read of the original
 * would hold back the item's annotations and with them the first frame.
 */
export interface PictureSource {
  /** The stored preview, decoded; undefined when the image has none. */
  preview: Promise<ImageBitmap | undefined>;
  /**
   * The original pixels, read once `readOriginal` is called (at once for an image without a
   * preview); undefined when its bytes are missing. Rejects when they cannot be decoded.
   */
  full: Promise<ImageBitmap | undefined>;
  /** The preview is on screen: read the original now. */
  readOriginal(): void;
  /** Frees both bitmaps (and skips reading the original if it has not started). */
  close(): void;
}

const closeWhenDone = (bitmap: Promise<ImageBitmap | undefined>) =>
  void bitmap.then(
    (b) => b?.close(),
    () => undefined,
  );

export function openPicture(repository: Repository, item: ImageItem): PictureSource {
  let closed = false;
  let readOriginal = () => {};
  const asked = new Promise<void>((resolve) => (readOriginal = resolve));
  const stored = repository.preview(item.sha256).catch(() => undefined);
  const preview = stored
    .then((p) => p && decodeBitmap(new Uint8Array(p.bytes), p.type))
    .catch(() => undefined);
  const full = preview.then(async (shown) => {
    if (shown) await asked;
    if (closed) return undefined;
    const bytes = await repository.mediaBytes(item.sha256);
    return bytes && decodeBitmap(bytes, item.mediaType);
  });
  // An image stored before previews existed gets one for its next open.
  void Promise.all([stored, full])
    .then(async ([had, bitmap]) => {
      if (had || !bitmap || closed || !previewSize(item)) return;
      // Without the header at hand, any but a JPEG is scanned for transparency.
      const made = await makePreview(bitmap, item.mediaType !== 'image/jpeg');
      if (made) await repository.keepPreview({ ...made, sha256: item.sha256 });
    })
    // Not decodable, closed under it, or the disk is full: the next open tries again.
    .catch(() => undefined);
  return {
    preview,
    full,
    readOriginal,
    close() {
      closed = true;
      closeWhenDone(preview);
      closeWhenDone(full);
    },
  };
}
