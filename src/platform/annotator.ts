import { z } from 'zod';
import type { Repository } from '../storage/repository.ts';
import { toHex } from '../import/hash.ts';

const ANNOTATOR = 'annotatorId';

/**
 * This browser's annotator id: 16 hex digits, the shape of a signing key id. It records who
 * made each annotation until the labeler has a signing key.
 */
export async function localAnnotator(repository: Repository): Promise<string> {
  const known = await repository.getSetting(ANNOTATOR, z.string().regex(/^[0-9a-f]{16}$/));
  if (known) return known;
  const id = toHex(crypto.getRandomValues(new Uint8Array(8)));
  await repository.setSetting(ANNOTATOR, id);
  return id;
}
