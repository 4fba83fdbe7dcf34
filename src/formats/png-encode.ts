import { crc32 } from '../bundle/crc32.ts';

// A greyscale PNG writer for index masks, synchronous and dependency-free so the exports stay
// pure. Index masks are large flat areas, so each row is filtered "Up" (a row equal to the one
// above becomes zeros) and compressed as deflate runs (fixed Huffman codes, repeats at
// distance 1): a 12-MP mask of a few regions is under 100 kB, not 12 MB stored.

class BitWriter {
  private out = new Uint8Array(1 << 16);
  private length = 0;
  private bits = 0;
  private count = 0;

  /** Writes `n` bits of `value`, least significant first (deflate's order for data). */
  write(value: number, n: number): void {
    this.bits |= value << this.count;
    this.count += n;
    while (this.count >= 8) {
      this.byte(this.bits & 0xff);
      this.bits >>>= 8;
      this.count -= 8;
    }
  }

  /** Writes a Huffman code, most significant bit first. */
  code(value: number, n: number): void {
    let reversed = 0;
    for (let i = 0; i < n; i++) reversed |= ((value >> i) & 1) << (n - 1 - i);
    this.write(reversed, n);
  }

  private byte(b: number): void {
    if (this.length === this.out.length) {
      const bigger = new Uint8Array(this.out.length * 2);
      bigger.set(this.out);
      this.out = bigger;
    }
    this.out[this.length++] = b;
  }

  finish(): Uint8Array {
    if (this.count > 0) this.byte(this.bits & 0xff);
    this.bits = 0;
    this.count = 0;
    return this.out.slice(0, this.length);
  }
}

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
const LENGTH_EXTRA = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];

/** The fixed Huffman code of each literal/length symbol (RFC 1951, 3.2.6), bits reversed. */
const FIXED: { bits: number; length: number }[] = Array.from({ length: 288 }, (_, s) => {
  const [code, length] =
    s < 144
      ? [0x30 + s, 8]
      : s < 256
        ? [0x190 + s - 144, 9]
        : s < 280
          ? [s - 256, 7]
          : [0xc0 + s - 280, 8];
  let bits = 0;
  for (let i = 0; i < length; i++) bits |= ((code >> i) & 1) << (length - 1 - i);
  return { bits, length };
});

/** A literal/length symbol (0–285). */
function symbol(w: BitWriter, s: number): void {
  const c = FIXED[s]!;
  w.write(c.bits, c.length);
}

/** A repeat of the previous byte, `length` 3–258 times (distance 1). */
function repeat(w: BitWriter, length: number): void {
  let i = LENGTH_BASE.length - 1;
  while (LENGTH_BASE[i]! > length) i--;
  symbol(w, 257 + i);
  if (LENGTH_EXTRA[i]! > 0) w.write(length - LENGTH_BASE[i]!, LENGTH_EXTRA[i]!);
  w.code(0, 5); // distance code 0: distance 1, no extra bits
}

/** zlib stream (RFC 1950) of `data`: one fixed-Huffman block of literals and runs. */
export function zlibRuns(data: Uint8Array): Uint8Array {
  const w = new BitWriter();
  w.write(0x78, 8);
  w.write(0x01, 8);
  w.write(1, 1); // last block
  w.write(1, 2); // fixed Huffman codes
  let i = 0;
  while (i < data.length) {
    const b = data[i]!;
    let run = 1;
    while (i + run < data.length && data[i + run] === b) run++;
    symbol(w, b);
    let rest = run - 1;
    while (rest >= 3) {
      let n = Math.min(rest, 258);
      // Never leave 1 or 2 behind after a full 258: they would need literals anyway.
      if (rest - n > 0 && rest - n < 3) n = rest - 3;
      repeat(w, n);
      rest -= n;
    }
    for (; rest > 0; rest--) symbol(w, b);
    i += run;
  }
  symbol(w, 256);
  const body = w.finish();
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  new DataView(out.buffer).setUint32(body.length, adler32(data));
  return out;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length;) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A greyscale PNG of `width` × `height` holding `values` row by row: 8 bits per pixel when
 * every value fits in a byte, else 16 (big-endian, as PNG stores them).
 */
export function greyPng(values: Uint16Array, width: number, height: number): Uint8Array {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  const depth = max > 255 ? 2 : 1;
  const stride = 1 + width * depth;
  const rows = new Uint8Array(stride * height);
  // Up: each byte minus the same byte of the row above (a Uint8Array stores it mod 256).
  for (let y = 0; y < height; y++) {
    const at = y * stride + 1;
    const row = y * width;
    const above = y === 0 ? -1 : row - width;
    rows[at - 1] = y === 0 ? 0 : 2; // filter: none for the first row, Up for the others
    if (depth === 1) {
      if (above < 0) for (let x = 0; x < width; x++) rows[at + x] = values[row + x]!;
      else for (let x = 0; x < width; x++) rows[at + x] = values[row + x]! - values[above + x]!;
    } else {
      for (let x = 0; x < width; x++) {
        const v = values[row + x]!;
        const u = above < 0 ? 0 : values[above + x]!;
        rows[at + 2 * x] = (v >> 8) - (u >> 8);
        rows[at + 2 * x + 1] = (v & 0xff) - (u & 0xff);
      }
    }
  }
  const header = new Uint8Array(13);
  const h = new DataView(header.buffer);
  h.setUint32(0, width);
  h.setUint32(4, height);
  header[8] = depth * 8; // bit depth
  header[9] = 0; // colour type: greyscale
  const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const parts = [
    signature,
    chunk('IHDR', header),
    chunk('IDAT', zlibRuns(rows)),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
