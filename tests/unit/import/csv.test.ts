import { describe, it, expect } from 'vitest';
import { parseCsvItems } from '../../../src/import/csv.ts';
import { CsvError, csvColumns, parseCsv } from '../../../src/text/csv.ts';

function csvErrorOf(text: string): CsvError {
  try {
    parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('expected a CsvError');
}

describe('parseCsv', () => {
  it('splits plain records and fields', () => {
    expect(parseCsv('id,text\n1,hello\n2,world')).toEqual({
      rows: [
        ['id', 'text'],
        ['1', 'hello'],
        ['2', 'world'],
      ],
      lines: [1, 2, 3],
    });
  });

  it('does not add a record for a trailing newline', () => {
    const expected = { rows: [['a'], ['b']], lines: [1, 2] };
    expect(parseCsv('a\nb\n')).toEqual(expected);
    expect(parseCsv('a\r\nb\r\n')).toEqual(expected);
    expect(parseCsv('a\rb\r')).toEqual(expected);
  });

  it('reads nothing from empty text', () => {
    expect(parseCsv('')).toEqual({ rows: [], lines: [] });
  });

  it('keeps empty fields', () => {
    expect(parseCsv('a,,b\n,\nc,').rows).toEqual([
      ['a', '', 'b'],
      ['', ''],
      ['c', ''],
    ]);
  });

  it('keeps a blank line as one empty field', () => {
    expect(parseCsv('a\n\nb')).toEqual({ rows: [['a'], [''], ['b']], lines: [1, 2, 3] });
  });

  it('unquotes quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'x,"a, b","say ""hi""",""\n"line1\nline2","cr\r\nlf","""",z\n';
    expect(parseCsv(text).rows).toEqual([
      ['x', 'a, b', 'say "hi"', ''],
      ['line1\nline2', 'cr\r\nlf', '"', 'z'],
    ]);
  });

  it('counts the physical line where each record starts', () => {
    const text = 'h1,h2\r\n"multi\r\nline\r\nfield",b\r\nnext,"lone\rcr"\nlast,x';
    expect(parseCsv(text).lines).toEqual([1, 2, 5, 7]);
  });

  it('keeps a quote inside an unquoted field as written', () => {
    expect(parseCsv('5" screen,ab"c"\n').rows).toEqual([['5" screen', 'ab"c"']]);
  });

  it('keeps text exactly, including unusual characters and spaces', () => {
    const text = ' lead ,"👩‍👩‍👧‍👦\tשלום",مرحبا ';
    expect(parseCsv(text).rows).toEqual([[' lead ', '👩‍👩‍👧‍👦\tשלום', 'مرحبا ']]);
  });

  it('rejects an unterminated quote, naming the line where it opened', () => {
    const e = csvErrorOf('a,b\n1,2\n3,"never\nclosed\n');
    expect(e.message).toBe('has an unterminated quoted field');
    expect(e.line).toBe(3);
  });

  it('rejects characters after a closing quote', () => {
    const e = csvErrorOf('a,b\n"x\ny"z,2');
    expect(e.message).toBe('has characters after a closing quote');
    expect(e.line).toBe(3);
    expect(csvErrorOf('"a" ,b').line).toBe(1);
  });
});

describe('csvColumns', () => {
  it('returns the header row', () => {
    expect(csvColumns('id,"the text",label\r\n1,a,b\r\n')).toEqual(['id', 'the text', 'label']);
  });

  it('does not read past the header', () => {
    expect(csvColumns('id,text\n1,"broken')).toEqual(['id', 'text']);
  });

  it('is empty for empty text', () => {
    expect(csvColumns('')).toEqual([]);
  });
});

describe('parseCsvItems', () => {
  const rejected = (line: number, reason: string) =>
    expect.objectContaining({ file: 'data.csv', line, reason }) as Error;

  it('makes one item per data row, named by the id column', () => {
    const text = 'id,text,label\n7,"hello, world",pos\nabc,second,neg\n';
    expect(parseCsvItems('data.csv', text, 'text')).toEqual([
      { name: '7', text: 'hello, world' },
      { name: 'abc', text: 'second' },
    ]);
  });

  it('names items by file and line without an id column, or with an empty id', () => {
    const text = 'text,id\r\n"two\r\nlines",\r\nthird,\r\nfourth,x\r\n';
    expect(parseCsvItems('data.csv', text, 'text')).toEqual([
      { name: 'data.csv:2', text: 'two\r\nlines' },
      { name: 'data.csv:4', text: 'third' },
      { name: 'x', text: 'fourth' },
    ]);
    expect(parseCsvItems('data.csv', 'body\nhi\n', 'body')).toEqual([
      { name: 'data.csv:2', text: 'hi' },
    ]);
  });

  it('skips blank lines', () => {
    expect(parseCsvItems('data.csv', 'text\na\n\nb\n\n', 'text')).toEqual([
      { name: 'data.csv:2', text: 'a' },
      { name: 'data.csv:4', text: 'b' },
    ]);
  });

  it('rejects a missing column on line 1', () => {
    expect(() => parseCsvItems('data.csv', 'id,body\n1,x', 'text')).toThrow(
      rejected(1, 'has no column "text"'),
    );
    expect(() => parseCsvItems('data.csv', 'id,body\n1,x', 'text')).toThrow(
      'data.csv, line 1: has no column "text"',
    );
  });

  it('rejects a row with too few fields, on its line', () => {
    const text = 'id,text,label\n1,a,x\n"2\n",b\n';
    expect(() => parseCsvItems('data.csv', text, 'text')).toThrow(
      rejected(3, 'has 2 fields but the header has 3'),
    );
  });

  it('turns CSV syntax errors into rejections with the line', () => {
    expect(() => parseCsvItems('data.csv', 'id,text\n1,ok\n2,"open', 'text')).toThrow(
      rejected(3, 'has an unterminated quoted field'),
    );
    expect(() => parseCsvItems('data.csv', 'text\n"a"b', 'text')).toThrow(
      rejected(2, 'has characters after a closing quote'),
    );
  });

  it('rejects empty text and lone surrogates in the text column', () => {
    expect(() => parseCsvItems('data.csv', 'id,text\n1,ok\n2,"  "', 'text')).toThrow(
      rejected(3, 'has no text'),
    );
    expect(() => parseCsvItems('data.csv', 'text\nx\ud800', 'text')).toThrow(
      rejected(2, 'contains a lone surrogate at code unit 1, which is not valid Unicode text'),
    );
  });
});
