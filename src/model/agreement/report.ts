import type { Annotation } from '../annotation.ts';
import type { ClassGroup } from '../class-group.ts';
import type { Label } from '../label.ts';
import type { AgreementItem } from './class-decisions.ts';
import { classRows } from './class-rows.ts';
import { itemFlags } from './item-flags.ts';
import { pairwise } from './pairwise.ts';
import type { AgreementRow, ItemDifference } from './rows.ts';
import { DEFAULT_IOU_THRESHOLD, DEFAULT_POINT_RADIUS } from './shapes.ts';

// Everything the review view shows about agreement in a project, as plain data: JSON
// round-trips it, and a row without `value` is an undefined figure whose `reason` says why.
// - classes: class-rows.ts (how decisions are read from annotations: class-decisions.ts)
// - spans, boxes, polygons, points: pairwise.ts
// - items annotators differ on: item-flags.ts (and pairwise.ts)

export type { AgreementItem } from './class-decisions.ts';
export type { AgreementKind, AgreementMetric, AgreementRow, ItemDifference } from './rows.ts';
export { AGREEMENT_METRIC_NAMES } from './rows.ts';

export interface AgreementInput {
  labels: readonly Label[];
  classGroups: readonly ClassGroup[];
  /** Whose work to compare, in the order pairs are formed (the first of a pair is the reference). */
  annotators: readonly string[];
  /** The items to compare; annotations on other items are left out. */
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
  /** Classes, then spans, boxes, polygons, points; overall rows before groups and labels. */
  rows: AgreementRow[];
  /** Item id → the kinds its annotators differ on (empty: they agree). */
  items: Record<string, ItemDifference[]>;
}

export function agreementReport(
  input: AgreementInput,
  options: AgreementOptions = {},
): AgreementReport {
  const thresholds = {
    iouThreshold: options.iouThreshold ?? DEFAULT_IOU_THRESHOLD,
    pointRadius: options.pointRadius ?? DEFAULT_POINT_RADIUS,
  };
  const annotators = [...new Set(input.annotators)];
  const itemIds = new Set(input.items.map((i) => i.id));
  const compared = new Set(annotators);
  const scoped: AgreementInput = {
    ...input,
    annotators,
    annotations: input.annotations.filter(
      (a) => itemIds.has(a.itemId) && compared.has(a.annotator),
    ),
  };
  const spansAndShapes = pairwise(scoped, thresholds);
  return {
    annotators,
    ...thresholds,
    rows: [...classRows(scoped), ...spansAndShapes.rows],
    items: itemFlags(scoped, spansAndShapes.flags),
  };
}

/** True when the annotators of the item differ on anything the report compares. */
export function disagreement(report: AgreementReport, itemId: string): boolean {
  return Object.hasOwn(report.items, itemId) && report.items[itemId]!.length > 0;
}
