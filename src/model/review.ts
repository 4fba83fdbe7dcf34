import { z } from 'zod';
import type { Annotation } from './annotation.ts';

// What a lead keeps to review labelers' work: whose keys to trust, what was sent to whom,
// which bundles came in and which of them count.

/** A labeler whose bundles the lead accepts, registered from their minisign .pub file. */
export const TrustedLabeler = z.object({
  /** As minisign prints it: 16 upper-case hex digits. */
  keyId: z.string().regex(/^[0-9A-F]{16}$/),
  /** The second line of the .pub file: base64("Ed" ‖ key id ‖ public key). */
  publicKey: z.string().min(1),
  /** The name the lead knows them by. */
  name: z.string().trim().min(1).max(200),
  addedAt: z.string(),
});
export type TrustedLabeler = z.infer<typeof TrustedLabeler>;

/** A verified bundle whose annotations were taken in for review. */
export const ReceivedBundle = z.object({
  bundleId: z.string().min(1),
  projectId: z.string().min(1),
  signer: z.string().min(1),
  signerName: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  receivedAt: z.string(),
  items: z.number().int().nonnegative(),
  annotations: z.number().int().nonnegative(),
  /** Items the labeler worked on (marked done, or annotated): agreement counts only these. */
  labeled: z.array(z.string()).default([]),
  /** Every item the bundle holds a record of (bundles received before this list: `labeled`). */
  itemIds: z.array(z.string()).optional(),
});
export type ReceivedBundle = z.infer<typeof ReceivedBundle>;

/** A batch of items the lead sent one labeler in a signed task package. */
export const Assignment = z.object({
  projectId: z.string().min(1),
  batch: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }),
  /** Whom it is for: their key id and name. */
  labeler: z.object({ keyId: z.string().regex(/^[0-9A-F]{16}$/), name: z.string() }),
  /** Who sent it: the lead's key id and name. */
  lead: z.object({ keyId: z.string().regex(/^[0-9A-F]{16}$/), name: z.string() }),
  items: z.array(z.string()),
  at: z.string(),
});
export type Assignment = z.infer<typeof Assignment>;

/** One item's annotations as a labeler sent them. */
export interface SubmittedItem {
  itemId: string;
  annotations: Annotation[];
}

/** A received bundle's identity: two labelers may pick the same bundle id. */
export function bundleKey(b: Pick<ReceivedBundle, 'signer' | 'bundleId'>): string {
  return `${b.signer}:${b.bundleId}`;
}

const itemsOf = (b: ReceivedBundle) => b.itemIds ?? b.labeled;

/** Later signing time first; on a tie, the one received first stays in use. */
function newer(a: ReceivedBundle, b: ReceivedBundle): number {
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt ? -1 : 1;
  return a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0;
}

/**
 * Which bundle speaks for each labeler on each item: the latest signed one holding the item.
 * Returns signer → item id → bundle key.
 */
export function bundlesInUse(
  received: readonly ReceivedBundle[],
): Map<string, Map<string, string>> {
  const use = new Map<string, Map<string, string>>();
  for (const b of [...received].sort(newer)) {
    const items = use.get(b.signer) ?? new Map<string, string>();
    use.set(b.signer, items);
    for (const id of itemsOf(b)) if (!items.has(id)) items.set(id, bundleKey(b));
  }
  return use;
}

/**
 * Bundles that speak for no item, because a later one from the same labeler holds all their
 * items: bundle key → the later bundle's file name.
 */
export function keptAside(received: readonly ReceivedBundle[]): Map<string, string> {
  const use = bundlesInUse(received);
  const byKey = new Map(received.map((b) => [bundleKey(b), b]));
  const aside = new Map<string, string>();
  for (const b of received) {
    const items = itemsOf(b);
    const users = new Set(items.map((id) => use.get(b.signer)?.get(id)));
    if (items.length === 0 || users.has(bundleKey(b))) continue;
    const later = [...users].map((k) => byKey.get(k ?? '')?.fileName).filter(Boolean);
    aside.set(bundleKey(b), later.join(', '));
  }
  return aside;
}
