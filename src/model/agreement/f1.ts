import { scored, unscored, type Score } from './score.ts';

// Precision, recall and F1 of one annotator's annotations against another's, taken as the
// reference. F1 = 2 · matched / (reference + compared) does not depend on which is which.

export interface MatchCounts {
  /** Pairs matched one to one. */
  matched: number;
  /** Annotations of the reference annotator. */
  reference: number;
  /** Annotations of the compared annotator. */
  compared: number;
}

export interface F1Scores extends MatchCounts {
  /** matched / compared; n = compared. */
  precision: Score;
  /** matched / reference; n = reference. */
  recall: Score;
  /** 2 · matched / (reference + compared); n = reference + compared. */
  f1: Score;
}

export function f1Scores({ matched, reference, compared }: MatchCounts): F1Scores {
  const total = reference + compared;
  return {
    matched,
    reference,
    compared,
    precision:
      compared === 0
        ? unscored('the compared annotator made none', 0)
        : scored(matched / compared, compared),
    recall:
      reference === 0
        ? unscored('the reference annotator made none', 0)
        : scored(matched / reference, reference),
    f1:
      total === 0
        ? unscored('neither annotator made any', 0)
        : scored((2 * matched) / total, total),
  };
}

/** A mean (IoU of matched pairs, say) from its sum and count, or why there is none. */
export function mean(sum: number, n: number, reason: string): Score {
  return n === 0 ? unscored(reason, 0) : scored(sum / n, n);
}
