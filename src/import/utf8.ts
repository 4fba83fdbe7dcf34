import { ImportRejected } from './rejection.ts';

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

/**
 * Byte offset where the first invalid UTF-8 sequence starts, or -1 if the bytes are valid.
 * Rejects what TextDecoder rejects: stray continuation bytes, overlong forms, UTF-16
 * surrogates encoded as UTF-8, code points above U+10FFFF and sequences cut short.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Allowed range of the second byte, which is where overlongs, surrogates and
    // too-large code points are ruled out; later bytes are plain continuations.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const b = bytes[i + k]!;
      if (b < 0x80 || b > 0xbf) return i;
    }
    i += length;
  }
  return -1;
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

/** UTF-16 index of the first unpaired surrogate, or -1 if the string is well-formed. */
export function firstLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1); // NaN past the end
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return i;
  }
  return -1;
}
