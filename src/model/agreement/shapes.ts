import type { BoxAnnotation, PointAnnotation, PolygonAnnotation } from '../annotation.ts';
import { byLabel, type ByLabel } from './by-label.ts';
import { f1Scores, mean, type F1Scores } from './f1.ts';
import { boxIoU, polygonRegion, regionIoU, regionIoUBound, type Region } from './iou.ts';
import { matchWithinLabels, type LabelMatching, type Paired, type Tally } from './matching.ts';
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

/** Matched boxes; score is the IoU. */
export function boxPairs(
  reference: readonly BoxAnnotation[],
  compared: readonly BoxAnnotation[],
  threshold = DEFAULT_IOU_THRESHOLD,
): Paired<BoxAnnotation>[] {
  return matchBoxes(reference, compared, threshold).pairs;
}

/** Per label: counts, and the sum of the matched pairs' IoU. */
export function boxTally(
  reference: readonly BoxAnnotation[],
  compared: readonly BoxAnnotation[],
  threshold = DEFAULT_IOU_THRESHOLD,
): Tally {
  return matchBoxes(reference, compared, threshold).tally;
}

export function boxAgreement(
  reference: readonly BoxAnnotation[],
  compared: readonly BoxAnnotation[],
  threshold = DEFAULT_IOU_THRESHOLD,
): ByLabel<ShapeScores> {
  return shapeScores(boxTally(reference, compared, threshold));
}

/** Matched polygons; score is the IoU. */
export function polygonPairs(
  reference: readonly PolygonAnnotation[],
  compared: readonly PolygonAnnotation[],
  threshold = DEFAULT_IOU_THRESHOLD,
): Paired<PolygonAnnotation>[] {
  return matchPolygons(reference, compared, threshold).pairs;
}

export function polygonTally(
  reference: readonly PolygonAnnotation[],
  compared: readonly PolygonAnnotation[],
  threshold = DEFAULT_IOU_THRESHOLD,
): Tally {
  return matchPolygons(reference, compared, threshold).tally;
}

export function polygonAgreement(
  reference: readonly PolygonAnnotation[],
  compared: readonly PolygonAnnotation[],
  threshold = DEFAULT_IOU_THRESHOLD,
): ByLabel<ShapeScores> {
  return shapeScores(polygonTally(reference, compared, threshold));
}

export function shapeScores(tally: Tally): ByLabel<ShapeScores> {
  return byLabel(tally, (t) => ({
    ...f1Scores(t),
    meanIoU: mean(t.scoreSum, t.matched, 'no shapes were matched'),
  }));
}

/** Matched points; score is the distance in pixels. */
export function pointPairs(
  reference: readonly PointAnnotation[],
  compared: readonly PointAnnotation[],
  radius = DEFAULT_POINT_RADIUS,
): Paired<PointAnnotation>[] {
  return matchPoints(reference, compared, radius).pairs.map((p) => ({ ...p, score: -p.score }));
}

/** Per label: counts, and the sum of the matched pairs' distances, negated. */
export function pointTally(
  reference: readonly PointAnnotation[],
  compared: readonly PointAnnotation[],
  radius = DEFAULT_POINT_RADIUS,
): Tally {
  return matchPoints(reference, compared, radius).tally;
}

export function pointAgreement(
  reference: readonly PointAnnotation[],
  compared: readonly PointAnnotation[],
  radius = DEFAULT_POINT_RADIUS,
): ByLabel<PointScores> {
  return pointScores(pointTally(reference, compared, radius));
}

export function pointScores(tally: Tally): ByLabel<PointScores> {
  return byLabel(tally, (t) => ({
    ...f1Scores(t),
    meanDistance: mean(Math.abs(t.scoreSum), t.matched, 'no points were matched'),
  }));
}

function matchBoxes(
  reference: readonly BoxAnnotation[],
  compared: readonly BoxAnnotation[],
  threshold: number,
): LabelMatching<BoxAnnotation> {
  checkThreshold(threshold);
  return matchWithinLabels(reference, compared, (a, b) => atLeast(boxIoU(a, b), threshold));
}

// Annotations are immutable values, so a polygon's triangles can be kept as long as it lives.
const regions = new WeakMap<PolygonAnnotation, Region>();

function regionOf(polygon: PolygonAnnotation): Region {
  let region = regions.get(polygon);
  if (!region) regions.set(polygon, (region = polygonRegion(polygon.points)));
  return region;
}

function matchPolygons(
  reference: readonly PolygonAnnotation[],
  compared: readonly PolygonAnnotation[],
  threshold: number,
): LabelMatching<PolygonAnnotation> {
  checkThreshold(threshold);
  return matchWithinLabels(reference, compared, (a, b) => {
    const ra = regionOf(a);
    const rb = regionOf(b);
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
