import { z } from 'zod';
import type { SpanAnnotation } from './annotation.ts';

// A suggested span: what a pattern, a term list or "label every occurrence" proposes. Kept
// apart from annotations (never exported, never counted) until the labeler accepts it.

export const Suggestion = z
  .object({
    id: z.string().min(1),
    /** Label id. */
    label: z.string().min(1),
    /** Half-open code point offsets, as spans. */
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    text: z.string(),
  })
  .refine((s) => s.end > s.start, 'a suggestion ends after it starts');
export type Suggestion = z.infer<typeof Suggestion>;

const keyOf = (s: { label: string; start: number; end: number }) =>
  `${s.label}:${s.start}:${s.end}`;

/**
 * Adds new suggestions to the ones already waiting, dropping any that a span with the same
 * label and offsets already covers, and any already suggested. Sorted in reading order.
 */
export function mergeSuggestions(
  waiting: readonly Suggestion[],
  fresh: readonly Suggestion[],
  spans: readonly Pick<SpanAnnotation, 'label' | 'start' | 'end'>[],
): Suggestion[] {
  const taken = new Set([...spans.map(keyOf), ...waiting.map(keyOf)]);
  const out = [...waiting];
  for (const s of fresh) {
    if (taken.has(keyOf(s))) continue;
    taken.add(keyOf(s));
    out.push(s);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * A waiting list after some suggestions left it (gone) and others came (back), in reading order.
 * One coming back replaces any waiting with the same label and offsets (suggested again since).
 */
export function changeWaiting(
  waiting: readonly Suggestion[],
  gone: readonly Pick<Suggestion, 'id'>[],
  back: readonly Suggestion[],
): Suggestion[] {
  const leaving = new Set(gone.map((s) => s.id));
  const returning = new Set(back.map(keyOf));
  const stay = waiting.filter((s) => !leaving.has(s.id) && !returning.has(keyOf(s)));
  return [...stay, ...back].sort((a, b) => a.start - b.start || b.end - a.end);
}
