import { describe, expect, it } from 'vitest';
import { blockAt, paragraphDirection, textBlocks } from '../../../src/model/text-blocks.ts';

describe('text blocks', () => {
  it('cuts at line ends, keeps every character once, and gives each paragraph its direction', () => {
    const text = 'Hello\r\nשלום עולם\n\nمرحبا 123\nlast';
    const blocks = textBlocks(text);
    expect(blocks.map((b) => text.slice(b.start, b.end))).toEqual([
      'Hello\r\n',
      'שלום עולם\n',
      '\n',
      'مرحبا 123\n',
      'last',
    ]);
    expect(blocks.map((b) => b.dir)).toEqual(['ltr', 'rtl', 'ltr', 'rtl', 'ltr']);
    expect(blockAt(blocks, 0)).toBe(0);
    expect(blockAt(blocks, 7)).toBe(1);
    expect(blockAt(blocks, text.length)).toBe(4);
  });

  it('cuts a long line after a sentence, never inside a surrogate pair', () => {
    const sentence = 'Grace met 𝒜da in Zürich. ';
    const text = sentence.repeat(400);
    const blocks = textBlocks(text, 500);
    expect(blocks.map((b) => text.slice(b.start, b.end)).join('')).toBe(text);
    for (const b of blocks.slice(0, -1)) {
      expect(b.end - b.start).toBeLessThanOrEqual(500);
      expect(text.slice(b.end - 2, b.end)).toBe('. ');
    }
    const astral = '𝒜'.repeat(300);
    const pieces = textBlocks(astral, 101);
    expect(pieces.every((b) => b.start % 2 === 0 && b.end % 2 === 0)).toBe(true);
  });

  it('reads the direction from the first letter, past digits and punctuation', () => {
    expect(paragraphDirection('123 — שלום')).toBe('rtl');
    expect(paragraphDirection('“Hello” שלום')).toBe('ltr');
    expect(paragraphDirection('42')).toBe('ltr');
  });
});
