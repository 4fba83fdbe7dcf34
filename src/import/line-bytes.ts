// The bytes of each physical line of a UTF-8 file, as nonBlankLines (jsonl.ts) cuts its
// decoded text: lines end at LF, a CR before the LF is not part of the line, and a leading
// BOM (dropped by the decoder) is not part of the first line. LF and CR are single bytes in
// UTF-8, so line n of the bytes is line n of the text.

const LF = 0x0a;
const CR = 0x0d;

/** Line number (1-based) → that line's bytes, a view into `bytes` (nothing is copied). */
export function lineBytes(bytes: Uint8Array): (line: number) => Uint8Array {
  const starts: number[] = [];
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let start = bom ? 3 : 0;
  for (;;) {
    starts.push(start);
    const lf = bytes.indexOf(LF, start);
    if (lf === -1) break;
    start = lf + 1;
  }
  return (line) => {
    const from = starts[line - 1];
    if (from === undefined) throw new RangeError(`line ${line} is past the end`);
    const next = starts[line];
    let end = next === undefined ? bytes.length : next - 1;
    if (end > from && bytes[end - 1] === CR) end--;
    return bytes.subarray(from, end);
  };
}
