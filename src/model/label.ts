import { z } from 'zod';
import { AttributeDef } from './attributes.ts';

/** What a label can be applied to. */
export const LABEL_KINDS = [
  'span',
  'text_class',
  'relation',
  'box',
  'polygon',
  'point',
  'image_class',
  'rbox',
  'polyline',
  'keypoints',
  'mask',
  'preference',
  'ranking',
  'rating',
  'flag',
  'rationale',
  'rewrite',
] as const;
export const LabelKind = z.enum(LABEL_KINDS);
export type LabelKind = z.infer<typeof LabelKind>;

export const LABEL_KIND_NAMES: Record<LabelKind, string> = {
  span: 'Span',
  text_class: 'Text class',
  relation: 'Relation',
  box: 'Box',
  polygon: 'Polygon',
  point: 'Point',
  image_class: 'Image class',
  rbox: 'Rotated box',
  polyline: 'Polyline',
  keypoints: 'Keypoints',
  mask: 'Mask',
  preference: 'Preference',
  ranking: 'Ranking',
  rating: 'Rating',
  flag: 'Flag',
  rationale: 'Rationale',
  rewrite: 'Rewrite',
};

/** Questions asked about a conversation's responses (see conversation-labels.ts). */
export const CONVERSATION_KINDS: readonly LabelKind[] = [
  'preference',
  'ranking',
  'rating',
  'flag',
  'rationale',
  'rewrite',
];

/**
 * Kinds that make a label a whole question of its own (its scale, strength, required flag):
 * such a label applies to nothing else. A flag may also be a span ("Hallucination" flagged on
 * a response and marked in it).
 */
export const QUESTION_KINDS: readonly LabelKind[] = [
  'preference',
  'ranking',
  'rating',
  'rationale',
  'rewrite',
];

/** The kinds after ticking (or unticking) one: a question kind replaces the others, and another kind replaces a question. */
export function withKind(kinds: readonly LabelKind[], kind: LabelKind, on: boolean): LabelKind[] {
  if (!on) return kinds.filter((k) => k !== kind);
  const next = QUESTION_KINDS.includes(kind)
    ? [kind]
    : [...kinds.filter((k) => !QUESTION_KINDS.includes(k)), kind];
  return LABEL_KINDS.filter((k) => next.includes(k));
}

/** The kinds grouped by what they label, as the Labels tab shows them. */
export const KIND_SURFACES: readonly { name: string; kinds: readonly LabelKind[] }[] = [
  { name: 'Text', kinds: ['span', 'relation', 'text_class'] },
  {
    name: 'Images',
    kinds: ['box', 'polygon', 'point', 'rbox', 'polyline', 'keypoints', 'mask', 'image_class'],
  },
  { name: 'Model outputs', kinds: CONVERSATION_KINDS },
];

/** A rating scale: integers min…max, some with names ("1": "useless"). */
export const RatingScale = z
  .object({
    min: z.number().int(),
    max: z.number().int(),
    names: z.record(z.string(), z.string()).default({}),
  })
  .refine(
    (s) => s.max > s.min && s.max - s.min <= 20,
    'a scale runs from min up to at most 20 more',
  );
export type RatingScale = z.infer<typeof RatingScale>;

/** The nodes a keypoints label places, in order, and the edges drawn between them. */
export const Skeleton = z
  .object({
    nodes: z.array(z.string().trim().min(1).max(100)).min(1, 'a skeleton has at least one node'),
    edges: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  })
  .refine((s) => s.edges.every(([a, b]) => a < s.nodes.length && b < s.nodes.length && a !== b), {
    message: 'a skeleton edge joins two different nodes of the skeleton',
  });
export type Skeleton = z.infer<typeof Skeleton>;

/** A single printable key, optionally with modifiers, e.g. "1", "p", "shift+p". */
export const Hotkey = z
  .string()
  .regex(
    /^(?:(?:alt|shift)\+)*[a-z0-9]$/,
    'a hotkey is one letter or digit, optionally with alt+ or shift+',
  );

export const HexColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour is #rrggbb');

export const Label = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'a label needs a name').max(200),
  color: HexColor,
  hotkey: Hotkey.optional(),
  kinds: z.array(LabelKind).min(1, 'a label applies to at least one kind'),
  /** The class group (id) a document or image class belongs to; none: a toggle of its own. */
  group: z.string().min(1).optional(),
  /** Ratings: the scale (default 1–5). */
  scale: RatingScale.optional(),
  /** Preferences: the largest strength (default 3: slightly, clearly, much better). */
  strength: z.number().int().min(1).max(4).optional(),
  /** Ratings, flags, rationales: one answer per response, or (false) one for the item. */
  perResponse: z.boolean().optional(),
  /** The question must be answered before the item can be marked done. */
  required: z.boolean().optional(),
  /** What the label means, for labelers: shown as a hint on its button and with `h`. */
  description: z.string().max(5000).optional(),
  /** What every annotation with this label can say about itself (occluded, colour, …). */
  attributes: z.array(AttributeDef).optional(),
  /** For keypoints: the nodes in order and the edges between them. */
  skeleton: Skeleton.optional(),
  /**
   * Class map of shape labels (box, polygon, point…): the YOLO class index and the COCO
   * category id a trained model knows this label by, taken from the source on import and kept
   * across exports. Absent: numbered after the others, in label order (formats/class-map.ts).
   */
  classIndex: z.number().int().nonnegative().max(1_000_000).optional(),
  cocoId: z.number().int().positive().max(1_000_000_000).optional(),
  supercategory: z.string().max(200).optional(),
});
export type Label = z.infer<typeof Label>;
