import { z } from 'zod';
import type { Annotation } from '../model/annotation.ts';
import type { Item } from '../model/item.ts';
import { geometryOf } from '../model/annotation-geometry.ts';
import { AttributeValues } from '../model/attributes.ts';
import { NativeAnswerFields, conversationFields } from './native-conversation.ts';

// One line of annotations.jsonl: an item, its status and its annotations, in the spec's
// snake_case with geometry per type. Field order is fixed so equal data gives equal bytes.

/** Key ids as minisign prints them (upper-case hex); older local ids were lower-case. */
function annotator(id: string): string {
  return /^[0-9a-f]{16}$/i.test(id) ? id.toUpperCase() : id;
}

/** Oldest first, ties by id: the same annotations always come out in the same order. */
function byCreation(a: Annotation, b: Annotation): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

/** The lead's verdict as the spec's `review`: status, comment, by (key id), at. */
function review(r: NonNullable<Item['review']>) {
  return {
    status: r.status,
    comment: r.comment,
    ...(r.by ? { by: annotator(r.by) } : {}),
    ...(r.at ? { at: r.at } : {}),
  };
}

export function nativeRecord(item: Item, annotations: readonly Annotation[]) {
  return {
    item: {
      id: item.id,
      kind: item.kind,
      name: item.name,
      sha256: item.sha256,
      ...(item.kind === 'text'
        ? { text: item.text }
        : item.kind === 'conversation'
          ? conversationFields(item)
          : { width: item.width, height: item.height, media_type: item.mediaType }),
    },
    status: item.status,
    ...(item.note ? { note: item.note } : {}),
    ...(item.review ? { review: review(item.review) } : {}),
    annotations: [...annotations].sort(byCreation).map((a) => ({
      id: a.id,
      type: a.type,
      label: a.label,
      annotator: annotator(a.annotator),
      created_at: a.createdAt,
      updated_at: a.updatedAt,
      ...(a.sources ? { sources: a.sources.map(annotator) } : {}),
      ...geometryOf(a),
      ...(a.attributes ? { attributes: a.attributes } : {}),
      // Drawing order and lock of image shapes (fields added within v1; absent: 0, unlocked).
      ...(a.z !== undefined ? { z: a.z } : {}),
      ...(a.locked ? { locked: true } : {}),
      ...(a.type === 'span' && a.comment ? { comment: a.comment } : {}),
    })),
  };
}

/** The record as one line of UTF-8 JSON, newline included. */
export function nativeLine(item: Item, annotations: readonly Annotation[]): string {
  return JSON.stringify(nativeRecord(item, annotations)) + '\n';
}

// Reading records back (a lead taking in a labeler's bundle). Geometry is checked by the
// model's own annotation schema once the record is turned into an annotation.

const Finite = z.number().finite();
export const NativeAnnotation = z.looseObject({
  id: z.string().min(1),
  type: z.enum([
    'span',
    'class',
    'box',
    'polygon',
    'point',
    'relation',
    'rbox',
    'polyline',
    'multipolygon',
    'keypoints',
    'mask',
    'preference',
    'ranking',
    'rating',
    'text',
  ]),
  label: z.string().min(1),
  annotator: z.string().min(1),
  created_at: z.string(),
  updated_at: z.string(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
  text: z.string().optional(),
  x: Finite.optional(),
  y: Finite.optional(),
  w: Finite.optional(),
  h: Finite.optional(),
  // Pairs, or triples for keypoints: the model's schema checks the shape per type.
  points: z.array(z.array(Finite)).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  sources: z.array(z.string()).optional(),
  attributes: AttributeValues.optional(),
  ...NativeAnswerFields,
  z: z.number().int().optional(),
  locked: z.literal(true).optional(),
  comment: z.string().optional(),
});
export type NativeAnnotation = z.infer<typeof NativeAnnotation>;

export const NativeRecord = z.looseObject({
  item: z.looseObject({
    id: z.string().min(1),
    kind: z.enum(['text', 'image', 'conversation']),
    sha256: z.string(),
  }),
  status: z.enum(['todo', 'done', 'skipped']),
  review: z
    .looseObject({
      status: z.enum(['accepted', 'rejected']),
      comment: z.string(),
      by: z.string().optional(),
      at: z.string().optional(),
    })
    .optional(),
  annotations: z.array(NativeAnnotation),
});
export type NativeRecord = z.infer<typeof NativeRecord>;

/** A native annotation as the model's annotation of `item` in `projectId`. */
export function fromNative(
  a: NativeAnnotation,
  projectId: string,
  itemId: string,
): z.input<typeof Annotation> {
  const { id, type, label, annotator, created_at, updated_at, sources, attributes } = a;
  const { z: order, locked } = a;
  const base = {
    id,
    type,
    label,
    annotator,
    projectId,
    itemId,
    createdAt: created_at,
    updatedAt: updated_at,
    ...(sources ? { sources } : {}),
    ...(attributes ? { attributes } : {}),
    ...(order !== undefined ? { z: order } : {}),
    ...(locked ? { locked } : {}),
    ...(type === 'span' && a.comment ? { comment: a.comment } : {}),
  };
  // Geometry fields are copied as they came; the model's schema then checks them per type.
  const geometry: Record<string, unknown> = {};
  for (const field of GEOMETRY_FIELDS[type]) if (field in a) geometry[field] = a[field];
  return { ...base, ...geometry } as z.input<typeof Annotation>;
}

const GEOMETRY_FIELDS: Record<NativeAnnotation['type'], readonly string[]> = {
  span: ['start', 'end', 'text', 'field'],
  class: ['field'],
  box: ['x', 'y', 'w', 'h'],
  polygon: ['points'],
  point: ['x', 'y'],
  relation: ['from', 'to'],
  rbox: ['cx', 'cy', 'w', 'h', 'angle'],
  polyline: ['points'],
  multipolygon: ['parts'],
  keypoints: ['points'],
  mask: ['rle'],
  preference: ['shown', 'choice', 'strength'],
  ranking: ['shown', 'order'],
  rating: ['response', 'value'],
  text: ['response', 'text'],
};
