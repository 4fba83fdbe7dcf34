import type { SpanAnnotation } from '../annotation.ts';
import { byLabel, type ByLabel } from './by-label.ts';
import { f1Scores, type F1Scores } from './f1.ts';
import { groupsOf, matchGroups, matchWithinLabels, type Paired, type Tally } from './matching.ts';

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

export type SpanTallies = Record<SpanRule, Tally>;

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
  return spanScores(spanTallies(reference, compared));
}

export function spanTallies(
  reference: readonly SpanAnnotation[],
  compared: readonly SpanAnnotation[],
): SpanTallies {
  const groups = groupsOf(reference, compared);
  return {
    exact: matchGroups(groups, RULES.exact).tally,
    overlap: matchGroups(groups, RULES.overlap).tally,
  };
}

export function spanScores(tallies: SpanTallies): ByLabel<SpanScores> {
  const exact = byLabel(tallies.exact, f1Scores);
  const overlap = byLabel(tallies.overlap, f1Scores);
  return {
    overall: { exact: exact.overall, overlap: overlap.overall },
    // Both rules count the same annotations, so they have the same labels.
    labels: exact.labels.map(({ label }) => ({
      label,
      exact: f1Scores(tallies.exact.get(label)!),
      overlap: f1Scores(tallies.overlap.get(label)!),
    })),
  };
}
