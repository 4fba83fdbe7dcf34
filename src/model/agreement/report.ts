import type {
  Annotation,
  BoxAnnotation,
  PointAnnotation,
  PolygonAnnotation,
  SpanAnnotation,
} from '../annotation.ts';
import type { ClassGroup } from '../class-group.ts';
import type { Label } from '../label.ts';
import type { ByLabel } from './by-label.ts';
import {
  classChoices,
  classQuestions,
  isClassLabel,
  labeledBy,
  type AgreementItem,
  type ClassQuestion,
} from './class-decisions.ts';
import { cohenKappa, fleissKappa, krippendorffAlpha, type Rating } from './classes.ts';
import type { F1Scores } from './f1.ts';
import { compare } from './matching.ts';
import type { Score } from './score.ts';
import {
  boxAgreement,
  DEFAULT_IOU_THRESHOLD,
  DEFAULT_POINT_RADIUS,
  pointAgreement,
  polygonAgreement,
  type PointScores,
  type ShapeScores,
} from './shapes.ts';
import { spanAgreement, type SpanScores } from './spans.ts';

// Everything the review view shows about agreement in a project, as plain data (JSON
// round-trips it; a missing `value` means "undefined, see `reason`").
//
// - Classes: per "choose one" group (categories = its labels), per class label (present or
//   absent; see class-decisions.ts) and overall, which pools every label's present/absent
//   decisions. Fleiss' κ and Krippendorff's α over all annotators, Cohen's κ per pair.
// - Spans, boxes, polygons, points: per pair of annotators (the first of the pair, in the
//   order of `annotators`, is the reference), on the items both labeled; per label and
//   overall (micro: pooled counts). Relations are not compared.
// - Per item: the kinds on which the annotators who labeled it differ.

export type AgreementKind = 'classes' | 'spans' | 'boxes' | 'polygons' | 'points';

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
  value?: number;
  /** Why there is no value. */
  reason?: string;
  /**
   * κ and α: items used. Precision: the compared annotator's annotations; recall: the
   * reference's; F1: both together; mean IoU and distance: matched pairs.
   */
  n: number;
}

export interface AgreementInput {
  labels: readonly Label[];
  classGroups: readonly ClassGroup[];
  annotators: readonly string[];
  items: readonly AgreementItem[];
  /** Every annotator's annotations; `annotator` says whose each one is. */
  annotations: readonly Annotation[];
}

export interface AgreementOptions {
  /** Boxes and polygons pair at this IoU or more; default 0.5. */
  iouThreshold?: number;
  /** Points pair within this many pixels; default 10. */
  pointRadius?: number;
}

export interface AgreementReport {
  annotators: string[];
  iouThreshold: number;
  pointRadius: number;
  rows: AgreementRow[];
  /**
   * Item id → the kinds its annotators differ on: class choices, spans (exact), boxes and
   * polygons (a shape without a partner at the IoU threshold), points (none within the
   * radius). Empty when they agree or fewer than two annotators labeled the item.
   */
  items: Record<string, AgreementKind[]>;
}

export type { AgreementItem } from './class-decisions.ts';

/** True when the item's annotators differ on anything the report compares. */
export function disagreement(report: AgreementReport, itemId: string): boolean {
  return (report.items[itemId]?.length ?? 0) > 0;
}

export function agreementReport(
  input: AgreementInput,
  options: AgreementOptions = {},
): AgreementReport {
  const iouThreshold = options.iouThreshold ?? DEFAULT_IOU_THRESHOLD;
  const pointRadius = options.pointRadius ?? DEFAULT_POINT_RADIUS;
  const annotators = [...new Set(input.annotators)];
  const itemIds = new Set(input.items.map((i) => i.id));
  const known = new Set(annotators);
  const annotations = input.annotations.filter(
    (a) => itemIds.has(a.itemId) && known.has(a.annotator),
  );
  const context = { ...input, annotators, annotations };
  const labelOrder = orderOfLabels(input.labels);
  const compared = new Comparison(context, iouThreshold, pointRadius);
  return {
    annotators,
    iouThreshold,
    pointRadius,
    rows: [...classRows(context, labelOrder), ...compared.rows(labelOrder)],
    items: compared.itemDisagreements(),
  };
}

