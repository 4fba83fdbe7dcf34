import { describe, expect, it } from 'vitest';
import {
  CodePointIndex,
  graphemeBoundaries,
  isValidSpan,
  snapToGraphemes,
  snapToWords,
  spanText,
  wordEndAt,
} from '../../../src/model/offsets.ts';
import { offsetCases } from './offset-cases.ts';

/** Largest boundary <= at, smallest boundary >= at. */
const floorIn = (bounds: number[], at: number) => bounds.findLast((b) => b <= at)!;
const ceilIn = (bounds: number[], at: number) => bounds.find((b) => b >= at)!;

describe.each(offsetCases)('$name', (c) => {
  const index = new CodePointIndex(c.text);

  it('counts code points and UTF-16 units as Python does', () => {
    expect(index.length).toBe(c.codePoints);
    expect(c.text.length).toBe(c.utf16Length);
  });

  it('converts at every offset, flooring inside a surrogate pair', () => {
    expect(c.utf16At.map((_, cp) => index.toUtf16(cp))).toEqual(c.utf16At);
    expect(c.codePointAt.map((_, u) => index.toCodePoint(u))).toEqual(c.codePointAt);
  });

  it("slices like Python's text[s:e]", () => {
    for (const [start, end, expected] of c.slices) {
      expect(index.slice(start, end)).toBe(expected);
      expect(spanText(index, start, end)).toBe(expected);
      expect(isValidSpan(index, start, end)).toBe(true);
    }
  });

  it('finds the grapheme clusters', () => {
    expect(graphemeBoundaries(c.text)).toEqual(c.graphemes);
  });

  it('snaps every selection to the nearest enclosing cluster boundaries', () => {
    for (let start = 0; start <= c.utf16Length; start++) {
      for (let end = start + 1; end <= c.utf16Length; end++) {
        const expected = { start: floorIn(c.graphemes, start), end: ceilIn(c.graphemes, end) };
        expect(snapToGraphemes(c.text, start, end), `${start}..${end}`).toEqual(expected);
      }
    }
  });
});

describe('CodePointIndex edges', () => {
  const index = new CodePointIndex('a👍é漢');

  it('clamps out-of-range and non-integer offsets', () => {
    expect([-3, 0.5, 2.9, 99, Infinity, NaN].map((u) => index.toCodePoint(u))).toEqual([
      0, 0, 1, 4, 4, 0,
    ]);
    expect([-3, 1.5, 99, Infinity, NaN].map((cp) => index.toUtf16(cp))).toEqual([0, 1, 5, 5, 0]);
  });

  it('slices empty for reversed or empty ranges and clamps past the end', () => {
    expect(index.slice(3, 1)).toBe('');
    expect(index.slice(2, 2)).toBe('');
    expect(index.slice(2, 99)).toBe('é漢');
    expect(index.slice(-5, 1)).toBe('a');
  });

  it('accepts only non-empty integer spans inside the text', () => {
    expect(isValidSpan(index, 0, 4)).toBe(true);
    for (const [start, end] of [
      [0, 0],
      [2, 1],
      [-1, 2],
      [0, 5],
      [0.5, 2],
      [0, NaN],
      [0, Infinity],
    ] as const) {
      expect(isValidSpan(index, start, end), `${start}..${end}`).toBe(false);
    }
  });
});

