import type { SpanAnnotation } from '../annotation.ts';
import type { ByLabel } from './by-label.ts';
import { addCounts, f1Scores, type F1Scores } from './f1.ts';
import { matchWithinLabels, type Paired } from './matching.ts';

// Span agreement between two annotators on the same items, the first taken as reference.
// - exact: a pair matches when start, end and label are all the same.
// - overlap: a pair matches when the spans share at least one code point and have the same
//   label; one to one, the longest overlap first (ties: lower ids first), so a long span
//   does not also count for a second, smaller one inside it.

export type SpanRule = 'exact' | 'overlap';

export interface SpanScores {
  exact: F1Scores;
  overlap: F1Scores;
}

const RULES: Record<SpanRule, (a: SpanAnnotation, b: SpanAnnotation) => number | undefined> = {
  exact: (a, b) => (a.start === b.start && a.end === b.end ? 1 : undefined),
  overlap: (a, b) => {
    const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
    return shared > 0 ? shared : undefined;
  },
};

/** The matched pairs under one rule; score is 1 (exact) or the shared code points (overlap). */
export function spanPairs(
  reference: readonly SpanAnnotation[],
  compared: readonly SpanAnnotation[],
  rule: SpanRule,
): Paired<SpanAnnotation>[] {
  return matchWithinLabels(reference, compared, RULES[rule]).pairs;
}

export function spanAgreement(
  reference: readonly SpanAnnotation[],
  compared: readonly SpanAnnotation[],
): ByLabel<SpanScores> {
  const exact = matchWithinLabels(reference, compared, RULES.exact).counts;
  const overlap = matchWithinLabels(reference, compared, RULES.overlap).counts;
  return {
    overall: {
      exact: f1Scores(addCounts([...exact.values()])),
      overlap: f1Scores(addCounts([...overlap.values()])),
    },
    labels: [...exact.keys()].map((label) => ({
      label,
      exact: f1Scores(exact.get(label)!),
      overlap: f1Scores(overlap.get(label)!),
    })),
  };
}
