// How overlapping and nested spans are drawn legibly in a text view: each span gets a level
// (a stacked underline row) such that spans sharing any text never share a row, and the text is
// cut into segments that each carry the same set of spans. Offsets are half-open and in whatever
// unit the caller uses (the UI passes UTF-16); spans that merely touch do not overlap.

export interface LaidSpan {
  id: string;
  start: number;
  end: number;
  /** 0 is closest to the text. */
  level: number;
}

interface Range {
  id: string;
  start: number;
  end: number;
}

/**
 * Assigns each span the lowest level (0 = closest to the text) not used by any span it overlaps;
 * longer spans first at equal start so nested ones stack under/over consistently. Deterministic
 * (ties by id). O(n log n). Returned in input order; empty spans overlap nothing and get level 0.
 */
export function assignLevels(spans: readonly Range[]): LaidSpan[] {
  const order = spans.map((_, i) => i).sort((i, j) => byPlacement(spans[i]!, spans[j]!));
  const levels = new Array<number>(spans.length).fill(0);
  // Sweeping in start order, the placed spans a span overlaps are exactly those still open at
  // its start, so greedy lowest-free-level is both what the contract asks and optimal (interval
  // graphs): the number of levels equals the deepest nesting.
  const open = new MinHeap<{ end: number; level: number }>((a, b) => a.end - b.end);
  const free = new MinHeap<number>((a, b) => a - b);
  let fresh = 0;
  for (const i of order) {
    const span = spans[i]!;
    if (!(span.end > span.start)) continue;
    while (open.size > 0 && open.peek()!.end <= span.start) free.push(open.pop()!.level);
    const level = free.size > 0 ? free.pop()! : fresh++;
    levels[i] = level;
    open.push({ end: span.end, level });
  }
  return spans.map((s, i) => ({ id: s.id, start: s.start, end: s.end, level: levels[i]! }));
}

/** A maximal run of text covered by the same set of spans, spans sorted by level. */
export interface Segment {
  start: number;
  end: number;
  spans: LaidSpan[];
}

/**
 * Cuts [origin, length) (a block of a longer text; all of it by default) at every span boundary; segments with no span included too (so the whole text
 * is covered exactly once, in order). Spans are clipped to the text and shared by reference.
 * A sweep over sorted boundaries: O(s log s) plus the size of the output, independent of length.
 */
export function segments(length: number, spans: readonly LaidSpan[], origin = 0): Segment[] {
  if (!(length > origin)) return [];
  const events: { at: number; span: LaidSpan; opens: boolean }[] = [];
  for (const span of spans) {
    const start = Math.max(origin, span.start);
    const end = Math.min(length, span.end);
    // An empty (or clipped-away) span changes no set, so it must not cut a segment.
    if (end > start) events.push({ at: start, span, opens: true }, { at: end, span, opens: false });
  }
  events.sort((a, b) => a.at - b.at);

  const out: Segment[] = [];
  const open: LaidSpan[] = []; // kept sorted by level, so each segment copies it as is
  let from = origin;
  let i = 0;
  while (i < events.length) {
    const at = events[i]!.at;
    if (at > from) {
      out.push({ start: from, end: at, spans: open.slice() });
      from = at;
    }
    // Apply every boundary at this offset before cutting again, so segments are maximal.
    for (; i < events.length && events[i]!.at === at; i++) {
      const { span, opens } = events[i]!;
      const k = lowerBound(open, span);
      if (opens) {
        open.splice(k, 0, span);
      } else {
        let j = k;
        while (j < open.length && open[j] !== span) j++; // equal-ranked spans sit together from k
        if (j < open.length) open.splice(j, 1);
      }
    }
  }
  if (from < length) out.push({ start: from, end: length, spans: [] });
  return out;
}

/** The highest level in use, or -1 if none. */
export function maxLevel(spans: readonly LaidSpan[]): number {
  let max = -1;
  for (const s of spans) if (s.level > max) max = s.level;
  return max;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byPlacement(a: Range, b: Range): number {
  return a.start - b.start || b.end - a.end || compareIds(a.id, b.id);
}

function byLevel(a: LaidSpan, b: LaidSpan): number {
  return a.level - b.level || compareIds(a.id, b.id) || a.start - b.start || a.end - b.end;
}

/** First index whose element does not sort before `span`. */
function lowerBound(list: readonly LaidSpan[], span: LaidSpan): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byLevel(list[mid]!, span) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class MinHeap<T> {
  #items: T[] = [];
  readonly compare: (a: T, b: T) => number;

  constructor(compare: (a: T, b: T) => number) {
    this.compare = compare;
  }

  get size(): number {
    return this.#items.length;
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i]!, items[parent]!) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < items.length && this.compare(items[l]!, items[min]!) < 0) min = l;
      if (r < items.length && this.compare(items[r]!, items[min]!) < 0) min = r;
      if (min === i) return top;
      [items[i], items[min]] = [items[min]!, items[i]!];
      i = min;
    }
  }
}

// Underline geometry, in CSS pixels below the text's own box (its content area): level 0
// sits just under the descenders, deeper levels stack under it. The same numbers place the
// underlines (TextView) and reserve the room (the line height of a paragraph), so a word's
// underlines stay attached to it however deep the nesting elsewhere.
export const UNDERLINE_GAP = 1;
export const UNDERLINE_STEP = 4;
export const UNDERLINE_THICKNESS = 2;

/** How far below the text's box the top of a `level` underline is drawn. */
export function underlineOffset(level: number): number {
  return UNDERLINE_GAP + level * UNDERLINE_STEP;
}

/** Room under the text's box for `depth` stacked underlines (0 when there are none). */
export function roomBelow(depth: number): number {
  return depth > 0 ? underlineOffset(depth - 1) + UNDERLINE_THICKNESS + 1 : 0;
}

/** What one run of text draws: an underline per span, with a tick where a span starts or ends. */
export interface Underline {
  id: string;
  level: number;
  /** Offset below the text's box, px. */
  y: number;
  startsHere: boolean;
  endsHere: boolean;
}

export function underlinesOf(segment: Segment): Underline[] {
  return segment.spans
    .filter((s) => s.id)
    .map((s) => ({
      id: s.id,
      level: s.level,
      y: underlineOffset(s.level),
      startsHere: s.start === segment.start,
      endsHere: s.end === segment.end,
    }));
}