describe('snapToGraphemes', () => {
  const snapped = (text: string, start: number, end: number) => {
    const r = snapToGraphemes(text, start, end);
    return text.slice(r.start, r.end);
  };

  it('widens a cut through a flag pair, ZWJ sequence, mark or CRLF to the whole cluster', () => {
    expect(snapped('🇨🇭🇯🇵', 0, 2)).toBe('🇨🇭');
    expect(snapped('🇨🇭🇯🇵', 2, 6)).toBe('🇨🇭🇯🇵');
    expect(snapped('x👨‍👩‍👧‍👦y', 1, 3)).toBe('👨‍👩‍👧‍👦');
    expect(snapped('x👩🏽‍💻y', 4, 9)).toBe('👩🏽‍💻y');
    expect(snapped('Cafe\u0301', 3, 4)).toBe('e\u0301');
    expect(snapped('a\r\nb', 1, 2)).toBe('\r\n');
  });

  it('keeps empty selections empty, moved back to a boundary', () => {
    expect(snapToGraphemes('Cafe\u0301', 4, 4)).toEqual({ start: 3, end: 3 });
    expect(snapToGraphemes('abc', 3, 3)).toEqual({ start: 3, end: 3 });
    expect(snapToGraphemes('', 0, 0)).toEqual({ start: 0, end: 0 });
  });

  it('orders backwards selections and clamps to the text', () => {
    expect(snapToGraphemes('🇨🇭🇯🇵', 6, 2)).toEqual({ start: 0, end: 8 });
    expect(snapToGraphemes('abc', -4, 99)).toEqual({ start: 0, end: 3 });
  });

  it('feeds code point offsets that Python slices the same way', () => {
    // Python: t = '🇨🇭🇯🇵 ok'; t[0:2] == '🇨🇭'
    const text = '🇨🇭🇯🇵 ok';
    const index = new CodePointIndex(text);
    const { start, end } = snapToGraphemes(text, 1, 2);
    expect([index.toCodePoint(start), index.toCodePoint(end)]).toEqual([0, 2]);
    expect(index.slice(0, 2)).toBe('🇨🇭');
  });
});

describe('snapToWords', () => {
  const text = 'Ada Lovelace met Grace';
  const words = (t: string, start: number, end: number) => {
    const r = snapToWords(t, start, end);
    return t.slice(r.start, r.end);
  };
  const at = (t: string, part: string) => [t.indexOf(part), t.indexOf(part) + part.length] as const;

  it('widens a part of a word to the word', () => {
    expect(words(text, ...at(text, 'ovel'))).toBe('Lovelace');
    expect(words(text, ...at(text, 'ace met Gr'))).toBe('Lovelace met Grace');
  });

  it('trims whitespace around the words', () => {
    expect(words(text, ...at(text, ' met '))).toBe('met');
    const spaced = 'Ada  met \t\r\nGrace';
    expect(words(spaced, ...at(spaced, '  met \t\r\n'))).toBe('met');
  });

  it('keeps selected punctuation that is not whitespace', () => {
    const t = 'Hello, world!';
    expect(words(t, ...at(t, 'llo, wo'))).toBe('Hello, world');
    expect(words(t, ...at(t, 'ld!'))).toBe('world!');
  });

  it('falls back to grapheme snapping when no word is selected', () => {
    const t = 'ok  🇨🇭 !';
    expect(words(t, 3, 4)).toBe(' ');
    expect(words(t, 5, 6)).toBe('🇨🇭');
    expect(snapToWords(t, 1, 1)).toEqual({ start: 1, end: 1 });
  });

  it('does not split clusters in words or symbols', () => {
    const t = 'Cafe\u0301 👨‍👩‍👧‍👦 au lait';
    expect(words(t, 1, 3)).toBe('Cafe\u0301');
    expect(words(t, 2, 8)).toBe('Cafe\u0301 👨‍👩‍👧‍👦');
  });

  it('orders backwards selections', () => {
    const [start, end] = at(text, 'ovel');
    expect(snapToWords(text, end, start)).toEqual(snapToWords(text, start, end));
  });

  it('gives the code point offsets Python would', () => {
    // Python: t = '👩🏽‍💻 Ada Lovelace met Grace'; t.index('Lovelace') == 9; t[9:17] == 'Lovelace'
    const t = '👩🏽‍💻 Ada Lovelace met Grace';
    const index = new CodePointIndex(t);
    const { start, end } = snapToWords(t, ...at(t, 'ovel'));
    const span = { start: index.toCodePoint(start), end: index.toCodePoint(end) };
    expect(span).toEqual({ start: 9, end: 17 });
    expect(index.slice(span.start, span.end)).toBe('Lovelace');
  });
});

