import { describe, it, expect } from 'vitest';
import { checkText } from '../../../src/import/text-record.ts';

describe('checkText', () => {
  it('accepts real text, however unusual', () => {
    expect(() => checkText('a.txt', undefined, 'x')).not.toThrow();
    expect(() => checkText('a.txt', undefined, '  padded  ')).not.toThrow();
    expect(() => checkText('a.txt', 2, '👩‍👩‍👧‍👦')).not.toThrow();
    expect(() => checkText('a.txt', 2, 'مرحبا')).not.toThrow();
  });

  it('rejects a lone surrogate, giving its position', () => {
    expect(() => checkText('a.jsonl', 4, 'ab\ud800')).toThrow(
      expect.objectContaining({
        line: 4,
        message:
          'a.jsonl, line 4: contains a lone surrogate at code unit 2, which is not valid Unicode text',
      }),
    );
  });

  it('rejects empty and whitespace-only text', () => {
    for (const text of ['', ' ', '\t\r\n', '\u00a0\u3000']) {
      expect(() => checkText('a.csv', 9, text)).toThrow(
        expect.objectContaining({ line: 9, message: 'a.csv, line 9: has no text' }),
      );
    }
    expect(() => checkText('a.txt', undefined, '\n')).toThrow(
      expect.objectContaining({ line: undefined, message: 'a.txt: has no text' }),
    );
  });
});
