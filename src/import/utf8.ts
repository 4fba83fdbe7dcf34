import { ImportRejected } from './rejection.ts';
import { firstInvalidUtf8 } from '../text/utf8.ts';

// Text is imported exactly as written: the only change ever made is dropping a leading BOM
// (TextDecoder's default). No normalization and no line-ending changes, so span offsets
// in exported labels point at the same characters as in the labeler's original file.

const BOM_BYTES = 3;

export function decodeUtf8(file: string, bytes: Uint8Array): string {
  if (bytes.length === 0 || (bytes.length === BOM_BYTES && startsWithBom(bytes))) {
    throw new ImportRejected(file, 'is empty');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The native decoder does not say where it failed; find the spot ourselves.
    const offset = firstInvalidUtf8(bytes);
    throw new ImportRejected(
      file,
      `is not valid UTF-8 text (first bad byte at offset ${offset})`,
      lineAt(bytes, offset),
    );
  }
}

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** 1-based line of a byte offset; a line ends at LF, CRLF or a lone CR. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}
