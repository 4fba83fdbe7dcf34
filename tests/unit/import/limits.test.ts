import { describe, it, expect } from 'vitest';
import { MAX_FILE_BYTES, checkSize } from '../../../src/import/limits.ts';

const MIB = 1024 * 1024;

describe('checkSize', () => {
  it('is 100 MiB', () => {
    expect(MAX_FILE_BYTES).toBe(104_857_600);
  });

  it('accepts anything from one byte up to the limit', () => {
    expect(() => checkSize('a.txt', 1)).not.toThrow();
    expect(() => checkSize('big.jpg', MAX_FILE_BYTES)).not.toThrow();
  });

  it('rejects an empty file', () => {
    expect(() => checkSize('a.txt', 0)).toThrow(
      expect.objectContaining({ message: 'a.txt: is empty', line: undefined }),
    );
  });

  it('rejects a file over the limit, with its size to one decimal', () => {
    expect(() => checkSize('huge.tif', 250 * MIB)).toThrow(
      'huge.tif: is too large (250.0 MB; the limit is 100 MB)',
    );
    expect(() => checkSize('huge.tif', 150.25 * MIB)).toThrow('(150.3 MB; the limit is 100 MB)');
  });

  it('never says a file just over the limit is 100.0 MB', () => {
    expect(() => checkSize('edge.jpg', MAX_FILE_BYTES + 1)).toThrow(
      'edge.jpg: is too large (100.1 MB; the limit is 100 MB)',
    );
  });
});
