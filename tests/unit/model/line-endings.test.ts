import { describe, expect, it } from 'vitest';
import { keepLineEndings } from '../../../src/model/line-endings.ts';

// What a textarea does to CR LF, then what a rewrite keeps.
const fromTextBox = (text: string) => text.replace(/\r\n?/g, '\n');

describe('a rewrite keeps the line endings of the response it started from', () => {
  it('leaves text without CR LF as typed', () => {
    expect(keepLineEndings('a\nb\n', 'x\ny\n')).toBe('a\nb\n');
    expect(keepLineEndings('a\nb', '')).toBe('a\nb');
  });

  it('gives an untouched CR LF response back byte for byte', () => {
    const original = 'Step 1\r\nStep 2\r\n\r\nDone.\r\n';
    expect(keepLineEndings(fromTextBox(original), original)).toBe(original);
  });

  it('keeps each line’s own break in a mixed response, new lines taking the last one', () => {
    const original = 'title\r\nbody\nend\r\n';
    const edited = fromTextBox(original).replace('body', 'better body') + 'added\n';
    expect(keepLineEndings(edited, original)).toBe('title\r\nbetter body\nend\r\nadded\r\n');
  });
});
