import type { NewItem } from '../storage/repository.ts';
import { newId } from '../model/ids.ts';
import { sha256Hex } from './hash.ts';
import type { ConversationLine } from './conversation-jsonl.ts';
import { lineBytes } from './line-bytes.ts';

/** Digests in flight at once: WebCrypto answers each in a task of its own. */
const HASHING_AT_ONCE = 256;

/**
 * Conversation items to store, one per line not already in the project. The SHA-256 is of the
 * source record's bytes as imported (the JSONL line, read from the file's bytes rather than
 * encoded again), so the lab can find the line it came from.
 */
export async function conversationItems(
  lines: readonly ConversationLine[],
  bytes: Uint8Array,
  seen: Set<string>,
  duplicates: { n: number },
): Promise<NewItem[]> {
  const byLine = lineBytes(bytes);
  const hashes: string[] = [];
  for (let i = 0; i < lines.length; i += HASHING_AT_ONCE) {
    const chunk = lines.slice(i, i + HASHING_AT_ONCE);
    hashes.push(...(await Promise.all(chunk.map((line) => sha256Hex(byLine(line.line))))));
  }
  const drafts: NewItem[] = [];
  for (const [i, line] of lines.entries()) {
    const sha256 = hashes[i]!;
    if (seen.has(sha256)) {
      duplicates.n++;
      continue;
    }
    seen.add(sha256);
    drafts.push({
      id: newId(),
      kind: 'conversation',
      name: line.name,
      sha256,
      context: line.context,
      responses: line.responses,
      status: 'todo',
      note: '',
    });
  }
  return drafts;
}
