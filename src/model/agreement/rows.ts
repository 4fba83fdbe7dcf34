import type { Label } from '../label.ts';
import type { F1Scores } from './f1.ts';
import { compare } from './matching.ts';
import type { Score } from './score.ts';

// The rows of the agreement table: one figure each, with what it is about.

export type AgreementKind = 'classes' | 'spans' | 'boxes' | 'polygons' | 'points';
/** What annotators of an item may differ on: the kinds agreement rows measure, and answers. */
export type ItemDifference = AgreementKind | 'answers';

export type AgreementMetric =
  | 'fleiss-kappa'
  | 'krippendorff-alpha'
  | 'cohen-kappa'
  | 'exact-precision'
  | 'exact-recall'
  | 'exact-f1'
  | 'overlap-precision'
  | 'overlap-recall'
  | 'overlap-f1'
  | 'precision'
  | 'recall'
  | 'f1'
  | 'mean-iou'
  | 'mean-distance';

/** Names for a table header. */
export const AGREEMENT_METRIC_NAMES: Record<AgreementMetric, string> = {
  'fleiss-kappa': "Fleiss' κ",
  'krippendorff-alpha': "Krippendorff's α",
  'cohen-kappa': "Cohen's κ",
  'exact-precision': 'Exact-match precision',
  'exact-recall': 'Exact-match recall',
  'exact-f1': 'Exact-match F1',
  'overlap-precision': 'Overlap precision',
  'overlap-recall': 'Overlap recall',
  'overlap-f1': 'Overlap F1',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  'mean-iou': 'Mean IoU',
  'mean-distance': 'Mean distance (px)',
};

export interface AgreementRow {
  kind: AgreementKind;
  metric: AgreementMetric;
  /** The label (id) the row is about; no label and no group: all labels. */
  label?: string;
  /** The "choose one" class group (id) the row is about. */
  group?: string;
  /** Pairwise metrics: [reference, compared] annotators. */
  pair?: readonly [string, string];
  /** Absent when the figure is undefined; then `reason` says why. */
  value?: number;
  reason?: string;
  /**
   * κ and α: items used. Precision: the compared annotator's annotations; recall: the
   * reference's; F1: both together; mean IoU and distance: matched pairs.
   */
  n: number;
}

export type RowSubject = Omit<AgreementRow, 'metric' | 'n' | 'value' | 'reason'>;

export function row(about: RowSubject, metric: AgreementMetric, score: Score): AgreementRow {
  return score.value === undefined
    ? { ...about, metric, n: score.n, reason: score.reason }
    : { ...about, metric, value: score.value, n: score.n };
}

export function f1Rows(
  about: RowSubject,
  scores: F1Scores,
  prefix: '' | 'exact-' | 'overlap-',
): AgreementRow[] {
  return [
    row(about, `${prefix}precision`, scores.precision),
    row(about, `${prefix}recall`, scores.recall),
    row(about, `${prefix}f1`, scores.f1),
  ];
}

/** Index pairs (i, j), i < j, in order: (0, 1), (0, 2), …, (1, 2), … */
export function pairsOf(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) pairs.push([i, j]);
  return pairs;
}

/**
 * Per-label rows in the project's label order (labels no longer in the project last, by
 * id), rows of one label kept in their order.
 */
export function inLabelOrder(
  labels: readonly Label[],
  rows: readonly AgreementRow[],
): AgreementRow[] {
  const position = new Map(labels.map((l, i) => [l.id, i]));
  const at = (r: AgreementRow) => position.get(r.label ?? '') ?? labels.length;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => at(x.r) - at(y.r) || compare(x.r.label ?? '', y.r.label ?? '') || x.i - y.i)
    .map(({ r }) => r);
}
