import { z } from 'zod';
import { Field } from './conversation.ts';
import { AttributeValues } from './attributes.ts';

// Annotation types and geometry as in the label bundle spec (v1). Offsets are half-open
// Unicode code points of the item's text; coordinates are original-image pixels,
// origin top-left, x right, y down.

const Finite = z.number().finite();

const AnnotationBase = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  itemId: z.string().min(1),
  /** Label id. */
  label: z.string().min(1),
  /** Who made it: the annotator's key id once they have one. */
  annotator: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** In an adjudicated result: the key ids of the labelers it was accepted from. */
  sources: z.array(z.string().min(1)).optional(),
  /** Values of the attributes its label declares, by name. */
  attributes: AttributeValues.optional(),
  /** Drawing order among an image's shapes: higher is on top; absent is 0 (then oldest first). */
  z: z.number().int().optional(),
  /** A locked shape is shown and can be selected, but not moved, reshaped or deleted. */
  locked: z.literal(true).optional(),
});

export const SpanAnnotation = AnnotationBase.extend({
  type: z.literal('span'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The covered text, for checking. */
  text: z.string(),
  /** On a conversation: the message the offsets are in (code points of its content). */
  field: Field.optional(),
  /** The labeler's remark on this span (native record only; formats have no place for it). */
  comment: z.string().max(10_000).optional(),
}).refine((a) => a.end > a.start, 'a span ends after it starts');

export const ClassAnnotation = AnnotationBase.extend({
  type: z.literal('class'),
  /** On a conversation: the response or message flagged (absent: the whole item). */
  field: Field.optional(),
});

export const BoxAnnotation = AnnotationBase.extend({
  type: z.literal('box'),
  x: Finite,
  y: Finite,
  w: Finite.nonnegative(),
  h: Finite.nonnegative(),
});

export const PolygonAnnotation = AnnotationBase.extend({
  type: z.literal('polygon'),
  points: z.array(z.tuple([Finite, Finite])).min(3, 'a polygon has at least 3 points'),
});

export const PointAnnotation = AnnotationBase.extend({
  type: z.literal('point'),
  x: Finite,
  y: Finite,
});

export const RelationAnnotation = AnnotationBase.extend({
  type: z.literal('relation'),
  from: z.string().min(1),
  to: z.string().min(1),
});

// Feedback on model outputs (conversation items). Response ids are the item's own.

export const PreferenceAnnotation = AnnotationBase.extend({
  type: z.literal('preference'),
  /** The two response ids in the order the labeler saw them: left, right. */
  shown: z.tuple([z.string().min(1), z.string().min(1)]),
  /** The preferred response id, or "tie". */
  choice: z.string().min(1),
  /** 1 (slightly better) up to the label's strength; absent on a tie. */
  strength: z.number().int().positive().optional(),
}).refine(
  (a) => (a.choice === 'tie' ? a.strength === undefined : a.shown.includes(a.choice)),
  'a preference chooses one of the two responses shown (with a strength) or a tie',
);

export const RankingAnnotation = AnnotationBase.extend({
  type: z.literal('ranking'),
  /** Response ids in the order shown. */
  shown: z.array(z.string().min(1)),
  /** Tiers, best first; a tie shares a tier. */
  order: z.array(z.array(z.string().min(1)).min(1)),
});

export const RatingAnnotation = AnnotationBase.extend({
  type: z.literal('rating'),
  /** The response rated; absent: the item as a whole. */
  response: z.string().min(1).optional(),
  value: z.number().int('a rating is a whole number'),
});

/** A rationale or a rewrite (the label's kind says which). */
export const TextAnnotation = AnnotationBase.extend({
  type: z.literal('text'),
  response: z.string().min(1).optional(),
  text: z.string(),
});

const XY = z.tuple([Finite, Finite]);

/** A rotated box: centre, size, and angle in degrees clockwise (y down), in (-180, 180]. */
export const RotatedBoxAnnotation = AnnotationBase.extend({
  type: z.literal('rbox'),
  cx: Finite,
  cy: Finite,
  w: Finite.nonnegative(),
  h: Finite.nonnegative(),
  angle: Finite.gt(-180, 'an angle is above -180°').lte(180, 'an angle is at most 180°'),
});

/** An open path (a lane line, a crack, a wire). */
export const PolylineAnnotation = AnnotationBase.extend({
  type: z.literal('polyline'),
  points: z.array(XY).min(2, 'a polyline has at least 2 points'),
});

/** One object in several parts (occluded in the middle): the union of the rings. */
export const MultiPolygonAnnotation = AnnotationBase.extend({
  type: z.literal('multipolygon'),
  parts: z.array(z.array(XY).min(3, 'each part has at least 3 points')).min(1),
});

/** COCO's visibility: 0 not labeled (then at 0, 0), 1 labeled but hidden, 2 visible. */
export const KeypointVisibility = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type KeypointVisibility = z.infer<typeof KeypointVisibility>;

/** One point per node of the label's skeleton, in the skeleton's order. */
export const KeypointsAnnotation = AnnotationBase.extend({
  type: z.literal('keypoints'),
  points: z
    .array(z.tuple([Finite, Finite, KeypointVisibility]))
    .min(1, 'keypoints have at least one node'),
});

/** COCO's uncompressed RLE: column-major runs alternating 0 and 1, starting with 0s. */
export const Rle = z
  .object({
    size: z.tuple([z.number().int().positive(), z.number().int().positive()]),
    counts: z.array(z.number().int().nonnegative()),
  })
  .refine((r) => r.counts.reduce((a, b) => a + b, 0) === r.size[0] * r.size[1], {
    message: 'the runs of a mask add up to its height × width',
  });
export type Rle = z.infer<typeof Rle>;

export const MaskAnnotation = AnnotationBase.extend({
  type: z.literal('mask'),
  rle: Rle,
});

export const Annotation = z.union([
  SpanAnnotation,
  ClassAnnotation,
  BoxAnnotation,
  PolygonAnnotation,
  PointAnnotation,
  RelationAnnotation,
  PreferenceAnnotation,
  RankingAnnotation,
  RatingAnnotation,
  TextAnnotation,
  RotatedBoxAnnotation,
  PolylineAnnotation,
  MultiPolygonAnnotation,
  KeypointsAnnotation,
  MaskAnnotation,
]);
export type Annotation = z.infer<typeof Annotation>;

/**
 * Why `value` is not an annotation, in the words of its own type's schema (the union alone
 * says only "Invalid input").
 */
export function annotationProblem(value: unknown): string {
  const type = (value as { type?: unknown } | null)?.type;
  const schema = Annotation.options.find((option) => option.shape.type.value === type);
  if (!schema) return `${JSON.stringify(type) ?? 'no'} is not an annotation type`;
  const issue = schema.safeParse(value).error?.issues[0];
  if (!issue) return 'Invalid input';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
export type AnnotationType = Annotation['type'];
export type SpanAnnotation = z.infer<typeof SpanAnnotation>;
export type ClassAnnotation = z.infer<typeof ClassAnnotation>;
export type BoxAnnotation = z.infer<typeof BoxAnnotation>;
export type PolygonAnnotation = z.infer<typeof PolygonAnnotation>;
export type PointAnnotation = z.infer<typeof PointAnnotation>;
export type RelationAnnotation = z.infer<typeof RelationAnnotation>;
export type PreferenceAnnotation = z.infer<typeof PreferenceAnnotation>;
export type RankingAnnotation = z.infer<typeof RankingAnnotation>;
export type RatingAnnotation = z.infer<typeof RatingAnnotation>;
export type TextAnnotation = z.infer<typeof TextAnnotation>;
export type RotatedBoxAnnotation = z.infer<typeof RotatedBoxAnnotation>;
export type PolylineAnnotation = z.infer<typeof PolylineAnnotation>;
export type MultiPolygonAnnotation = z.infer<typeof MultiPolygonAnnotation>;
export type KeypointsAnnotation = z.infer<typeof KeypointsAnnotation>;
export type MaskAnnotation = z.infer<typeof MaskAnnotation>;

/** Annotation types whose geometry lies on an image, in original-image pixels. */
export const IMAGE_GEOMETRY_TYPES = [
  'box',
  'polygon',
  'point',
  'rbox',
  'polyline',
  'multipolygon',
  'keypoints',
  'mask',
] as const;
export type ImageGeometry = Extract<Annotation, { type: (typeof IMAGE_GEOMETRY_TYPES)[number] }>;

export function hasImageGeometry(a: Annotation): a is ImageGeometry {
  return (IMAGE_GEOMETRY_TYPES as readonly string[]).includes(a.type);
}
