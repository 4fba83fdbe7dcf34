import { describe, expect, it } from 'vitest';
import { CONLL_TOKENIZER, tokenize } from '../../../src/formats/tokenizer.ts';

const texts = (s: string) => tokenize(s).map((t) => t.text);

describe(`tokenizer ${CONLL_TOKENIZER}`, () => {
  it('splits words at whitespace and punctuation, keeping accents and marks in the word', () => {
    expect(texts("Zürich, Cafe\u0301 — don't 3.5%")).toEqual([
      'Zürich',
      ',',
      'Cafe\u0301',
      '—',
      'don',
      "'",
      't',
      '3',
      '.',
      '5',
      '%',
    ]);
    expect(texts('ש\u05B8\u05C1לו\u05B9ם עולם')).toEqual(['ש\u05B8\u05C1לו\u05B9ם', 'עולם']);
    expect(texts('snake_case_name')).toEqual(['snake_case_name']);
  });

  it('makes each Han, Hiragana and Katakana character a token, but keeps Hangul words whole', () => {
    expect(texts('東京の研究所で、カナ')).toEqual([
      '東',
      '京',
      'の',
      '研',
      '究',
      '所',
      'で',
      '、',
      'カ',
      'ナ',
    ]);
    expect(texts('한국어 문장')).toEqual(['한국어', '문장']);
  });

  it('keeps emoji sequences, flags and keycaps whole', () => {
    expect(texts('👩🏽‍💻🚀 🇨🇭🇯🇵 1\uFE0F\u20E3')).toEqual(['👩🏽‍💻', '🚀', '🇨🇭', '🇯🇵', '1\uFE0F\u20E3']);
    expect(texts('🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}!')).toHaveLength(2);
  });

  it('gives code point offsets and marks tokens after a line break', () => {
    expect(tokenize('😀 ab\r\n\r\nc\u2028d')).toEqual([
      { text: '😀', start: 0, end: 1, newLine: false },
      { text: 'ab', start: 2, end: 4, newLine: false },
      { text: 'c', start: 8, end: 9, newLine: true },
      { text: 'd', start: 10, end: 11, newLine: true },
    ]);
  });

  it('treats no-break and ideographic spaces as whitespace but a BOM as a character', () => {
    expect(texts('a\u00A0b\u3000c\uFEFFd')).toEqual(['a', 'b', 'c', '\uFEFF', 'd']);
  });
});
