import type {
  Annotation,
  BoxAnnotation,
  ClassAnnotation,
  ImageGeometry,
  KeypointsAnnotation,
  MaskAnnotation,
  MultiPolygonAnnotation,
  PointAnnotation,
  PolygonAnnotation,
  PolylineAnnotation,
  RelationAnnotation,
  RotatedBoxAnnotation,
  SpanAnnotation,
} from '../model/annotation.ts';
import { outsideImage } from '../model/extent.ts';
import {
  answerScaleFits,
  oneAnswerEach,
  preferenceFits,
  rankingFits,
  ratingFits,
  textFits,
} from './intake-conversation.ts';
import { attributeProblems } from '../model/attributes.ts';
import type { Item } from '../model/item.ts';
import type { Label, LabelKind } from '../model/label.ts';
import type { ClassGroup } from '../model/class-group.ts';
import { CodePointIndex } from '../model/offsets.ts';
import { messageContent } from '../model/conversation-spans.ts';

// What a received annotation must satisfy to enter the lead's result: it fits its item (span
// offsets inside the text and equal to the slice, shapes inside the image within half a
// pixel, never clamped), its label fits the item kind and the annotation type, a "choose one"
// group holds at most one class, relations join spans of the same item, and the item was
// sent to that labeler. Pure functions, one per rule; each returns the reason or undefined.

/** How far a shape may reach past the image's edge (rounding of a float coordinate). */
export const EDGE_TOLERANCE = 0.5;

export interface IntakeSchema {
  labels: readonly Label[];
  classGroups: readonly ClassGroup[];
}

type Reason = string | undefined;
type Of<T extends Annotation['type']> = Extract<Annotation, { type: T }>;

