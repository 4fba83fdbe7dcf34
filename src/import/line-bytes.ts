// The bytes of each physical line of a UTF-8 file, as nonBlankLines (jsonl.ts) cuts its
// decoded text: lines end at LF, a CR before the LF (or at the very end) is not part of the
// line, and a leading BOM (dropped by the decoder) is not part of the first line. LF and CR
// are single bytes in UTF-8, so line n of the bytes is line n of the text.

const LF = 0x0a;
const CR = 0x0d;

/** Each physical line's number (1-based) and bytes, a view into `bytes` (nothing is copied). */
export function* physicalLines(
  bytes: Uint8Array,
): Generator<{ number: number; bytes: Uint8Array }> {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let start = bom ? 3 : 0;
  for (let number = 1; ; number++) {
    const lf = bytes.indexOf(LF, start);
    let end = lf === -1 ? bytes.length : lf;
    if (end > start && bytes[end - 1] === CR) end--;
    yield { number, bytes: bytes.subarray(start, end) };
    if (lf === -1) return;
    start = lf + 1;
  }
}
