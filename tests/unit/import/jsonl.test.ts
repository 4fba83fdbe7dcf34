import { describe, it, expect } from 'vitest';
import { jsonlTextFields, parseJsonl } from '../../../src/import/jsonl.ts';

const rejected = (line: number | undefined, reason: string) =>
  expect.objectContaining({ file: 'data.jsonl', line, reason }) as Error;

describe('parseJsonl', () => {
  it('makes one item per line, named by id when there is one', () => {
    const text = [
      '{"id": "doc-1", "text": "first"}',
      '{"id": 42, "text": "second", "extra": [1, 2]}',
      '{"text": "third"}',
      '',
    ].join('\n');
    expect(parseJsonl('data.jsonl', text, 'text')).toEqual([
      { name: 'doc-1', text: 'first' },
      { name: '42', text: 'second' },
      { name: 'data.jsonl:3', text: 'third' },
    ]);
  });

  it('accepts CRLF line ends and blank lines, and counts them in names', () => {
    const text = '{"text": "a"}\r\n\r\n   \r\n{"text": "b"}\r\n';
    expect(parseJsonl('data.jsonl', text, 'text')).toEqual([
      { name: 'data.jsonl:1', text: 'a' },
      { name: 'data.jsonl:4', text: 'b' },
    ]);
  });

  it('keeps the text exactly as the JSON string says', () => {
    const text = '{"text": "line\\r\\nbreak\\ttab 👩‍👩‍👧‍👦 \\u05e9\\u05dc\\u05d5\\u05dd e\\u0301 "}';
    expect(parseJsonl('data.jsonl', text, 'text')[0]?.text).toBe(
      'line\r\nbreak\ttab 👩‍👩‍👧‍👦 שלום e\u0301 ',
    );
  });

  it('reads the chosen field', () => {
    const text = '{"text": 1, "body": "the body"}';
    expect(parseJsonl('data.jsonl', text, 'body')).toEqual([
      { name: 'data.jsonl:1', text: 'the body' },
    ]);
  });

  it('ignores ids that are neither strings nor numbers', () => {
    const text =
      '{"id": null, "text": "a"}\n{"id": {"x": 1}, "text": "b"}\n{"id": "", "text": "c"}';
    expect(parseJsonl('data.jsonl', text, 'text').map((r) => r.name)).toEqual([
      'data.jsonl:1',
      'data.jsonl:2',
      'data.jsonl:3',
    ]);
  });

  it('reports invalid JSON on the right line, counting blank lines', () => {
    const text = '{"text": "ok"}\r\n\r\n{"text": "unclosed\r\n{"text": "never read"}';
    expect(() => parseJsonl('data.jsonl', text, 'text')).toThrow(
      expect.objectContaining({
        line: 3,
        message: expect.stringMatching(/^data\.jsonl, line 3: is not valid JSON \(.+\)$/) as string,
      }),
    );
  });

  it.each([
    ['an array', '[1, 2]'],
    ['null', 'null'],
    ['a string', '"text"'],
    ['a number', '7'],
  ])('rejects a line holding %s', (_, line) => {
    expect(() => parseJsonl('data.jsonl', `{"text": "a"}\n${line}`, 'text')).toThrow(
      rejected(2, 'is not a JSON object'),
    );
  });

  it('rejects a line without the field', () => {
    expect(() => parseJsonl('data.jsonl', '{"text": "a"}\n{"body": "b"}', 'text')).toThrow(
      rejected(2, 'has no "text" field'),
    );
    expect(() => parseJsonl('data.jsonl', '{"text": "a"}', 'body')).toThrow(
      rejected(1, 'has no "body" field'),
    );
  });

  it('does not mistake inherited properties for fields', () => {
    expect(() => parseJsonl('data.jsonl', '{"text": "a"}', 'toString')).toThrow(
      rejected(1, 'has no "toString" field'),
    );
  });

  it('rejects a field that is not a string', () => {
    for (const value of ['null', '3', '["a"]', '{"a": "b"}', 'true']) {
      expect(() => parseJsonl('data.jsonl', `{"text": ${value}}`, 'text')).toThrow(
        rejected(1, 'field "text" is not a string'),
      );
    }
  });

  it('rejects a lone surrogate written as a JSON escape', () => {
    expect(() => parseJsonl('data.jsonl', '\n{"text": "ab\\ud800c"}', 'text')).toThrow(
      rejected(2, 'contains a lone surrogate at code unit 2, which is not valid Unicode text'),
    );
  });

  it('accepts a surrogate pair written as JSON escapes', () => {
    expect(parseJsonl('data.jsonl', '{"text": "\\ud83d\\ude00"}', 'text')[0]?.text).toBe('😀');
  });

  it('rejects empty text', () => {
    expect(() => parseJsonl('data.jsonl', '{"text": "a"}\n{"text": "  "}', 'text')).toThrow(
      rejected(2, 'has no text'),
    );
  });
});

describe('jsonlTextFields', () => {
  it('lists string fields in order of first appearance', () => {
    const text = [
      '{"id": 1, "title": "t", "body": "b"}',
      'not json',
      '["array", "line"]',
      '',
      '{"lang": "en", "title": "again", "tags": ["x"], "n": 3}',
      '{"id": "now a string"}',
    ].join('\r\n');
    expect(jsonlTextFields(text)).toEqual(['title', 'body', 'lang', 'id']);
  });

  it('only samples the first non-blank lines', () => {
    const text = '{"a": "x"}\n\n\n{"b": "y"}\n{"c": "z"}\n';
    expect(jsonlTextFields(text, 2)).toEqual(['a', 'b']);
    expect(jsonlTextFields(text)).toEqual(['a', 'b', 'c']);
  });

  it('finds nothing in text without JSON objects', () => {
    expect(jsonlTextFields('')).toEqual([]);
    expect(jsonlTextFields('hello\nworld')).toEqual([]);
  });
});
