import { describe, it, expect } from 'vitest';
import { makePngFrom, makeRgbaPngFrom } from '../../factories/png.ts';
import {
  imageExtension,
  mayBeTransparent,
  readImageSize,
  sniffImageType,
  type ImageType,
} from '../../../src/import/image-type.ts';

// Minimal headers built by hand. Each fixture ends right after the last byte the size
// reader needs, so every shorter prefix must be reported as truncated.

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u16be = (n: number) => [n >> 8, n & 0xff];
const u16le = (n: number) => [n & 0xff, n >> 8];
const u24le = (n: number) => [n & 0xff, (n >> 8) & 0xff, n >> 16];
const u32be = (n: number) => [...u16be(n >>> 16), ...u16be(n & 0xffff)];
const u32le = (n: number) => [...u16le(n & 0xffff), ...u16le(n >>> 16)];
const bytes = (...parts: number[][]) => new Uint8Array(parts.flat());

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (width: number, height: number) =>
  bytes(PNG_SIGNATURE, u32be(13), ascii('IHDR'), u32be(width), u32be(height));

const gif = (width: number, height: number, version = 'GIF89a') =>
  bytes(ascii(version), u16le(width), u16le(height));

const riff = (fourcc: string, chunk: number[]) =>
  bytes(
    ascii('RIFF'),
    u32le(4 + 8 + chunk.length),
    ascii('WEBP'),
    ascii(fourcc),
    u32le(chunk.length),
    chunk,
  );

// Lossy: frame tag, start code, then 14-bit sizes whose top 2 bits are scaling.
const webpLossy = (width: number, height: number) =>
  riff('VP8 ', [
    0x50,
    0x01,
    0x00,
    0x9d,
    0x01,
    0x2a,
    ...u16le(width | 0xc000),
    ...u16le(height | 0x4000),
  ]);
// Lossless: signature, then width-1 and height-1 packed in 14 bits each.
const webpLossless = (width: number, height: number) =>
  riff('VP8L', [0x2f, ...u32le((width - 1) | ((height - 1) << 14))]);
// Extended: flags, 3 reserved bytes, then 24-bit width-1 and height-1.
const webpExtended = (width: number, height: number) =>
  riff('VP8X', [0x10, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)]);

const SOI = [0xff, 0xd8];
const APP0 = [
  0xff,
  0xe0,
  ...u16be(16),
  ...ascii('JFIF\0'),
  1,
  1,
  0,
  ...u16be(72),
  ...u16be(72),
  0,
  0,
];
const DHT = [0xff, 0xc4, ...u16be(5), 0x00, 0x01, 0x02]; // in the SOF range, but not a frame
const sof = (marker: number, width: number, height: number) => [
  0xff,
  marker,
  ...u16be(17),
  8, // precision
  ...u16be(height),
  ...u16be(width),
];
const jpeg = (width: number, height: number, marker = 0xc0) =>
  bytes(SOI, APP0, DHT, sof(marker, width, height));

describe('sniffImageType', () => {
  it.each<[string, Uint8Array, ImageType]>([
    ['PNG', png(1, 1), 'image/png'],
    ['JPEG', jpeg(1, 1), 'image/jpeg'],
    ['GIF87a', gif(1, 1, 'GIF87a'), 'image/gif'],
    ['GIF89a', gif(1, 1), 'image/gif'],
    ['lossy WebP', webpLossy(1, 1), 'image/webp'],
    ['lossless WebP', webpLossless(1, 1), 'image/webp'],
  ])('recognises %s by its first bytes', (_, file, type) => {
    expect(sniffImageType(file)).toBe(type);
  });

  it.each([
    ['nothing', bytes()],
    ['text', bytes(ascii('hello world'))],
    ['a BMP', bytes(ascii('BM'), [0, 0, 0, 0])],
    ['a WAV (RIFF but not WebP)', bytes(ascii('RIFF'), [0, 0, 0, 0], ascii('WAVE'))],
    ['a GIF with an unknown version', bytes(ascii('GIF90a'))],
    ['a cut-off PNG signature', bytes(PNG_SIGNATURE.slice(0, 7))],
    ['two bytes of JPEG', bytes(SOI)],
  ])('recognises nothing in %s', (_, file) => {
    expect(sniffImageType(file)).toBeUndefined();
  });
});

describe('imageExtension', () => {
  it('gives the usual extension', () => {
    expect(imageExtension('image/png')).toBe('png');
    expect(imageExtension('image/jpeg')).toBe('jpg');
    expect(imageExtension('image/webp')).toBe('webp');
    expect(imageExtension('image/gif')).toBe('gif');
  });
});

