import { describe, expect, it } from 'vitest';
import { utf8Lines } from '../../../src/formats/export-input.ts';

// Conversation export files are encoded line by line, never joined into one string: 10,000
// conversations ranked 4 ways are more characters than a JS string may hold.

describe('utf8Lines', () => {
  it('gives the bytes of the joined lines, across buffer growth and multi-byte characters', () => {
    const lines = Array.from(
      { length: 3_000 },
      (_, i) => `{"id":${i},"text":"Zürich 東京 👩🏽‍💻 ${'x'.repeat(i % 97)}"}\n`,
    );
    const bytes = utf8Lines(lines);
    expect(bytes.length).toBeGreaterThan(1 << 16); // grew past the first buffer
    const joined = lines.join('');
    expect(bytes.length).toBe(new TextEncoder().encode(joined).length);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(joined);
  });

  it('encodes past one 16 MiB piece into one buffer of exactly the size', () => {
    const line = `{"text":"${'Zürich 東京 👋 '.repeat(1_000)}"}\n`;
    const lines = Array.from({ length: 1_100 }, () => line);
    const bytes = utf8Lines(lines);
    const one = new TextEncoder().encode(line);
    expect(bytes.length).toBe(one.length * lines.length);
    expect(bytes.length).toBeGreaterThan(1 << 24);
    expect(bytes.byteLength).toBe(bytes.buffer.byteLength); // no slack held
    for (const k of [0, 700, 1_099]) {
      const piece = bytes.subarray(k * one.length, (k + 1) * one.length);
      expect(Buffer.compare(piece, one)).toBe(0);
    }
  });

  it('takes lines as they are made, and nothing for no lines', () => {
    function* made() {
      yield 'a\n';
      yield 'é\n';
    }
    expect(new TextDecoder().decode(utf8Lines(made()))).toBe('a\né\n');
    expect(utf8Lines([])).toHaveLength(0);
  });
});
