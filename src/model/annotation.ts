import { z } from 'zod';
import { Field } from './conversation.ts';

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
});

export const SpanAnnotation = AnnotationBase.extend({
  type: z.literal('span'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The covered text, for checking. */
  text: z.string(),
  /** On a conversation: the message the offsets are in (code points of its content). */
  field: Field.optional(),
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
  value: z.number().int(),
});

/** A rationale or a rewrite (the label's kind says which). */
export const TextAnnotation = AnnotationBase.extend({
  type: z.literal('text'),
  response: z.string().min(1).optional(),
  text: z.string(),
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
]);
export type Annotation = z.infer<typeof Annotation>;
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
