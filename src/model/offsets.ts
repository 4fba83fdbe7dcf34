// Span offsets. Stored and exported spans use half-open Unicode code point offsets (what
// Python's `text[start:end]` slices); the DOM speaks UTF-16. Text is never normalized, so
// both sides index the same string. Snapping works in UTF-16, before conversion.

/** Clamps to an integer in [0, max]; NaN goes to 0 so bad input can't poison arithmetic. */
function clamp(value: number, max: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(max, Math.max(0, Math.floor(value)));
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Number of entries in a sorted array that are < value. */
function countBelow(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Converts between UTF-16 and code point offsets of one text. Only surrogate pairs make the
 * two differ, so it stores just their positions (sorted, both ways) and converts by binary
 * search: O(log pairs), and O(1) for the common text without astral characters. A lone
 * surrogate counts as one code point, as `[...text]` does.
 */
export class CodePointIndex {
  readonly text: string;
  /** Number of code points. */
  readonly length: number;
  /** UTF-16 offset of the k-th surrogate pair. */
  private readonly pairUtf16: Uint32Array;
  /** Code point offset of the k-th surrogate pair (= pairUtf16[k] - k). */
  private readonly pairCodePoint: Uint32Array;

  constructor(text: string) {
    this.text = text;
    const starts: number[] = [];
    for (let i = 0; i < text.length - 1; i++) {
      if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) starts.push(i++);
    }
    this.pairUtf16 = Uint32Array.from(starts);
    this.pairCodePoint = Uint32Array.from(starts, (start, k) => start - k);
    this.length = text.length - starts.length;
  }

  /** Code point offset of a UTF-16 offset; inside a surrogate pair, the pair's start. */
  toCodePoint(utf16: number): number {
    const u = clamp(utf16, this.text.length);
    // Each pair starting before u adds one extra unit; a pair u splits counts too, which
    // lands u - k exactly on that pair's start.
    return this.pairUtf16.length === 0 ? u : u - countBelow(this.pairUtf16, u);
  }

  /** UTF-16 offset of a code point offset. */
  toUtf16(codePoint: number): number {
    const c = clamp(codePoint, this.length);
    return this.pairCodePoint.length === 0 ? c : c + countBelow(this.pairCodePoint, c);
  }

  /**
   * The text between two code point offsets: Python's `text[start:end]` for in-range
   * offsets. Out-of-range offsets clamp (negatives to 0, unlike Python, since offsets are
   * never negative and a -1 is a bug, not "from the end"); end <= start gives ''.
   */
  slice(start: number, end: number): string {
    const s = this.toUtf16(start);
    const e = this.toUtf16(end);
    return e > s ? this.text.slice(s, e) : '';
  }
}

/** The covered text of a span, as stored with it. */
export function spanText(index: CodePointIndex, start: number, end: number): string {
  return index.slice(start, end);
}

/** A non-empty span inside the text, in integer code point offsets. */
export function isValidSpan(index: CodePointIndex, start: number, end: number): boolean {
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    0 <= start &&
    start < end &&
    end <= index.length
  );
}

// Segmenters are costly to build and stateless across texts, so one of each is shared.
let graphemeSegmenter: Intl.Segmenter | undefined;
let wordSegmenter: Intl.Segmenter | undefined;

// Segmenting hands the whole text to ICU, costly for a long text: the last text's segments
// are kept, so each selection in a 100,000-word document looks up only its neighbourhood.
let graphemesOf: { text: string; segments: Intl.Segments } | undefined;

function graphemes(text: string): Intl.Segments {
  if (graphemesOf?.text === text) return graphemesOf.segments;
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  graphemesOf = { text, segments: graphemeSegmenter.segment(text) };
  return graphemesOf.segments;
}

// The last text's word segments are kept: a view asks for many offsets of one long text.
let wordsOf: { text: string; segments: Intl.Segments } | undefined;

/** Space, tab, line feed, carriage return. */
const BREAKS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function words(text: string): Intl.Segments {
  if (wordsOf?.text === text) return wordsOf.segments;
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  wordsOf = { text, segments: wordSegmenter.segment(text) };
  return wordsOf.segments;
}

