import { describe, it, expect } from 'vitest';
import { parseTxt } from '../../../src/import/txt.ts';

const encode = (s: string) => new TextEncoder().encode(s);

describe('parseTxt', () => {
  it('makes one item of the whole file, exactly as written', () => {
    const text = 'Dear 👩‍👩‍👧‍👦,\r\n\tשלום – 你好\r\n\r\ntrailing spaces   \n';
    expect(parseTxt('letter.txt', encode(text))).toEqual([{ name: 'letter.txt', text }]);
  });

  it('drops a leading BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('hello')]);
    expect(parseTxt('bom.txt', bytes)).toEqual([{ name: 'bom.txt', text: 'hello' }]);
  });

  it('rejects an empty file', () => {
    expect(() => parseTxt('empty.txt', new Uint8Array())).toThrow('empty.txt: is empty');
  });

  it('rejects a file with only whitespace', () => {
    expect(() => parseTxt('blank.txt', encode(' \r\n\t\n'))).toThrow('blank.txt: has no text');
  });

  it('rejects a file that is not UTF-8', () => {
    const latin1 = new Uint8Array([...encode('caf'), 0xe9, 0x0a]); // "café" in Latin-1
    expect(() => parseTxt('old.txt', latin1)).toThrow(
      'old.txt, line 1: is not valid UTF-8 text (first bad byte at offset 3)',
    );
  });
});
