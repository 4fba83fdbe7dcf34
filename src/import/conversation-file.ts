import type { Repository } from '../storage/repository.ts';
import { decodeUtf8 } from './utf8.ts';
import { parseConversations } from './conversation-jsonl.ts';
import { conversationItems } from './conversation-items.ts';

// One JSONL file of conversations, from its bytes to stored items in one transaction: all its
// lines land or none do. Runs in the import worker (the page stays responsive through a 70 MB
// file) or, where there are no workers (unit tests), on the calling thread.

export interface ConversationFileRequest {
  projectId: string;
  /** The name bad lines are reported under (the folder-relative path). */
  name: string;
  bytes: Uint8Array;
  /** The field holding the candidate responses ('' for none). */
  field: string;
  /** SHA-256 of the project's items (and of earlier files of this import): duplicates. */
  seen: ReadonlySet<string>;
}

export interface ConversationFileResult {
  /** SHA-256 of the items stored: the caller counts them as seen for later files. */
  added: string[];
  duplicates: number;
  /** Cancelled before anything was written. */
  cancelled: boolean;
}

export async function importConversationFile(
  repository: Repository,
  request: ConversationFileRequest,
  signal?: AbortSignal,
): Promise<ConversationFileResult> {
  const { projectId, name, bytes, field } = request;
  const text = decodeUtf8(name, bytes);
  const lines = parseConversations(name, text, field);
  const seen = new Set(request.seen);
  const duplicates = { n: 0 };
  const drafts = await conversationItems(lines, bytes, seen, duplicates);
  if (signal?.aborted) return { added: [], duplicates: 0, cancelled: true };
  if (drafts.length > 0) await repository.addItems(projectId, drafts);
  return { added: drafts.map((d) => d.sha256), duplicates: duplicates.n, cancelled: false };
}
