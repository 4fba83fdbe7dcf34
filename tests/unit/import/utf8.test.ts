import { describe, it, expect } from 'vitest';
import { decodeUtf8 } from '../../../src/import/utf8.ts';
import { firstInvalidUtf8, firstLoneSurrogate } from '../../../src/text/utf8.ts';

const encode = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...encode(p)] : p)));
const BOM = [0xef, 0xbb, 0xbf];

const TRICKY = [
  'family 👩‍👩‍👧‍👦 and flag 🏳️‍🌈',
  '漢字かな交じり文 and 한국어',
  'שלום עולם and مرحبا بالعالم with digits 123',
  'line one\r\nline two\r\n',
  'tab\there\nbare LF\nlone CR\rend',
  'e\u0301 (decomposed é) next to \u00e9 (composed)',
  '\u200b zero width \ufeff mid-text BOM',
];

describe('decodeUtf8', () => {
  it.each(TRICKY)('returns text byte-identical to the file: %s', (text) => {
    const decoded = decodeUtf8('a.txt', encode(text));
    expect(decoded).toBe(text);
    expect(decoded.length).toBe(text.length); // no normalization, no line-ending changes
    expect(encode(decoded)).toEqual(encode(text));
  });

  it('drops one leading BOM and nothing else', () => {
    expect(decodeUtf8('a.txt', concat(BOM, 'hi'))).toBe('hi');
    expect(decodeUtf8('a.txt', concat(BOM, BOM, 'hi'))).toBe('\ufeffhi');
  });

  it('rejects an empty file, or one holding only a BOM', () => {
    const empty = expect.objectContaining({
      message: 'a.txt: is empty',
      line: undefined,
    }) as Error;
    expect(() => decodeUtf8('a.txt', new Uint8Array())).toThrow(empty);
    expect(() => decodeUtf8('a.txt', new Uint8Array(BOM))).toThrow(empty);
  });

  const invalid: [string, Uint8Array, number, number][] = [
    ['C3 not followed by a continuation', concat('ab\n', [0xc3, 0x28]), 3, 2],
    ['an encoded surrogate (ED A0 80)', concat([0xed, 0xa0, 0x80]), 0, 1],
    ['an overlong slash (C0 AF)', concat('x\r\ny\n', [0xc0, 0xaf]), 5, 3],
    ['an overlong 3-byte form (E0 80 80)', concat('a', [0xe0, 0x80, 0x80]), 1, 1],
    ['an overlong 4-byte form (F0 80 80 80)', concat([0xf0, 0x80, 0x80, 0x80]), 0, 1],
    ['a code point above U+10FFFF (F4 90 80 80)', concat('\n\n', [0xf4, 0x90, 0x80, 0x80]), 2, 3],
    ['a byte that never starts UTF-8 (F5)', concat('ok', [0xf5, 0x80]), 2, 1],
    ['a stray continuation byte', concat('é', [0x80]), 2, 1],
    ['a 3-byte sequence cut off at the end', concat('ok\n', [0xe2, 0x82]), 3, 2],
    ['an emoji cut off at the end', concat('😀', [0xf0, 0x9f, 0x98]), 4, 1],
    ['Latin-1 after multi-byte text', concat('😀é', [0xe9]), 6, 1],
    ['a bad byte after lone CRs', concat('a\rb\r', [0xff]), 4, 3],
    ['a bad byte after a BOM (offsets count the BOM)', concat(BOM, 'a', [0xff]), 4, 1],
  ];

  it.each(invalid)('rejects %s with its offset and line', (_, bytes, offset, line) => {
    expect(() => decodeUtf8('a.txt', bytes)).toThrow(
      expect.objectContaining({
        file: 'a.txt',
        line,
        reason: `is not valid UTF-8 text (first bad byte at offset ${offset})`,
        message: `a.txt, line ${line}: is not valid UTF-8 text (first bad byte at offset ${offset})`,
      }),
    );
  });
});

describe('firstInvalidUtf8', () => {
  it('finds nothing wrong in valid text', () => {
    for (const text of TRICKY) expect(firstInvalidUtf8(encode(text))).toBe(-1);
    expect(firstInvalidUtf8(concat([0xf4, 0x8f, 0xbf, 0xbf]))).toBe(-1); // U+10FFFF
    expect(firstInvalidUtf8(concat([0xee, 0x80, 0x80]))).toBe(-1); // U+E000, just past surrogates
  });

  it('agrees with TextDecoder on random bytes', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Bias toward high bytes so multi-byte sequences, valid and not, are common.
    const pool = [0x41, 0x0a, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef];
    pool.push(0xf0, 0xf4, 0xf5, 0xff);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let round = 0; round < 2000; round++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
        random() < 0.5 ? pool[Math.floor(random() * pool.length)]! : Math.floor(random() * 256),
      );
      const offset = firstInvalidUtf8(bytes);
      let valid = true;
      try {
        decoder.decode(bytes);
      } catch {
        valid = false;
      }
      expect(offset === -1, `bytes ${[...bytes].join(' ')}`).toBe(valid);
      // Everything before the reported offset must itself be valid.
      if (offset !== -1) expect(() => decoder.decode(bytes.subarray(0, offset))).not.toThrow();
    }
  });
});

describe('firstLoneSurrogate', () => {
  it('accepts well-formed text, including astral characters', () => {
    expect(firstLoneSurrogate('')).toBe(-1);
    expect(firstLoneSurrogate('plain')).toBe(-1);
    expect(firstLoneSurrogate('😀 👩‍👩‍👧‍👦 𝕏')).toBe(-1);
  });

  it('finds an unpaired high or low surrogate', () => {
    expect(firstLoneSurrogate('a\ud800b')).toBe(1);
    expect(firstLoneSurrogate('\udc00')).toBe(0);
    expect(firstLoneSurrogate('😀\ud83d')).toBe(2); // high surrogate at the very end
    expect(firstLoneSurrogate('\ude00\ud83d')).toBe(0); // a pair in the wrong order
    expect(firstLoneSurrogate('😀😀\ud83d\ud83d\ude00')).toBe(4);
  });
});