type Context = AgreementInput & { annotators: string[] };

function classRows(
  input: Context,
  labelOrder: (rows: AgreementRow[]) => AgreementRow[],
): AgreementRow[] {
  if (!input.labels.some(isClassLabel)) return [];
  const { groups, labels } = classQuestions(input);
  const pooled: ClassQuestion = {
    itemIds: labels.flatMap((q) => q.itemIds),
    ratings: labels.flatMap((q) => q.ratings),
  };
  const order = new Map(input.classGroups.map((g, i) => [g.id, i]));
  return [
    ...questionRows(pooled, input.annotators),
    ...groups
      .sort((a, b) => order.get(a.group!)! - order.get(b.group!)!)
      .flatMap((q) => questionRows(q, input.annotators)),
    ...labelOrder(labels.flatMap((q) => questionRows(q, input.annotators))),
  ];
}

function questionRows(question: ClassQuestion, annotators: readonly string[]): AgreementRow[] {
  const about = {
    kind: 'classes' as const,
    ...(question.group !== undefined && { group: question.group }),
    ...(question.label !== undefined && { label: question.label }),
  };
  const rows = [
    row(about, 'fleiss-kappa', fleissKappa(question.ratings)),
    row(about, 'krippendorff-alpha', krippendorffAlpha(question.ratings)),
  ];
  for (const [i, j] of pairsOf(annotators.length)) {
    const units = question.ratings.map((r): [Rating, Rating] => [r[i], r[j]]);
    rows.push(
      row({ ...about, pair: [annotators[i]!, annotators[j]!] }, 'cohen-kappa', cohenKappa(units)),
    );
  }
  return rows;
}

/** The pairwise comparisons of spans and shapes, and each item's disagreements. */
class Comparison {
  readonly #byItem = new Map<string, Annotation[]>();

  constructor(
    private readonly input: Context,
    private readonly iouThreshold: number,
    private readonly pointRadius: number,
  ) {
    for (const a of input.annotations) {
      const list = this.#byItem.get(a.itemId);
      if (list) list.push(a);
      else this.#byItem.set(a.itemId, [a]);
    }
  }

  rows(labelOrder: (rows: AgreementRow[]) => AgreementRow[]): AgreementRow[] {
    const { annotators, annotations, items } = this.input;
    const present = new Set(annotations.map((a) => a.type));
    const out: AgreementRow[] = [];
    for (const kind of ['spans', 'boxes', 'polygons', 'points'] as const) {
      if (!present.has(TYPE_OF[kind])) continue;
      const perPair: AgreementRow[] = [];
      for (const [i, j] of pairsOf(annotators.length)) {
        const pair: [string, string] = [annotators[i]!, annotators[j]!];
        const shared = new Set(
          items.filter((item) => pair.every((a) => labeledBy(item, a))).map((x) => x.id),
        );
        const mine = (who: string) =>
          annotations.filter((a) => a.annotator === who && shared.has(a.itemId));
        perPair.push(...this.#pairRows(kind, pair, mine(pair[0]), mine(pair[1])));
      }
      // Overall rows first, then labels in the project's order; pairs in annotator order.
      out.push(
        ...perPair.filter((r) => r.label === undefined),
        ...labelOrder(perPair.filter((r) => r.label !== undefined)),
      );
    }
    return out;
  }

  itemDisagreements(): Record<string, AgreementKind[]> {
    const { annotators, items, labels } = this.input;
    const classLabels = new Set(labels.filter(isClassLabel).map((l) => l.id));
    const out: Record<string, AgreementKind[]> = {};
    for (const item of items) {
      const who = annotators.filter((a) => labeledBy(item, a));
      const here = this.#byItem.get(item.id) ?? [];
      const kinds: AgreementKind[] = [];
      if (who.length >= 2) {
        const chosen = classChoices(here, classLabels).get(item.id);
        const classes = who.map((a) => [...(chosen?.get(a) ?? [])].sort().join('\n'));
        if (classes.some((c) => c !== classes[0])) kinds.push('classes');
        for (const kind of ['spans', 'boxes', 'polygons', 'points'] as const) {
          if (this.#differ(kind, who, here)) kinds.push(kind);
        }
      }
      out[item.id] = kinds;
    }
    return out;
  }

  #differ(
    kind: Exclude<AgreementKind, 'classes'>,
    who: readonly string[],
    here: readonly Annotation[],
  ): boolean {
    const type = TYPE_OF[kind];
    const of = (a: string) => here.filter((x) => x.annotator === a && x.type === type);
    for (const [i, j] of pairsOf(who.length)) {
      const counts = this.#compare(kind, of(who[i]!), of(who[j]!)).overall;
      const c = 'exact' in counts ? counts.exact : counts;
      if (c.matched !== c.reference || c.matched !== c.compared) return true;
    }
    return false;
  }

  #compare(
    kind: Exclude<AgreementKind, 'classes'>,
    a: Annotation[],
    b: Annotation[],
  ): ByLabel<SpanScores | ShapeScores | PointScores> {
    switch (kind) {
      case 'spans':
        return spanAgreement(a as SpanAnnotation[], b as SpanAnnotation[]);
      case 'boxes':
        return boxAgreement(a as BoxAnnotation[], b as BoxAnnotation[], this.iouThreshold);
      case 'polygons':
        return polygonAgreement(
          a as PolygonAnnotation[],
          b as PolygonAnnotation[],
          this.iouThreshold,
        );
      case 'points':
        return pointAgreement(a as PointAnnotation[], b as PointAnnotation[], this.pointRadius);
    }
  }

