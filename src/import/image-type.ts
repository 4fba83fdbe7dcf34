// Images are recognised by their first bytes, not by file name or the browser's guess, so a
// mislabeled or truncated file is caught at import rather than when the labeler opens it.

import type { ImageType } from '../model/item.ts';

export type { ImageType };

export interface ImageSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function hasBytes(bytes: Uint8Array, at: number, expected: readonly number[]): boolean {
  return expected.every((b, k) => bytes[at + k] === b);
}

function hasAscii(bytes: Uint8Array, at: number, text: string): boolean {
  return hasBytes(
    bytes,
    at,
    [...text].map((c) => c.charCodeAt(0)),
  );
}

export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (hasBytes(bytes, 0, PNG_SIGNATURE)) return 'image/png';
  if (hasBytes(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (hasAscii(bytes, 0, 'GIF87a') || hasAscii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WEBP')) return 'image/webp';
  return undefined;
}

export type ImageExtension = 'png' | 'jpg' | 'webp' | 'gif';

const EXTENSIONS: Record<ImageType, ImageExtension> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export function imageExtension(type: ImageType): ImageExtension {
  return EXTENSIONS[type];
}

/**
 * Width and height read from the header, without decoding pixels (decoding a large photo
 * just to learn its size would be slow). Undefined when the header is cut short or corrupt.
 */
export function readImageSize(bytes: Uint8Array, type: ImageType): ImageSize | undefined {
  const size = readers[type](new Reader(bytes));
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}

/** Bounds-checked integer reads: past the end gives undefined instead of NaN or garbage. */
class Reader {
  constructor(readonly bytes: Uint8Array) {}

  has(at: number, count: number): boolean {
    return at >= 0 && at + count <= this.bytes.length;
  }

  u8(at: number): number | undefined {
    return this.bytes[at];
  }

  u16be(at: number): number | undefined {
    return this.has(at, 2) ? (this.bytes[at]! << 8) | this.bytes[at + 1]! : undefined;
  }

  u16le(at: number): number | undefined {
    return this.has(at, 2) ? this.bytes[at]! | (this.bytes[at + 1]! << 8) : undefined;
  }

  u24le(at: number): number | undefined {
    const low = this.u16le(at);
    const high = this.u8(at + 2);
    return low === undefined || high === undefined ? undefined : low + high * 0x10000;
  }

  u32be(at: number): number | undefined {
    const high = this.u16be(at);
    const low = this.u16be(at + 2);
    return high === undefined || low === undefined ? undefined : high * 0x10000 + low;
  }

  u32le(at: number): number | undefined {
    const low = this.u16le(at);
    const high = this.u16le(at + 2);
    return low === undefined || high === undefined ? undefined : high * 0x10000 + low;
  }
}

function sizeOf(width: number | undefined, height: number | undefined): ImageSize | undefined {
  return width === undefined || height === undefined ? undefined : { width, height };
}

const readers: Record<ImageType, (r: Reader) => ImageSize | undefined> = {
  'image/png': readPngSize,
  'image/gif': (r) => sizeOf(r.u16le(6), r.u16le(8)), // logical screen descriptor
  'image/webp': readWebpSize,
  'image/jpeg': readJpegSize,
};

/** The first chunk must be a 13-byte IHDR, which starts with width and height. */
function readPngSize(r: Reader): ImageSize | undefined {
  if (r.u32be(8) !== 13 || !hasAscii(r.bytes, 12, 'IHDR')) return undefined;
  return sizeOf(r.u32be(16), r.u32be(20));
}

/** The first chunk after the RIFF header says which of the three WebP flavours this is. */
function readWebpSize(r: Reader): ImageSize | undefined {
  const data = 20; // 'RIFF', size, 'WEBP', chunk FourCC, chunk size
  if (!r.has(12, 8)) return undefined;
  if (hasAscii(r.bytes, 12, 'VP8 ')) {
    // Lossy: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
    if (!hasBytes(r.bytes, data + 3, [0x9d, 0x01, 0x2a])) return undefined;
    const width = r.u16le(data + 6);
    const height = r.u16le(data + 8);
    if (width === undefined || height === undefined) return undefined;
    return { width: width & 0x3fff, height: height & 0x3fff }; // top 2 bits are scaling
  }
  if (hasAscii(r.bytes, 12, 'VP8L')) {
    // Lossless: signature 0x2F, then width-1 and height-1 packed as two 14-bit fields.
    const bits = r.u8(data) === 0x2f ? r.u32le(data + 1) : undefined;
    if (bits === undefined || bits >>> 29 !== 0) return undefined; // version must be 0
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (hasAscii(r.bytes, 12, 'VP8X')) {
    // Extended: flags and reserved bytes, then canvas width-1 and height-1 as 24-bit fields.
    const width = r.u24le(data + 4);
    const height = r.u24le(data + 7);
    if (width === undefined || height === undefined) return undefined;
    return { width: width + 1, height: height + 1 };
  }
  return undefined;
}

/**
 * Walks the marker segments up to the first start-of-frame (SOF0-SOF15), which holds the
 * size. C4 (DHT), C8 (JPG) and CC (DAC) share that range but are not frames.
 */
function readJpegSize(r: Reader): ImageSize | undefined {
  let at = 2; // after SOI
  while (r.has(at, 2)) {
    if (r.u8(at) !== 0xff) return undefined;
    const marker = r.u8(at + 1)!;
    if (marker === 0xff) {
      at++; // fill byte before a marker
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // TEM and RSTn stand alone, with no length
      continue;
    }
    // SOS starts entropy-coded data and EOI ends the image: no frame header came first.
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = r.u16be(at + 2);
    if (length === undefined || length < 2) return undefined;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    // Frame header: length, sample precision, then height before width.
    if (isFrame) return length < 8 ? undefined : sizeOf(r.u16be(at + 7), r.u16be(at + 5));
    at += 2 + length;
  }
  return undefined;
}

/**
 * Whether the image can have transparent pixels, from its header: a JPEG never; a PNG when its
 * colour type has alpha or a tRNS chunk (which comes before the first IDAT) gives some. Other
 * types, and a PNG whose chunks cannot be followed, may.
 */
export function mayBeTransparent(bytes: Uint8Array, type: ImageType): boolean {
  if (type === 'image/jpeg') return false;
  if (type !== 'image/png') return true;
  const r = new Reader(bytes);
  const colorType = r.u8(25);
  if (colorType === undefined || colorType === 4 || colorType === 6) return true;
  for (let at = 8; r.has(at, 8);) {
    const length = r.u32be(at)!;
    if (hasAscii(bytes, at + 4, 'tRNS')) return true;
    if (hasAscii(bytes, at + 4, 'IDAT')) return false;
    at += 12 + length; // length, type, data, CRC
  }
  return true;
}
