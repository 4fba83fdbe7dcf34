import { describe, expect, it } from 'vitest';
import { physicalLines } from '../../../src/import/line-bytes.ts';
import { nonBlankLines } from '../../../src/import/jsonl.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('physicalLines', () => {
  it('cuts the bytes where nonBlankLines cuts the decoded text (BOM, CRLF, blank lines, no final LF)', () => {
    const text = '{"a":"Zürich"}\r\n\n  \n{"b":"東京 👋🏽"}\n{"c":"x\\r"}\r';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(text)]);
    const byLine = new Map([...physicalLines(bytes)].map((l) => [l.number, l.bytes]));
    const decoded = new TextDecoder().decode(bytes); // drops the BOM, as the importer does
    const lines = [...nonBlankLines(decoded)];
    expect(lines.map((l) => l.number)).toEqual([1, 4, 5]);
    for (const { number, content } of lines)
      expect(decoder.decode(byLine.get(number))).toBe(content);
    expect(byLine.get(2)).toHaveLength(0);
    expect([...byLine.keys()]).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives a final empty line after a final LF, as the text has one', () => {
    const lines = [...physicalLines(encoder.encode('a\nb\n'))];
    expect(lines.map((l) => decoder.decode(l.bytes))).toEqual(['a', 'b', '']);
  });
});
