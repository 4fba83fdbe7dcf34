import { describe, expect, it } from 'vitest';
import {
  assignLevels,
  maxLevel,
  roomBelow,
  segments,
  underlinesOf,
  UNDERLINE_GAP,
  UNDERLINE_STEP,
  UNDERLINE_THICKNESS,
  type LaidSpan,
  type Segment,
} from '../../../src/model/span-layout.ts';

type Range = { id: string; start: number; end: number };

const levelsOf = (spans: Range[]): Record<string, number> =>
  Object.fromEntries(assignLevels(spans).map((s) => [s.id, s.level]));

const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;

/** Segments as [start, end, ids sorted by level] for compact expectations. */
const compact = (segs: Segment[]): [number, number, string[]][] =>
  segs.map((s) => [s.start, s.end, s.spans.map((x) => x.id)]);

/** mulberry32: small seeded PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomSpans(next: () => number, length: number, count: number): Range[] {
  return Array.from({ length: count }, (_, i) => {
    const start = Math.floor(next() * length);
    const end = Math.min(length, start + 1 + Math.floor(next() * next() * length));
    return { id: `s${i}`, start, end };
  });
}

describe('assignLevels', () => {
  it('puts disjoint spans all on level 0', () => {
    const spans = [
      { id: 'a', start: 0, end: 3 },
      { id: 'b', start: 5, end: 9 },
      { id: 'c', start: 12, end: 13 },
    ];
    expect(levelsOf(spans)).toEqual({ a: 0, b: 0, c: 0 });
  });

  it('gives nested spans distinct levels, the longer one closest to the text', () => {
    const spans = [
      { id: 'inner', start: 2, end: 4 },
      { id: 'outer', start: 0, end: 10 },
      { id: 'middle', start: 1, end: 6 },
    ];
    expect(levelsOf(spans)).toEqual({ outer: 0, middle: 1, inner: 2 });
  });

  it('puts the longer span first at equal start', () => {
    const spans = [
      { id: 'a', start: 0, end: 2 },
      { id: 'z', start: 0, end: 8 },
    ];
    expect(levelsOf(spans)).toEqual({ z: 0, a: 1 });
  });

  it('reuses levels along a chain of overlaps', () => {
    const spans = [
      { id: 'a', start: 0, end: 4 },
      { id: 'b', start: 3, end: 7 },
      { id: 'c', start: 6, end: 10 },
      { id: 'd', start: 9, end: 12 },
    ];
    expect(levelsOf(spans)).toEqual({ a: 0, b: 1, c: 0, d: 1 });
  });

  it('stacks identical ranges by id', () => {
    const spans = [
      { id: 'c', start: 2, end: 5 },
      { id: 'a', start: 2, end: 5 },
      { id: 'b', start: 2, end: 5 },
    ];
    expect(levelsOf(spans)).toEqual({ a: 0, b: 1, c: 2 });
  });

  it('treats touching spans as not overlapping, so they share a level', () => {
    const spans = [
      { id: 'a', start: 0, end: 5 },
      { id: 'b', start: 5, end: 8 },
    ];
    expect(levelsOf(spans)).toEqual({ a: 0, b: 0 });
  });

  it('returns spans in input order and does not depend on it', () => {
    const next = rng(7);
    const spans = randomSpans(next, 200, 60);
    const laid = assignLevels(spans);
    expect(laid.map((s) => s.id)).toEqual(spans.map((s) => s.id));
    expect(levelsOf([...spans].reverse())).toEqual(levelsOf(spans));
  });

  it('gives empty spans level 0', () => {
    expect(
      levelsOf([
        { id: 'a', start: 0, end: 4 },
        { id: 'e', start: 2, end: 2 },
      ]),
    ).toEqual({
      a: 0,
      e: 0,
    });
  });

  it('reports the highest level', () => {
    expect(maxLevel([])).toBe(-1);
    expect(maxLevel(assignLevels([{ id: 'a', start: 0, end: 1 }]))).toBe(0);
    expect(
      maxLevel(
        assignLevels([
          { id: 'a', start: 0, end: 4 },
          { id: 'b', start: 1, end: 3 },
        ]),
      ),
    ).toBe(1);
  });
});

describe('segments', () => {
  it('covers text with no spans as one segment', () => {
    expect(compact(segments(10, []))).toEqual([[0, 10, []]]);
    expect(segments(0, [])).toEqual([]);
  });

  it('cuts at every boundary, including uncovered gaps, with spans sorted by level', () => {
    const laid = assignLevels([
      { id: 'outer', start: 2, end: 10 },
      { id: 'inner', start: 4, end: 6 },
      { id: 'late', start: 12, end: 14 },
    ]);
    expect(compact(segments(16, laid))).toEqual([
      [0, 2, []],
      [2, 4, ['outer']],
      [4, 6, ['outer', 'inner']],
      [6, 10, ['outer']],
      [10, 12, []],
      [12, 14, ['late']],
      [14, 16, []],
    ]);
  });

  it('cuts touching spans once and keeps identical ranges together', () => {
    const laid = assignLevels([
      { id: 'a', start: 0, end: 3 },
      { id: 'b', start: 3, end: 5 },
      { id: 'c', start: 3, end: 5 },
    ]);
    expect(compact(segments(5, laid))).toEqual([
      [0, 3, ['a']],
      [3, 5, ['b', 'c']],
    ]);
  });

  it('clips spans to the text and ignores empty ones', () => {
    const laid: LaidSpan[] = [
      { id: 'over', start: 3, end: 20, level: 0 },
      { id: 'empty', start: 1, end: 1, level: 1 },
      { id: 'past', start: 12, end: 15, level: 1 },
    ];
    expect(compact(segments(10, laid))).toEqual([
      [0, 3, []],
      [3, 10, ['over']],
    ]);
  });

  it('handles a 30,000-character text with 1,000 overlapping spans', () => {
    const spans = randomSpans(rng(42), 30_000, 1_000);
    const laid = assignLevels(spans);
    const segs = segments(30_000, laid);
    expect(segs[0]!.start).toBe(0);
    expect(segs.at(-1)!.end).toBe(30_000);
    expect(segs.length).toBeLessThanOrEqual(2 * spans.length + 1);
  });
});

describe('layout properties (seeded random)', () => {
  it('never shares a level between overlapping spans and matches a per-position brute force', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = rng(seed);
      const length = 1 + Math.floor(next() * 60);
      const spans = randomSpans(next, length, Math.floor(next() * 25));
      // Some identical and touching ranges, which random offsets rarely produce.
      if (spans.length > 1 && next() < 0.3) spans.push({ ...spans[0]!, id: 'dup' });
      if (spans.length > 1 && next() < 0.3) {
        const s = spans[1]!;
        if (s.end < length) spans.push({ id: 'touch', start: s.end, end: length });
      }
      const laid = assignLevels(spans);

      for (const a of laid) {
        const neighbours = laid.filter((b) => b !== a && overlaps(a, b));
        for (const b of neighbours) expect(a.level, `seed ${seed}`).not.toBe(b.level);
        // Lowest level: every level below is taken by a span it overlaps.
        for (let l = 0; l < a.level; l++) {
          expect(
            neighbours.some((b) => b.level === l),
            `seed ${seed}`,
          ).toBe(true);
        }
      }

      // Optimal for intervals: as many levels as the deepest point of nesting.
      let depth = 0;
      for (let p = 0; p < length; p++) {
        depth = Math.max(depth, laid.filter((s) => s.start <= p && p < s.end).length);
      }
      expect(maxLevel(laid) + 1, `seed ${seed}`).toBe(depth);

      const segs = segments(length, laid);
      let at = 0;
      for (const [k, seg] of segs.entries()) {
        expect(seg.start, `seed ${seed}`).toBe(at);
        expect(seg.end).toBeGreaterThan(seg.start);
        at = seg.end;
        const levels = seg.spans.map((s) => s.level);
        expect(levels).toEqual([...levels].sort((x, y) => x - y));
        for (let p = seg.start; p < seg.end; p++) {
          const covering = laid.filter((s) => s.start <= p && p < s.end);
          expect(new Set(seg.spans), `seed ${seed} at ${p}`).toEqual(new Set(covering));
        }
        // Maximal: neighbours differ in their span set.
        const prev = segs[k - 1];
        if (prev) expect(new Set(prev.spans)).not.toEqual(new Set(seg.spans));
      }
      expect(at, `seed ${seed}`).toBe(length);
    }
  });
});

describe('underline geometry', () => {
  it('keeps every level attached to the word: depth k sits k steps under the text, whatever the depth elsewhere', () => {
    for (let depth = 1; depth <= 6; depth++) {
      const spans = Array.from({ length: depth }, (_, k) => ({
        id: `s${k}`,
        start: k,
        end: 20 - k,
      }));
      const laid = assignLevels(spans);
      const inner = segments(20, laid).find((s) => s.start === depth - 1)!;
      const lines = underlinesOf(inner);
      expect(lines.map((l) => l.y)).toEqual(
        Array.from({ length: depth }, (_, k) => UNDERLINE_GAP + k * UNDERLINE_STEP),
      );
      // The first underline is always just under the text (not under the deepest one).
      expect(lines[0]!.y).toBe(UNDERLINE_GAP);
      // The room reserved under the text holds the deepest underline and no more.
      const deepest = lines[lines.length - 1]!;
      expect(roomBelow(depth)).toBe(deepest.y + UNDERLINE_THICKNESS + 1);
      // The innermost span starts and ends in this run; the others only pass through.
      expect(lines.filter((l) => l.startsHere && l.endsHere).map((l) => l.id)).toEqual([
        `s${depth - 1}`,
      ]);
    }
    expect(roomBelow(0)).toBe(0);
  });

  it('cuts a block of a longer text from its own offset', () => {
    const laid = assignLevels([{ id: 'a', start: 5, end: 15 }]);
    expect(segments(12, laid, 8).map((s) => [s.start, s.end, s.spans.length])).toEqual([
      [8, 12, 1],
    ]);
  });
});
