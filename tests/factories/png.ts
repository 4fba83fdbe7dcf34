import { deflateSync } from 'node:zlib';

// Real PNG files for tests and benchmarks, drawn by seeded code (no checked-in media).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * An RGB PNG of `width`×`height` with a gradient and a seeded tint, so each seed is unique.
 * `level` is the zlib level: 1 makes big benchmark images quickly.
 */
export function makePng(width: number, height: number, seed = 0, level = 6): Buffer {
  const row = 1 + width * 3;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * row + 1 + x * 3;
      pixels[at] = (x * 255) / width;
      pixels[at + 1] = (y * 255) / height;
      pixels[at + 2] = (seed * 37) & 0xff;
    }
  }
  // The seed's bytes in the first pixels make every seed a different file.
  pixels.writeUInt32BE(seed >>> 0, 1);
  return encode(width, height, pixels, level);
}

/** An RGB PNG whose pixel at (x, y) is `pixel(x, y)` as [r, g, b], 0–255. */
export function makePngFrom(
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly [number, number, number],
  level = 6,
): Buffer {
  const row = 1 + width * 3;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) pixels.set(pixel(x, y), y * row + 1 + x * 3);
  return encode(width, height, pixels, level);
}

/** An RGBA PNG whose pixel at (x, y) is `pixel(x, y)` as [r, g, b, alpha], 0–255. */
export function makeRgbaPngFrom(
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly [number, number, number, number],
  level = 6,
): Buffer {
  const row = 1 + width * 4;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) pixels.set(pixel(x, y), y * row + 1 + x * 4);
  return encode(width, height, pixels, level, 6);
}

/** Rows of RGB (or with colour type 6, RGBA) pixels, each after a filter byte (0: none), as a PNG file. */
function encode(width: number, height: number, pixels: Buffer, level: number, colour = 2): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colour, 0, 0, 0], 8); // 8-bit RGB or RGBA, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** A PNG whose header is fine but whose pixel data is cut off: it cannot be decoded. */
export function makeTruncatedPng(width: number, height: number): Buffer {
  const whole = makePng(width, height, 7);
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/**
 * A PNG that declares `width`×`height` in a proper IHDR and carries no pixels: what a hostile
 * or mislabeled file looks like to a reader that checks the header before decoding.
 */
export function makePngHeaderOnly(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IEND', new Uint8Array())]);
}
