import type { Repository } from '../storage/repository.ts';
import type { ImageItem } from '../model/item.ts';
import { previewSize } from '../image/preview.ts';
import { decodeBitmap } from '../platform/decode-image.ts';
import { makePreview } from '../platform/preview-image.ts';

/**
 * The pixels of an open image item. A big image shows its stored preview first (a few hundred
 * kB, decoded in tens of ms) and reads its original (tens of MB, seconds) only after that has
 * been painted, so the two never compete for the first frame.
 */
export interface PictureSource {
  /** The stored preview, decoded; undefined when the image has none. */
  preview: Promise<ImageBitmap | undefined>;
  /** The original pixels; undefined when its bytes are missing. Rejects when they cannot be decoded. */
  full: Promise<ImageBitmap | undefined>;
  /** Frees both bitmaps (and skips reading the original if it has not started). */
  close(): void;
}

/** Resolves after the next frame has been painted. */
const afterPaint = () =>
  new Promise<void>((resolve) =>
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => setTimeout(resolve, 0))
      : setTimeout(resolve, 0),
  );

const closeWhenDone = (bitmap: Promise<ImageBitmap | undefined>) =>
  void bitmap.then(
    (b) => b?.close(),
    () => undefined,
  );

export function openPicture(repository: Repository, item: ImageItem): PictureSource {
  let closed = false;
  const stored = repository.preview(item.sha256).catch(() => undefined);
  const preview = stored
    .then((p) => p && decodeBitmap(new Uint8Array(p.bytes), p.type))
    .catch(() => undefined);
  const full = preview.then(async (shown) => {
    if (shown) await afterPaint();
    if (closed) return undefined;
    const bytes = await repository.mediaBytes(item.sha256);
    return bytes && decodeBitmap(bytes, item.mediaType);
  });
  // An image stored before previews existed gets one for its next open.
  void Promise.all([stored, full])
    .then(async ([had, bitmap]) => {
      if (had || !bitmap || closed || !previewSize(item)) return;
      const made = await makePreview(bitmap, item.mediaType);
      if (made) await repository.keepPreview({ ...made, sha256: item.sha256 });
    })
    // Not decodable, closed under it, or the disk is full: the next open tries again.
    .catch(() => undefined);
  return {
    preview,
    full,
    close() {
      closed = true;
      closeWhenDone(preview);
      closeWhenDone(full);
    },
  };
}
