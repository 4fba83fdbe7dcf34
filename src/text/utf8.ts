// UTF-8 and UTF-16 checks on text from outside: where bytes stop being UTF-8, where a
// string holds a lone surrogate. Shared by item import and the formats' readers.

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

/** UTF-16 index of the first unpaired surrogate, or -1 if the string is well-formed. */
export function firstLoneSurrogate(text: string): number {
  // The engine's own check (ES2024, not in our lib yet) answers a 40 KB response at once.
  if ((text as { isWellFormed?: () => boolean }).isWellFormed?.() === true) return -1;
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
