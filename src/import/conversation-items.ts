import type { NewItem } from '../storage/repository.ts';
import { newId } from '../model/ids.ts';
import { sha256Hex } from './hash.ts';
import type { ConversationLine } from './conversation-jsonl.ts';

const encoder = new TextEncoder();

/**
 * Conversation items to store, one per line not already in the project. The SHA-256 is of the
 * source record's bytes as imported (the JSONL line), so the lab can find the line it came from.
 */
export async function conversationItems(
  lines: readonly ConversationLine[],
  seen: Set<string>,
  duplicates: { n: number },
  breathe: () => Promise<void>,
): Promise<NewItem[]> {
  const drafts: NewItem[] = [];
  let last = performance.now();
  for (const line of lines) {
    const sha256 = await sha256Hex(encoder.encode(line.source));
    if (seen.has(sha256)) {
      duplicates.n++;
    } else {
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
    if (performance.now() - last > 12) {
      await breathe();
      last = performance.now();
    }
  }
  return drafts;
}
