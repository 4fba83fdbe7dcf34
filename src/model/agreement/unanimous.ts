import type { Annotation } from '../annotation.ts';
import { allMatched, matchWithinLabels, type Tally } from './matching.ts';
import { boxTally, pointTally, polygonTally } from './shapes.ts';
import { geometryOf } from '../annotation-geometry.ts';
import { verdictOf } from '../conversation-answers.ts';

// Items where every labeler who worked on them said the same thing, as consensus merges in
// CVAT and INCEpTION read it: the same classes, and spans and shapes that pair one to one
// within each label at the threshold (IoU for boxes and polygons, shared code points over
// the union for spans, a radius for points). Relations must agree in number per label.
// Answers about model outputs agree on their verdicts, whatever order each labeler saw the
// responses in; rationales and rewrites (free text) are not compared.
// These are the items a lead may accept in bulk.

export interface Consensus {
  /** Boxes, polygons and spans pair at this overlap (intersection over union) or more. */
  threshold: number;
  /** Points pair within this many pixels. */
  pointRadius: number;
}

type Of<T extends Annotation['type']> = Extract<Annotation, { type: T }>;
const only = <T extends Annotation['type']>(list: readonly Annotation[], type: T) =>
  list.filter((a): a is Of<T> => a.type === type);

function spanTally(a: readonly Of<'span'>[], b: readonly Of<'span'>[], threshold: number): Tally {
  return matchWithinLabels(a, b, (x, y) => {
    const shared = Math.min(x.end, y.end) - Math.max(x.start, y.start);
    const union = Math.max(x.end, y.end) - Math.min(x.start, y.start);
    return shared > 0 && shared / union >= threshold ? shared / union : undefined;
  }).tally;
}

/** Types with no overlap measure yet (rotated boxes, polylines, keypoints, masks…): exact. */
const MEASURED = new Set(['class', 'relation', 'span', 'box', 'polygon', 'point']);
const ANSWERS = new Set(['preference', 'ranking', 'rating', 'text']);
const verdicts = (list: readonly Annotation[]) =>
  JSON.stringify(list.flatMap((a) => verdictOf(a) ?? []).sort());
const exactRest = (list: readonly Annotation[]) =>
  JSON.stringify(
    list
      .filter((a) => !MEASURED.has(a.type) && !ANSWERS.has(a.type))
      .map((a) => JSON.stringify([a.type, a.label, geometryOf(a)]))
      .sort(),
  );

const counted = (list: readonly Annotation[], type: Annotation['type']) =>
  JSON.stringify(
    list
      .filter((a) => a.type === type)
      .map((a) => a.label)
      .sort(),
  );

/** True when two labelers' annotations of one item agree under `rule`. */
export function agree(
  a: readonly Annotation[],
  b: readonly Annotation[],
  rule: Consensus,
): boolean {
  // A flag on a response is its label and the response (`field`).
  const classes = (list: readonly Annotation[]) =>
    JSON.stringify(
      [
        ...new Set(only(list, 'class').map((c) => JSON.stringify([c.label, c.field ?? null]))),
      ].sort(),
    );
  return (
    classes(a) === classes(b) &&
    verdicts(a) === verdicts(b) &&
    exactRest(a) === exactRest(b) &&
    counted(a, 'relation') === counted(b, 'relation') &&
    allMatched(spanTally(only(a, 'span'), only(b, 'span'), rule.threshold)) &&
    allMatched(boxTally(only(a, 'box'), only(b, 'box'), rule.threshold)) &&
    allMatched(polygonTally(only(a, 'polygon'), only(b, 'polygon'), rule.threshold)) &&
    allMatched(pointTally(only(a, 'point'), only(b, 'point'), rule.pointRadius))
  );
}

/**
 * The unanimous items: worked on by at least two labelers, every one agreeing with the first.
 * `work`: item id → labeler → that labeler's annotations of the item.
 */
export function unanimousItems(
  work: ReadonlyMap<string, ReadonlyMap<string, readonly Annotation[]>>,
  rule: Consensus,
): string[] {
  const out: string[] = [];
  for (const [itemId, byLabeler] of work) {
    const lists = [...byLabeler.values()];
    if (lists.length < 2) continue;
    if (lists.every((list) => agree(lists[0]!, list, rule))) out.push(itemId);
  }
  return out;
}
