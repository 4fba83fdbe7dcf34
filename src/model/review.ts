import { z } from 'zod';
import type { Annotation } from './annotation.ts';

// What a lead keeps to review labelers' work: whose keys to trust, which bundles came in.

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
});
export type ReceivedBundle = z.infer<typeof ReceivedBundle>;

/** One item's annotations as a labeler sent them. */
export interface SubmittedItem {
  itemId: string;
  annotations: Annotation[];
}
