import { z } from 'zod';

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
}).refine((a) => a.end > a.start, 'a span ends after it starts');

export const ClassAnnotation = AnnotationBase.extend({ type: z.literal('class') });

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

export const Annotation = z.union([
  SpanAnnotation,
  ClassAnnotation,
  BoxAnnotation,
  PolygonAnnotation,
  PointAnnotation,
  RelationAnnotation,
]);
export type Annotation = z.infer<typeof Annotation>;
export type AnnotationType = Annotation['type'];
export type SpanAnnotation = z.infer<typeof SpanAnnotation>;
export type ClassAnnotation = z.infer<typeof ClassAnnotation>;
export type BoxAnnotation = z.infer<typeof BoxAnnotation>;
export type PolygonAnnotation = z.infer<typeof PolygonAnnotation>;
export type PointAnnotation = z.infer<typeof PointAnnotation>;
export type RelationAnnotation = z.infer<typeof RelationAnnotation>;
