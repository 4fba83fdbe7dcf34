import type {
  Annotation,
  BoxAnnotation,
  PointAnnotation,
  PolygonAnnotation,
  SpanAnnotation,
} from '../annotation.ts';
import { labeledBy } from './class-decisions.ts';
import { allMatched, mergeTally, type Tally } from './matching.ts';
import type { AgreementInput } from './report.ts';
import {
  f1Rows,
  inLabelOrder,
  pairsOf,
  row,
  type AgreementKind,
  type AgreementRow,
} from './rows.ts';
import { boxTally, pointScores, pointTally, polygonTally, shapeScores } from './shapes.ts';
import { spanScores, spanTallies } from './spans.ts';

// Span and shape agreement, item by item, for each pair of annotators who both labeled the
// item (the first in the order of `annotators` is the reference). Summed over items, the
// counts make the rows (overall, then per label); an item where any annotation lacks a
// partner is flagged. Spans are flagged on exact matching.

export type PairwiseKind = Exclude<AgreementKind, 'classes'>;
const KINDS = ['spans', 'boxes', 'polygons', 'points'] as const;
const TYPE_OF = { spans: 'span', boxes: 'box', polygons: 'polygon', points: 'point' } as const;

export interface Thresholds {
  iouThreshold: number;
  pointRadius: number;
}

export interface Pairwise {
  rows: AgreementRow[];
  /** Item id → the kinds its annotators differ on. */
  flags: Map<string, PairwiseKind[]>;
}

/** Tallies per rule: spans have two (exact, overlap), the others one. */
type Tallies = Tally[];

export function pairwise(input: AgreementInput, thresholds: Thresholds): Pairwise {
  const { annotators } = input;
  const byItem = groupByItem(input.annotations);
  const used = new Set(input.annotations.map((a) => a.type));
  const kinds = KINDS.filter((k) => used.has(TYPE_OF[k]));
  // sums[kind][pair index] = tallies summed over the items both of the pair labeled
  const pairs = pairsOf(annotators.length);
  const sums = new Map(
    kinds.map((k) => [k, pairs.map((): Tallies => [new Map() as Tally, new Map() as Tally])]),
  );
  const flags = new Map<string, PairwiseKind[]>();
  for (const item of input.items) {
    const here = byItem.get(item.id);
    const differ: PairwiseKind[] = [];
    flags.set(item.id, differ);
    if (!here) continue;
    for (const kind of kinds) {
      let agree = true;
      pairs.forEach(([i, j], p) => {
        const [a, b] = [annotators[i]!, annotators[j]!];
        if (!labeledBy(item, a) || !labeledBy(item, b)) return;
        const mine = here.get(a)?.get(TYPE_OF[kind]) ?? [];
        const theirs = here.get(b)?.get(TYPE_OF[kind]) ?? [];
        if (mine.length === 0 && theirs.length === 0) return;
        const tallies = compare(kind, mine, theirs, thresholds);
        tallies.forEach((t, rule) => mergeTally(sums.get(kind)![p]![rule]!, t));
        if (!allMatched(tallies[0]!)) agree = false;
      });
      if (!agree) differ.push(kind);
    }
  }
  const rows = kinds.flatMap((kind) => {
    const perPair = pairs.flatMap(([i, j], p) =>
      kindRows(kind, [annotators[i]!, annotators[j]!], sums.get(kind)![p]!),
    );
    // Overall rows first (pairs in annotator order), then labels in the project's order.
    return [
      ...perPair.filter((r) => r.label === undefined),
      ...inLabelOrder(
        input.labels,
        perPair.filter((r) => r.label !== undefined),
      ),
    ];
  });
  return { rows, flags };
}

/** Annotations by item, annotator and type. */
function groupByItem(
  annotations: readonly Annotation[],
): Map<string, Map<string, Map<string, Annotation[]>>> {
  const items = new Map<string, Map<string, Map<string, Annotation[]>>>();
  for (const a of annotations) {
    let people = items.get(a.itemId);
    if (!people) items.set(a.itemId, (people = new Map<string, Map<string, Annotation[]>>()));
    let types = people.get(a.annotator);
    if (!types) people.set(a.annotator, (types = new Map<string, Annotation[]>()));
    const list = types.get(a.type);
    if (list) list.push(a);
    else types.set(a.type, [a]);
  }
  return items;
}

function compare(
  kind: PairwiseKind,
  reference: Annotation[],
  compared: Annotation[],
  { iouThreshold, pointRadius }: Thresholds,
): Tallies {
  // The lists hold only annotations of the kind's type (see groupByItem).
  switch (kind) {
    case 'spans': {
      const t = spanTallies(reference as SpanAnnotation[], compared as SpanAnnotation[]);
      return [t.exact, t.overlap];
    }
    case 'boxes':
      return [boxTally(reference as BoxAnnotation[], compared as BoxAnnotation[], iouThreshold)];
    case 'polygons':
      return [
        polygonTally(
          reference as PolygonAnnotation[],
          compared as PolygonAnnotation[],
          iouThreshold,
        ),
      ];
    case 'points':
      return [
        pointTally(reference as PointAnnotation[], compared as PointAnnotation[], pointRadius),
      ];
  }
}

function kindRows(
  kind: PairwiseKind,
  pair: readonly [string, string],
  [first, second]: Tallies,
): AgreementRow[] {
  if (kind === 'spans') {
    const { overall, labels } = spanScores({ exact: first!, overlap: second! });
    const rowsOf = (label: string | undefined, s: typeof overall) => {
      const about = { kind, pair, ...(label !== undefined && { label }) };
      return [...f1Rows(about, s.exact, 'exact-'), ...f1Rows(about, s.overlap, 'overlap-')];
    };
    return [...rowsOf(undefined, overall), ...labels.flatMap((l) => rowsOf(l.label, l))];
  }
  if (kind === 'points') {
    const { overall, labels } = pointScores(first!);
    const rowsOf = (label: string | undefined, s: typeof overall) => {
      const about = { kind, pair, ...(label !== undefined && { label }) };
      return [...f1Rows(about, s, ''), row(about, 'mean-distance', s.meanDistance)];
    };
    return [...rowsOf(undefined, overall), ...labels.flatMap((l) => rowsOf(l.label, l))];
  }
  const { overall, labels } = shapeScores(first!);
  const rowsOf = (label: string | undefined, s: typeof overall) => {
    const about = { kind, pair, ...(label !== undefined && { label }) };
    return [...f1Rows(about, s, ''), row(about, 'mean-iou', s.meanIoU)];
  };
  return [...rowsOf(undefined, overall), ...labels.flatMap((l) => rowsOf(l.label, l))];
}
