import type {
  Annotation,
  BoxAnnotation,
  PointAnnotation,
  PolygonAnnotation,
  SpanAnnotation,
} from '../annotation.ts';
import type { ByLabel } from './by-label.ts';
import { labeledBy } from './class-decisions.ts';
import type { AgreementInput } from './report.ts';
import {
  f1Rows,
  inLabelOrder,
  pairsOf,
  row,
  type AgreementKind,
  type AgreementRow,
} from './rows.ts';
import {
  boxAgreement,
  pointAgreement,
  polygonAgreement,
  type PointScores,
  type ShapeScores,
} from './shapes.ts';
import { spanAgreement, type SpanScores } from './spans.ts';

// Span and shape agreement rows: for each pair of annotators (the first in the order of
// `annotators` is the reference), on the items both labeled; overall, then per label.

export type PairwiseKind = Exclude<AgreementKind, 'classes'>;
export const PAIRWISE_KINDS = ['spans', 'boxes', 'polygons', 'points'] as const;
export const TYPE_OF = {
  spans: 'span',
  boxes: 'box',
  polygons: 'polygon',
  points: 'point',
} as const;

export interface Thresholds {
  iouThreshold: number;
  pointRadius: number;
}

type Scores = SpanScores | ShapeScores | PointScores;

/** Compares two annotators' annotations of one kind (others in the lists are ignored). */
export function compareKind(
  kind: PairwiseKind,
  reference: readonly Annotation[],
  compared: readonly Annotation[],
  { iouThreshold, pointRadius }: Thresholds,
): ByLabel<Scores> {
  const of = <T extends Annotation>(list: readonly Annotation[]) =>
    list.filter((a) => a.type === TYPE_OF[kind]) as T[];
  switch (kind) {
    case 'spans':
      return spanAgreement(of<SpanAnnotation>(reference), of<SpanAnnotation>(compared));
    case 'boxes':
      return boxAgreement(of<BoxAnnotation>(reference), of<BoxAnnotation>(compared), iouThreshold);
    case 'polygons':
      return polygonAgreement(
        of<PolygonAnnotation>(reference),
        of<PolygonAnnotation>(compared),
        iouThreshold,
      );
    case 'points':
      return pointAgreement(
        of<PointAnnotation>(reference),
        of<PointAnnotation>(compared),
        pointRadius,
      );
  }
}

/** Rows for every kind someone annotated; kinds nobody used get none. */
export function pairwiseRows(input: AgreementInput, thresholds: Thresholds): AgreementRow[] {
  const { annotators, annotations, items } = input;
  const used = new Set(annotations.map((a) => a.type));
  const out: AgreementRow[] = [];
  for (const kind of PAIRWISE_KINDS) {
    if (!used.has(TYPE_OF[kind])) continue;
    const rows: AgreementRow[] = [];
    for (const [i, j] of pairsOf(annotators.length)) {
      const pair = [annotators[i]!, annotators[j]!] as const;
      const shared = new Set(
        items.filter((item) => pair.every((a) => labeledBy(item, a))).map((item) => item.id),
      );
      const by = (who: string) =>
        annotations.filter((a) => a.annotator === who && shared.has(a.itemId));
      const result = compareKind(kind, by(pair[0]), by(pair[1]), thresholds);
      rows.push(
        ...scoreRows({ kind, pair }, result.overall),
        ...result.labels.flatMap(({ label, ...scores }) =>
          scoreRows({ kind, pair, label }, scores),
        ),
      );
    }
    // Overall rows first (pairs in annotator order), then labels in the project's order.
    out.push(
      ...rows.filter((r) => r.label === undefined),
      ...inLabelOrder(
        input.labels,
        rows.filter((r) => r.label !== undefined),
      ),
    );
  }
  return out;
}

function scoreRows(
  about: { kind: PairwiseKind; pair: readonly [string, string]; label?: string },
  scores: Scores,
): AgreementRow[] {
  if ('exact' in scores) {
    return [...f1Rows(about, scores.exact, 'exact-'), ...f1Rows(about, scores.overlap, 'overlap-')];
  }
  return [
    ...f1Rows(about, scores, ''),
    'meanIoU' in scores
      ? row(about, 'mean-iou', scores.meanIoU)
      : row(about, 'mean-distance', scores.meanDistance),
  ];
}
