import { describe, expect, it } from 'vitest';
import { lineBytes } from '../../../src/import/line-bytes.ts';
import { nonBlankLines } from '../../../src/import/jsonl.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('lineBytes', () => {
  it('cuts the bytes where nonBlankLines cuts the decoded text (BOM, CRLF, blank lines, no final LF)', () => {
    const text = '{"a":"Zürich"}\r\n\n  \n{"b":"東京 👋🏽"}\n{"c":"x\\r"}\r';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(text)]);
    const byLine = lineBytes(bytes);
    const decoded = new TextDecoder().decode(bytes); // drops the BOM, as the importer does
    const lines = [...nonBlankLines(decoded)];
    expect(lines.map((l) => l.number)).toEqual([1, 4, 5]);
    for (const { number, content } of lines) expect(decoder.decode(byLine(number))).toBe(content);
    expect(byLine(2)).toHaveLength(0);
  });

  it('refuses a line past the end', () => {
    expect(() => lineBytes(encoder.encode('x\n'))(3)).toThrow(RangeError);
  });
});
