import { describe, it, expect } from 'vitest';
import { ImportRejected, describeRejection } from '../../../src/import/rejection.ts';

describe('ImportRejected', () => {
  it('names the file and the reason', () => {
    const e = new ImportRejected('notes.txt', 'is empty');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ImportRejected');
    expect(e.message).toBe('notes.txt: is empty');
    expect(e.file).toBe('notes.txt');
    expect(e.reason).toBe('is empty');
    expect(e.line).toBeUndefined();
  });

  it('names the line when there is one', () => {
    const e = new ImportRejected('data.jsonl', 'is not a JSON object', 7);
    expect(e.message).toBe('data.jsonl, line 7: is not a JSON object');
    expect(e.line).toBe(7);
  });
});

describe('describeRejection', () => {
  it('uses the same wording as the thrown error', () => {
    expect(describeRejection({ file: 'a.csv', line: 3, reason: 'has no text' })).toBe(
      'a.csv, line 3: has no text',
    );
    expect(describeRejection({ file: 'b.png', reason: 'is empty' })).toBe('b.png: is empty');
    const e = new ImportRejected('c.csv', 'has no column "text"', 1);
    expect(describeRejection(e)).toBe(e.message);
  });
});
