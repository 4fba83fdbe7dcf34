import { z } from 'zod';
import { Message, Response } from './conversation.ts';
import { ConllSource } from './conll-source.ts';

export const ITEM_STATUSES = ['todo', 'done', 'skipped'] as const;
export const ItemStatus = z.enum(ITEM_STATUSES);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const ImageType = z.enum(IMAGE_TYPES);
export type ImageType = z.infer<typeof ImageType>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits');

const ItemBase = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  /** Import order within the project; the item browser lists items by it. */
  seq: z.number().int().nonnegative(),
  name: z.string(),
  /**
   * SHA-256 of the source bytes: the file for images, the UTF-8 text for text items, the
   * source record (one JSONL line) for conversations.
   */
  sha256: Sha256,
  status: ItemStatus,
  note: z.string().default(''),
  /** The lead's review of labelers' work on this item, once reviewed. */
  review: z
    .object({
      status: z.enum(['accepted', 'rejected']),
      comment: z.string().default(''),
      /** The lead's key id and when they decided (reviews before these fields have none). */
      by: z.string().optional(),
      at: z.string().optional(),
    })
    .optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const TextItem = ItemBase.extend({
  kind: z.literal('text'),
  text: z.string(),
  /** Imported from CoNLL: the file's tokens, columns and layout, written back on export. */
  conll: ConllSource.optional(),
});
export type TextItem = z.infer<typeof TextItem>;

/** An image item; its bytes live in the media store under `sha256`. */
export const ImageItem = ItemBase.extend({
  kind: z.literal('image'),
  mediaType: ImageType,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  byteLength: z.number().int().nonnegative(),
});
export type ImageItem = z.infer<typeof ImageItem>;

/** Context messages and candidate responses to judge (see conversation.ts). */
export const ConversationItem = ItemBase.extend({
  kind: z.literal('conversation'),
  context: z.array(Message),
  responses: z.array(Response).min(1, 'a conversation has at least one response'),
});
export type ConversationItem = z.infer<typeof ConversationItem>;

export const Item = z.discriminatedUnion('kind', [TextItem, ImageItem, ConversationItem]);
export type Item = z.infer<typeof Item>;
export type ItemKind = Item['kind'];

/**
 * The fields that hold a conversation: tens of kB that never change after import, so they are
 * stored apart from the rest of the item (its row), which status and note edits rewrite. A
 * text stays in its row: most are short, and apart they made imports a quarter slower.
 */
export const CONTENT_FIELDS = ['context', 'responses'] as const;

/** An item without its conversation: what a list keeps, and what edits rewrite. */
export const ItemRow = z.discriminatedUnion('kind', [
  TextItem,
  ImageItem,
  ConversationItem.omit({ context: true, responses: true }),
]);
export type ItemRow = z.infer<typeof ItemRow>;

/** A conversation's context and responses (texts and images have none apart). */
export type ItemContent = Partial<Pick<ConversationItem, 'context' | 'responses'>>;

/** An item's row and its content (undefined but for a conversation). Takes stored records of any version. */
export function splitItem<T extends object>(item: T): { row: ItemRow; content?: ItemContent } {
  const row: Record<string, unknown> = { ...(item as Record<string, unknown>) };
  const content: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) {
    if (row[field] !== undefined) content[field] = row[field];
    delete row[field];
  }
  return Object.keys(content).length > 0
    ? { row: row as ItemRow, content }
    : { row: row as ItemRow };
}

/** The item a row and its content make, unchecked (storage checks what it reads). */
export function joinItem(row: ItemRow, content: ItemContent | undefined): unknown {
  return { ...content, ...row }; // a stored content's id is the row's
}
