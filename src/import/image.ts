import type { NewItem } from '../storage/repository.ts';
import type { MediaRecord, PreviewRecord } from '../storage/db.ts';
import type { ImageType } from '../model/item.ts';
import { newId } from '../model/ids.ts';
import { ImportRejected } from './rejection.ts';
import { readImageSize, sniffImageType, type ImageSize } from './image-type.ts';
import { checkImagePixels } from './limits.ts';
import { sha256Hex } from './hash.ts';

/**
 * Decodes an image fully, proving it is not corrupt; returns its size in pixels, and for a
 * big image the preview it opens with (see src/image/preview.ts) still to be made.
 */
export type ImageDecoder = (
  bytes: Uint8Array,
  type: ImageType,
) => Promise<{ width: number; height: number; preview?: PendingPreview }>;

/**
 * A big image's preview, made when the caller is ready for it: the importer makes one image's
 * preview while the next is read and decoded. The decoded picture is held until `make` or
 * `discard`, which each release it.
 */
export interface PendingPreview {
  make(): Promise<Omit<PreviewRecord, 'sha256'> | undefined>;
  discard(): void;
}

/**
 * Reads one image file: recognised by its bytes, refused when its header says it has too many
 * pixels, skipped when its SHA-256 is already in the project (before the costly decode), and
 * fully decoded otherwise.
 */
export async function readImage(
  name: string,
  buffer: ArrayBuffer,
  seen: Set<string>,
  decode: ImageDecoder,
  /** Awaited before decoding, with the size the header gives (undefined: it could not tell). */
  beforeDecode?: (header: ImageSize | undefined) => Promise<void>,
): Promise<{ item: NewItem; media: MediaRecord; preview?: PendingPreview } | 'duplicate'> {
  const bytes = new Uint8Array(buffer);
  const type = sniffImageType(bytes);
  if (!type) throw new ImportRejected(name, 'is not a PNG, JPEG, WebP or GIF image');
  // Too many pixels is known from the header: say so, rather than "corrupt" after a decode
  // that could take the tab's memory. A header this reader cannot follow is left to decoding.
  const header = readImageSize(bytes, type);
  if (header) checkImagePixels(name, header.width, header.height);
  const sha256 = await sha256Hex(bytes);
  if (seen.has(sha256)) return 'duplicate';
  await beforeDecode?.(header);
  const { preview, ...size } = await decode(bytes, type).catch(() => {
    throw new ImportRejected(name, 'could not be decoded: the image is corrupt or truncated');
  });
  try {
    checkImagePixels(name, size.width, size.height);
  } catch (error) {
    preview?.discard();
    throw error;
  }
  const item: NewItem = {
    id: newId(),
    kind: 'image',
    name,
    sha256,
    mediaType: type,
    ...size,
    byteLength: bytes.byteLength,
    status: 'todo',
    note: '',
  };
  const media = { sha256, type, bytes: buffer };
  return preview ? { item, media, preview } : { item, media };
}