const pixel = (v: number) => String(Math.round(v * 100) / 100);
const anItem = (kind: string) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} item`;

function image(item: Item, what: string): Extract<Item, { kind: 'image' }> | string {
  return item.kind === 'image' ? item : `a ${what} on ${anItem(item.kind)}`;
}

function outside(x: number, y: number, width: number, height: number): Reason {
  const t = EDGE_TOLERANCE;
  if (x < -t || y < -t || x > width + t || y > height + t)
    return `(${pixel(x)}, ${pixel(y)}) lies outside the ${width}×${height} image`;
  return undefined;
}

export function spanFits(a: SpanAnnotation, item: Item): Reason {
  if (item.kind === 'image') return `a span on ${anItem(item.kind)}`;
  // On a conversation the offsets are code points of the message `field` names.
  const text =
    item.kind === 'text' ? item.text : a.field ? messageContent(item, a.field) : undefined;
  if (text === undefined)
    return a.field
      ? `span on ${a.field}, which this conversation does not have`
      : 'a span on a conversation names no message (field)';
  const index = new CodePointIndex(text);
  if (!Number.isInteger(a.start) || !Number.isInteger(a.end) || a.start < 0 || a.end <= a.start)
    return `span [${a.start}, ${a.end}) is not a range of code points`;
  if (a.end > index.length)
    return `span [${a.start}, ${a.end}) ends past the text (${index.length} code points)`;
  if (index.slice(a.start, a.end) !== a.text)
    return `span [${a.start}, ${a.end}) says “${a.text}” but the text there is “${index.slice(a.start, a.end)}”`;
  return undefined;
}

export function classFits(a: ClassAnnotation, item: Item): Reason {
  void a;
  void item;
  return undefined;
}

export function boxFits(a: BoxAnnotation, item: Item): Reason {
  const img = image(item, 'box');
  if (typeof img === 'string') return img;
  return (
    outside(a.x, a.y, img.width, img.height) ?? outside(a.x + a.w, a.y + a.h, img.width, img.height)
  );
}

export function polygonFits(a: PolygonAnnotation, item: Item): Reason {
  const img = image(item, 'polygon');
  if (typeof img === 'string') return img;
  for (const [x, y] of a.points) {
    const reason = outside(x, y, img.width, img.height);
    if (reason) return `polygon point ${reason}`;
  }
  return undefined;
}

export function pointFits(a: PointAnnotation, item: Item): Reason {
  const img = image(item, 'point');
  if (typeof img === 'string') return img;
  return outside(a.x, a.y, img.width, img.height);
}

export function relationFits(a: RelationAnnotation, item: Item, siblings: readonly Annotation[]) {
  if (item.kind !== 'text') return `a relation on ${anItem(item.kind)}`;
  if (a.from === a.to) return 'a relation from a span to itself';
  for (const end of [a.from, a.to]) {
    const target = siblings.find((s) => s.id === end);
    if (!target) return `relation end ${end} is not an annotation of this item`;
    if (target.type !== 'span') return `relation end ${end} is a ${target.type}, not a span`;
  }
  return undefined;
}

/** Newer shapes: their extent (a rotated box's corners, every vertex) inside the image. */
function extentFits(a: ImageGeometry, item: Item, what: string): Reason {
  const img = image(item, what);
  if (typeof img === 'string') return img;
  return outsideImage(a, img.width, img.height, EDGE_TOLERANCE);
}

export function rboxFits(a: RotatedBoxAnnotation, item: Item): Reason {
  return extentFits(a, item, 'rotated box');
}

export function polylineFits(a: PolylineAnnotation, item: Item): Reason {
  return extentFits(a, item, 'polyline');
}

export function multipolygonFits(a: MultiPolygonAnnotation, item: Item): Reason {
  return extentFits(a, item, 'multipolygon');
}

/** A mask covers the image exactly: its size is the image's. */
export function maskFits(a: MaskAnnotation, item: Item): Reason {
  return extentFits(a, item, 'mask');
}

/** Keypoints: labeled nodes inside the image; nodes not labeled (v = 0) at 0, 0, as COCO. */
export function keypointsFits(a: KeypointsAnnotation, item: Item): Reason {
  const unlabeled = a.points.findIndex(([x, y, v]) => v === 0 && (x !== 0 || y !== 0));
  if (unlabeled >= 0) return `keypoint ${unlabeled + 1} is not labeled (v = 0) but not at 0, 0`;
  return extentFits(a, item, 'keypoints');
}

/** A keypoints annotation has one point per node of its label's skeleton. */
export function skeletonFits(a: Annotation, labels: readonly Label[]): Reason {
  if (a.type !== 'keypoints') return undefined;
  const nodes = labels.find((l) => l.id === a.label)?.skeleton?.nodes.length;
  if (nodes === undefined) return 'keypoints on a label without a skeleton';
  return a.points.length === nodes
    ? undefined
    : `${a.points.length} keypoints for a skeleton of ${nodes} nodes`;
}

/** Attribute values as the label declares them. */
export function attributesFit(a: Annotation, labels: readonly Label[]): Reason {
  if (!a.attributes) return undefined;
  const defs = labels.find((l) => l.id === a.label)?.attributes ?? [];
  return attributeProblems(defs, a.attributes)[0];
}

/** The geometry check of each annotation type: a new type must add its own. */
const GEOMETRY: {
  [T in Annotation['type']]: (a: Of<T>, item: Item, all: readonly Annotation[]) => Reason;
} = {
  span: spanFits,
  class: classFits,
  box: boxFits,
  polygon: polygonFits,
  point: pointFits,
  relation: relationFits,
  rbox: rboxFits,
  polyline: polylineFits,
  multipolygon: multipolygonFits,
  keypoints: keypointsFits,
  mask: maskFits,
  preference: preferenceFits,
  ranking: rankingFits,
  rating: ratingFits,
  text: textFits,
};

export function geometryFits(a: Annotation, item: Item, siblings: readonly Annotation[]): Reason {
  const check = GEOMETRY[a.type] as (
    a: Annotation,
    item: Item,
    all: readonly Annotation[],
  ) => Reason;
  return check(a, item, siblings);
}

/** The label kind an annotation of this type needs on this kind of item. */
export function kindNeeded(type: Annotation['type'], item: Item['kind']): LabelKind | undefined {
  if (type === 'class')
    return item === 'text' ? 'text_class' : item === 'image' ? 'image_class' : 'flag';
  // A rationale or a rewrite: the label says which (see labelFits).
  if (type === 'text') return undefined;
  // One polygon label draws both: a multipolygon is a polygon in several parts.
  if (type === 'multipolygon') return 'polygon';
  return type;
}

export function labelFits(a: Annotation, item: Item, labels: readonly Label[]): Reason {
  const label = labels.find((l) => l.id === a.label);
  if (!label) return `label ${a.label} is not in this project`;
  if (a.type === 'text')
    return label.kinds.includes('rationale') || label.kinds.includes('rewrite')
      ? undefined
      : `label “${label.name}” is not a rationale or rewrite label`;
  const kind = kindNeeded(a.type, item.kind);
  if (!kind || !label.kinds.includes(kind))
    return `label “${label.name}” is not a ${kind ?? a.type} label (it is for ${label.kinds.join(', ')})`;
  return undefined;
}

/** At most one class of each "choose one" group on an item. */
export function oneOfGroup(annotations: readonly Annotation[], schema: IntakeSchema): Reason {
  for (const group of schema.classGroups) {
    if (group.choice !== 'one') continue;
    const members = new Set(schema.labels.filter((l) => l.group === group.id).map((l) => l.id));
    const chosen = [
      ...new Set(
        annotations.filter((a) => a.type === 'class' && members.has(a.label)).map((a) => a.label),
      ),
    ];
    if (chosen.length > 1) {
      const names = chosen.map((id) => schema.labels.find((l) => l.id === id)?.name ?? id);
      return `${names.length} classes of the “choose one” group “${group.name}”: ${names.join(', ')}`;
    }
  }
  return undefined;
}

/** Annotation ids are unique within an item: relations and adjudication rely on it. */
export function uniqueIds(annotations: readonly Annotation[]): Reason {
  const seen = new Set<string>();
  for (const a of annotations) {
    if (seen.has(a.id)) return `annotation id ${a.id} is used twice`;
    seen.add(a.id);
  }
  return undefined;
}

/** The item was sent to this labeler (when the lead recorded what was sent to whom). */
export function wasAssigned(item: Item, assigned: ReadonlySet<string> | undefined): Reason {
  if (!assigned || assigned.has(item.id)) return undefined;
  return `item “${item.name}” was not sent to this labeler`;
}

/**
 * Every reason one item's annotations cannot enter the result, each naming the annotation.
 * `assigned`: the items sent to the labeler, when known; annotations on others are refused.
 */
export function itemProblems(
  item: Item,
  annotations: readonly Annotation[],
  schema: IntakeSchema,
  assigned?: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  if (annotations.length > 0) {
    const unsent = wasAssigned(item, assigned);
    if (unsent) problems.push(unsent);
  }
  for (const a of annotations) {
    const reason =
      labelFits(a, item, schema.labels) ??
      geometryFits(a, item, annotations) ??
      skeletonFits(a, schema.labels) ??
      answerScaleFits(a, schema.labels) ??
      attributesFit(a, schema.labels);
    if (reason) problems.push(`annotation ${a.id}: ${reason}`);
  }
  for (const reason of [
    oneOfGroup(annotations, schema),
    oneAnswerEach(annotations, schema.labels),
    uniqueIds(annotations),
  ])
    if (reason) problems.push(reason);
  return problems;
}