describe('readImageSize', () => {
  const fixtures: [string, Uint8Array, ImageType, number, number][] = [
    ['a 1x1 PNG', png(1, 1), 'image/png', 1, 1],
    ['a large PNG', png(100_000, 70_000), 'image/png', 100_000, 70_000],
    ['a GIF', gif(640, 480), 'image/gif', 640, 480],
    ['a JPEG (SOF0 after APP0 and DHT)', jpeg(4032, 3024), 'image/jpeg', 4032, 3024],
    ['a progressive JPEG (SOF2)', jpeg(300, 200, 0xc2), 'image/jpeg', 300, 200],
    ['a lossy WebP', webpLossy(1920, 1080), 'image/webp', 1920, 1080],
    ['a lossless WebP', webpLossless(16383, 1), 'image/webp', 16383, 1],
    ['an extended WebP', webpExtended(70_000, 3), 'image/webp', 70_000, 3],
  ];

  it.each(fixtures)('reads the size of %s', (_, file, type, width, height) => {
    expect(readImageSize(file, type)).toEqual({ width, height });
  });

  it.each(fixtures)('reports %s cut short as unreadable', (_, file, type) => {
    for (let length = 0; length < file.length; length++) {
      expect(readImageSize(file.subarray(0, length), type), `${length} bytes`).toBeUndefined();
    }
  });

  it('ignores what follows the header', () => {
    const file = bytes([...png(3, 2)], [0xde, 0xad, 0xbe, 0xef]);
    expect(readImageSize(file, 'image/png')).toEqual({ width: 3, height: 2 });
  });

  it('steps over fill bytes and restart markers between JPEG segments', () => {
    const file = bytes(SOI, [0xff, 0xff, 0xff], APP0, [0xff, 0xd0], sof(0xc1, 5, 6));
    expect(readImageSize(file, 'image/jpeg')).toEqual({ width: 5, height: 6 });
  });

  it('does not take DHT, JPG or DAC segments for frames', () => {
    for (const marker of [0xc4, 0xc8, 0xcc]) {
      const file = bytes(SOI, [0xff, marker, ...u16be(6), 0, 9, 0, 9]);
      expect(readImageSize(file, 'image/jpeg')).toBeUndefined();
    }
  });

  it('gives up on a JPEG whose scan starts before any frame header', () => {
    const file = bytes(SOI, APP0, [0xff, 0xda, ...u16be(8)], sof(0xc0, 5, 6));
    expect(readImageSize(file, 'image/jpeg')).toBeUndefined();
  });

  it.each([
    ['a JPEG segment without a marker', bytes(SOI, [0x00, 0xe0]), 'image/jpeg'],
    [
      'a JPEG segment length below 2',
      bytes(SOI, [0xff, 0xe0, 0, 1], sof(0xc0, 5, 6)),
      'image/jpeg',
    ],
    [
      'a PNG starting with another chunk',
      bytes(PNG_SIGNATURE, u32be(13), ascii('IDAT'), u32be(1), u32be(1)),
      'image/png',
    ],
    ['a PNG of zero width', png(0, 5), 'image/png'],
    ['a GIF of zero height', gif(5, 0), 'image/gif'],
    [
      'a lossy WebP without its start code',
      riff('VP8 ', [0, 0, 0, 0, 0, 0, 1, 0, 1, 0]),
      'image/webp',
    ],
    ['a lossless WebP without its signature', riff('VP8L', [0x2e, 0, 0, 0, 0]), 'image/webp'],
    ['a lossless WebP of an unknown version', riff('VP8L', [0x2f, 0, 0, 0, 0x20]), 'image/webp'],
    ['a WebP with an unknown chunk', riff('VP9 ', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 'image/webp'],
  ] as [string, Uint8Array, ImageType][])('reports %s as unreadable', (_, file, type) => {
    expect(readImageSize(file, type)).toBeUndefined();
  });
});

describe('mayBeTransparent', () => {
  const rgb = new Uint8Array(makePngFrom(4, 3, () => [10, 20, 30]));
  const rgba = new Uint8Array(makeRgbaPngFrom(4, 3, () => [10, 20, 30, 255]));
  // An RGB PNG with a tRNS chunk (one transparent colour) right after IHDR.
  const withTrns = new Uint8Array([
    ...rgb.subarray(0, 33),
    ...u32be(6),
    ...ascii('tRNS'),
    0,
    10,
    0,
    20,
    0,
    30,
    ...u32be(0),
    ...rgb.subarray(33),
  ]);

  it('knows a JPEG and an RGB PNG without tRNS are opaque', () => {
    expect(mayBeTransparent(new Uint8Array([0xff, 0xd8, 0xff]), 'image/jpeg')).toBe(false);
    expect(mayBeTransparent(rgb, 'image/png')).toBe(false);
  });

  it('takes an alpha channel or a tRNS chunk as possibly transparent', () => {
    expect(mayBeTransparent(rgba, 'image/png')).toBe(true);
    expect(mayBeTransparent(withTrns, 'image/png')).toBe(true);
  });

  it('assumes transparency where the header cannot tell', () => {
    expect(mayBeTransparent(rgb.subarray(0, 40), 'image/png')).toBe(true); // cut before IDAT
    expect(mayBeTransparent(gif(4, 3), 'image/gif')).toBe(true);
  });
});
