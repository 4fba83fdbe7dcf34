import type { BoxAnnotation, PointAnnotation, PolygonAnnotation } from '../annotation.ts';
import type { ByLabel } from './by-label.ts';
import { addCounts, f1Scores, mean, type F1Scores, type MatchCounts } from './f1.ts';
import { boxIoU, polygonRegion, regionIoU, regionIoUBound, type Region } from './iou.ts';
import { matchWithinLabels, type LabelMatching, type Paired } from './matching.ts';
import type { Score } from './score.ts';

// Image agreement between two annotators on the same items, the first taken as reference.
// Boxes pair with boxes and polygons with polygons, never across (a box and a tight polygon
// of the same object rarely reach a useful IoU), each within one item and one label, one to
// one, the highest IoU first (ties: lower ids first). A pair counts when its IoU is at least
// the threshold. Points pair when they lie within a radius, the nearest first.

export const DEFAULT_IOU_THRESHOLD = 0.5;
/** Pixels of the original image. */
export const DEFAULT_POINT_RADIUS = 10;

export interface ShapeScores extends F1Scores {
  /** Mean IoU of the matched pairs; n = matched pairs. */
  meanIoU: Score;
}

export interface PointScores extends F1Scores {
  /** Mean distance in pixels of the matched pairs; n = matched pairs. */
  meanDistance: Score;
}

export function boxPairs(
  reference: readonly BoxAnnotation[],
  compared: readonly BoxAnnotation[],
  threshold = DEFAULT_IOU_THRESHOLD,
): Paired<BoxAnnotation>[] {
  return matchBoxes(reference, compared, threshold).pairs;
}

export function boxAgreement(
  reference: readonly BoxAnnotation[],
  compared: readonly BoxAnnotation[],
  threshold = DEFAULT_IOU_THRESHOLD,
): ByLabel<ShapeScores> {
  return shapeScores(matchBoxes(reference, compared, threshold));
}

export function polygonPairs(
  reference: readonly PolygonAnnotation[],
  compared: readonly PolygonAnnotation[],
  threshold = DEFAULT_IOU_THRESHOLD,
): Paired<PolygonAnnotation>[] {
  return matchPolygons(reference, compared, threshold).pairs;
}

export function polygonAgreement(
  reference: readonly PolygonAnnotation[],
  compared: readonly PolygonAnnotation[],
  threshold = DEFAULT_IOU_THRESHOLD,
): ByLabel<ShapeScores> {
  return shapeScores(matchPolygons(reference, compared, threshold));
}

/** Matched points; score is the distance in pixels. */
export function pointPairs(
  reference: readonly PointAnnotation[],
  compared: readonly PointAnnotation[],
  radius = DEFAULT_POINT_RADIUS,
): Paired<PointAnnotation>[] {
  return matchPoints(reference, compared, radius).pairs.map((p) => ({ ...p, score: -p.score }));
}

export function pointAgreement(
  reference: readonly PointAnnotation[],
  compared: readonly PointAnnotation[],
  radius = DEFAULT_POINT_RADIUS,
): ByLabel<PointScores> {
  const { pairs, counts } = matchPoints(reference, compared, radius);
  const scores = (matches: Paired<PointAnnotation>[], c: MatchCounts): PointScores => ({
    ...f1Scores(c),
    meanDistance: mean(
      matches.map((m) => -m.score),
      'no points were matched',
    ),
  });
  return byLabel(pairs, counts, scores);
}

function matchBoxes(
  reference: readonly BoxAnnotation[],
  compared: readonly BoxAnnotation[],
  threshold: number,
): LabelMatching<BoxAnnotation> {
  checkThreshold(threshold);
  return matchWithinLabels(reference, compared, (a, b) => atLeast(boxIoU(a, b), threshold));
}

function matchPolygons(
  reference: readonly PolygonAnnotation[],
  compared: readonly PolygonAnnotation[],
  threshold: number,
): LabelMatching<PolygonAnnotation> {
  checkThreshold(threshold);
  const regions = new Map<PolygonAnnotation, Region>();
  const region = (p: PolygonAnnotation) => {
    let r = regions.get(p);
    if (!r) regions.set(p, (r = polygonRegion(p.points)));
    return r;
  };
  return matchWithinLabels(reference, compared, (a, b) => {
    const ra = region(a);
    const rb = region(b);
    if (regionIoUBound(ra, rb) < threshold) return undefined;
    return atLeast(regionIoU(ra, rb), threshold);
  });
}

function matchPoints(
  reference: readonly PointAnnotation[],
  compared: readonly PointAnnotation[],
  radius: number,
): LabelMatching<PointAnnotation> {
  if (!(radius >= 0) || !Number.isFinite(radius)) {
    throw new RangeError(`a point radius is a distance in pixels, 0 or more, not ${radius}`);
  }
  // Nearest first: the score is the negated distance, so that higher is better.
  return matchWithinLabels(reference, compared, (a, b) => {
    const distance = Math.hypot(a.x - b.x, a.y - b.y);
    return distance <= radius ? -distance : undefined;
  });
}

/** An IoU that can pair: at least the threshold, and some shared area at all. */
function atLeast(iou: number, threshold: number): number | undefined {
  return iou > 0 && iou >= threshold ? iou : undefined;
}

function checkThreshold(threshold: number): void {
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(`an IoU threshold is between 0 and 1, not ${threshold}`);
  }
}

function shapeScores<T extends { label: string }>(
  matching: LabelMatching<T>,
): ByLabel<ShapeScores> {
  return byLabel(matching.pairs, matching.counts, (matches, c) => ({
    ...f1Scores(c),
    meanIoU: mean(
      matches.map((m) => m.score),
      'no shapes were matched',
    ),
  }));
}

function byLabel<T extends { label: string }, S>(
  pairs: readonly Paired<T>[],
  counts: Map<string, MatchCounts>,
  scores: (pairs: Paired<T>[], counts: MatchCounts) => S,
): ByLabel<S> {
  return {
    overall: scores([...pairs], addCounts([...counts.values()])),
    labels: [...counts].map(([label, c]) => ({
      label,
      ...scores(
        pairs.filter((p) => p.reference.label === label),
        c,
      ),
    })),
  };
}