  #pairRows(
    kind: Exclude<AgreementKind, 'classes'>,
    pair: [string, string],
    a: Annotation[],
    b: Annotation[],
  ): AgreementRow[] {
    const type = TYPE_OF[kind];
    const result = this.#compare(
      kind,
      a.filter((x) => x.type === type),
      b.filter((x) => x.type === type),
    );
    const rowsOf = (
      about: Partial<AgreementRow>,
      scores: SpanScores | ShapeScores | PointScores,
    ) => {
      const where = { kind, pair, ...about };
      if ('exact' in scores) {
        return [
          ...f1Rows(where, scores.exact, 'exact-'),
          ...f1Rows(where, scores.overlap, 'overlap-'),
        ];
      }
      const extra =
        'meanIoU' in scores
          ? row(where, 'mean-iou', scores.meanIoU)
          : row(where, 'mean-distance', scores.meanDistance);
      return [...f1Rows(where, scores, ''), extra];
    };
    return [
      ...rowsOf({}, result.overall),
      ...result.labels.flatMap(({ label, ...scores }) => rowsOf({ label }, scores)),
    ];
  }
}

const TYPE_OF = { spans: 'span', boxes: 'box', polygons: 'polygon', points: 'point' } as const;

function f1Rows(
  about: Omit<AgreementRow, 'metric' | 'n'>,
  scores: F1Scores,
  prefix: '' | 'exact-' | 'overlap-',
): AgreementRow[] {
  return [
    row(about, `${prefix}precision`, scores.precision),
    row(about, `${prefix}recall`, scores.recall),
    row(about, `${prefix}f1`, scores.f1),
  ];
}

function row(
  about: Omit<AgreementRow, 'metric' | 'n'>,
  metric: AgreementMetric,
  score: Score,
): AgreementRow {
  return score.value === undefined
    ? { ...about, metric, n: score.n, reason: score.reason }
    : { ...about, metric, value: score.value, n: score.n };
}

/** Index pairs (i, j), i < j, in order. */
function pairsOf(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) pairs.push([i, j]);
  return pairs;
}

/**
 * Sorts per-label rows by the project's label order (labels no longer in the project after,
 * by id), keeping the order of rows within a label.
 */
function orderOfLabels(labels: readonly Label[]): (rows: AgreementRow[]) => AgreementRow[] {
  const position = new Map(labels.map((l, i) => [l.id, i]));
  return (rows) =>
    rows
      .map((r, i) => ({ r, i }))
      .sort((x, y) => {
        const px = position.get(x.r.label!) ?? Infinity;
        const py = position.get(y.r.label!) ?? Infinity;
        if (px !== py) return px - py;
        return compare(x.r.label!, y.r.label!) || x.i - y.i;
      })
      .map(({ r }) => r);
}