describe('random texts from tricky pieces', () => {
  const pieces = [
    'a',
    'Z',
    ' ',
    '  ',
    '\t',
    '\r\n',
    '\n',
    ',',
    'é',
    'e\u0301',
    ' \u0301',
    '漢',
    '𠮷',
    '👍',
    '👍🏽',
    '👨‍👩‍👧‍👦',
    '🇨🇭',
    '🇯',
    '\u200D',
    '\uFE0F',
    'ש\u05B8',
    'م\u064E',
    '\u1112\u1161\u11AB',
    'क्ष',
    '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
    'Lovelace',
    "don't",
    // Lone surrogates never pass import, but nothing may crash on them.
    '\uD83D',
    '\uDE00',
  ];

  /** mulberry32: small, seeded, so a failure reproduces. */
  function prng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const random = prng(20261123);
  const int = (n: number) => Math.floor(random() * n);
  const texts = Array.from({ length: 300 }, () =>
    Array.from({ length: int(14) }, () => pieces[int(pieces.length)]).join(''),
  );

  it('round-trips offsets and slices like [...text]', () => {
    for (const text of texts) {
      const points = [...text];
      const index = new CodePointIndex(text);
      expect(index.length).toBe(points.length);
      let utf16 = 0;
      for (let cp = 0; cp <= points.length; cp++) {
        expect(index.toUtf16(cp)).toBe(utf16);
        expect(index.toCodePoint(utf16)).toBe(cp);
        expect(index.toUtf16(index.toCodePoint(utf16))).toBe(utf16);
        // Inside a pair: floor to the pair's start.
        if (points[cp]?.length === 2) expect(index.toCodePoint(utf16 + 1)).toBe(cp);
        utf16 += points[cp]?.length ?? 0;
      }
      for (let k = 0; k < 8; k++) {
        const s = int(points.length + 1);
        const e = s + int(points.length + 1 - s);
        expect(index.slice(s, e)).toBe(points.slice(s, e).join(''));
      }
    }
  });

  it('snaps to grapheme boundaries without losing the selection', () => {
    for (const text of texts) {
      const bounds = graphemeBoundaries(text);
      for (let k = 0; k < 8; k++) {
        const a = int(text.length + 1);
        const b = a + int(text.length + 1 - a);
        const g = snapToGraphemes(text, a, b);
        const expected = a === b ? floorIn(bounds, a) : ceilIn(bounds, b);
        expect(g).toEqual({ start: floorIn(bounds, a), end: expected });

        const w = snapToWords(text, a, b);
        expect(bounds).toContain(w.start);
        expect(bounds).toContain(w.end);
        expect(w.start).toBeLessThanOrEqual(w.end);
      }
    }
  });
});

describe('wordEndAt', () => {
  /** The segmenter's answer at every offset: the end of the word the offset is inside. */
  function reference(text: string, offset: number): number {
    if (offset <= 0 || offset >= text.length) return offset;
    const word = new Intl.Segmenter(undefined, { granularity: 'word' })
      .segment(text)
      .containing(offset);
    return word?.isWordLike && word.index < offset ? word.index + word.segment.length : offset;
  }

  it.each([
    'Ada Lovelace wrote\tthe first program.\r\nThen e.g. 3.5 more',
    'café\u0301 \u0301mark after a space, and Zürich',
    '東京タワー と 👩🏽‍💻 🇨🇭 שלום עולם',
    "don't  stop\n\nit's fine",
  ])('ends a tag at the same place as the word segmenter, at every offset of %j', (text) => {
    for (let offset = 0; offset <= text.length; offset++)
      expect(wordEndAt(text, offset), `offset ${offset}`).toBe(reference(text, offset));
  });

  it('moves a tag off a word it would split, and leaves it before a space', () => {
    expect(wordEndAt('Lovelace wrote', 4)).toBe(8);
    expect(wordEndAt('Lovelace wrote', 8)).toBe(8);
  });
});