/** Sorted UTF-16 offsets of extended grapheme cluster boundaries, with 0 and text.length. */
export function graphemeBoundaries(text: string): number[] {
  const out: number[] = [];
  for (const { index } of graphemes(text)) out.push(index);
  out.push(text.length);
  return out;
}

/** A UTF-16 selection, half-open. */
export interface Utf16Range {
  start: number;
  end: number;
}

/** Clamps a UTF-16 selection to the text and orders it (a backwards drag is still a range). */
function ordered(text: string, start: number, end: number): Utf16Range {
  const a = clamp(start, text.length);
  const b = clamp(end, text.length);
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

/** Segment end, the offset just past it. */
function after(segment: Intl.SegmentData): number {
  return segment.index + segment.segment.length;
}

// `containing` looks up only the neighbourhood of an offset, so snapping stays cheap on long
// texts; the caller's range is already clamped, so the lookups never return undefined.
function snapGraphemes(segments: Intl.Segments, { start, end }: Utf16Range): Utf16Range {
  if (start === end) {
    const at = segments.containing(start);
    const caret = at ? at.index : start;
    return { start: caret, end: caret };
  }
  return { start: segments.containing(start)!.index, end: after(segments.containing(end - 1)!) };
}

/**
 * Widens a UTF-16 selection so it never cuts a grapheme cluster: start moves back and end
 * forward to the nearest boundary. An empty selection (a caret) stays empty, moved back to
 * a boundary if it sat inside a cluster.
 */
export function snapToGraphemes(text: string, start: number, end: number): Utf16Range {
  return snapGraphemes(graphemes(text), ordered(text, start, end));
}

const WHITESPACE = /^\s+$/u;

/**
 * Widens a UTF-16 selection to whole words: an end inside a word moves to that word's edge,
 * an end in punctuation or spaces stays (grapheme-snapped), then surrounding whitespace is
 * trimmed. A selection touching no word is only grapheme-snapped.
 */
export function snapToWords(text: string, start: number, end: number): Utf16Range {
  const clusters = graphemes(text);
  const range = snapGraphemes(clusters, ordered(text, start, end));
  if (range.start === range.end) return range;

  const segments = words(text);
  let touchesWord = false;
  for (let at = range.start; at < range.end && !touchesWord;) {
    const segment = segments.containing(at)!;
    touchesWord = segment.isWordLike === true;
    at = after(segment);
  }
  if (!touchesWord) return range;

  const first = segments.containing(range.start)!;
  const last = segments.containing(range.end - 1)!;
  let s = first.isWordLike ? first.index : range.start;
  let e = last.isWordLike ? after(last) : range.end;
  // Trim by whole clusters so a space carrying a combining mark isn't split.
  while (s < e) {
    const cluster = clusters.containing(s)!;
    if (!WHITESPACE.test(cluster.segment)) break;
    s = after(cluster);
  }
  while (e > s) {
    const cluster = clusters.containing(e - 1)!;
    if (!WHITESPACE.test(cluster.segment)) break;
    e = cluster.index;
  }
  return { start: s, end: e };
}

/**
 * Narrows a UTF-16 range by the whitespace at both ends (whole clusters, so a space carrying
 * a combining mark stays whole). A range of only whitespace becomes empty, at its start.
 */
export function trimWhitespace(text: string, start: number, end: number): Utf16Range {
  const clusters = graphemes(text);
  let { start: s, end: e } = ordered(text, start, end);
  while (s < e) {
    const cluster = clusters.containing(s)!;
    if (!WHITESPACE.test(cluster.segment)) break;
    s = after(cluster);
  }
  while (e > s) {
    const cluster = clusters.containing(e - 1)!;
    if (!WHITESPACE.test(cluster.segment)) break;
    e = cluster.index;
  }
  return s < e ? { start: s, end: e } : { start: s, end: s };
}

/** The end of the word an offset falls inside, or the offset itself at a word's edge. */
export function wordEndAt(text: string, offset: number): number {
  if (offset <= 0 || offset >= text.length) return offset;
  // Before a space, tab or line end no word goes on (they never join one): most spans end
  // there, and a long text's 10,000 tags are placed without asking the segmenter.
  if (BREAKS.has(text.charCodeAt(offset))) return offset;
  const word = words(text).containing(offset);
  return word && word.isWordLike && word.index < offset ? after(word) : offset;
}
