import type { SourceFile } from '../import/importer.ts';
import { fileKind } from '../import/file-kind.ts';
import { MAX_FILE_BYTES } from '../import/limits.ts';
import { nonBlankLines } from '../import/jsonl.ts';
import { responseFields } from '../import/conversation-jsonl.ts';

const CONVERSATION_KEYS = ['messages', 'chosen', 'prompt'];

/**
 * Whether the first JSONL file chosen looks like conversations to judge (its first line has
 * "messages", "prompt" or "chosen"), and the fields that could hold the responses.
 */
export async function conversationColumns(
  files: readonly SourceFile[],
): Promise<{ likely: boolean; fields: string[] }> {
  const file = files.find(
    (f) => fileKind(f.path || f.name) === 'jsonl' && f.size <= MAX_FILE_BYTES,
  );
  if (!file) return { likely: false, fields: [] };
  // The head is enough to guess; the whole file is read again when imported.
  const text = new TextDecoder().decode((await file.arrayBuffer()).slice(0, 4 * 1024 * 1024));
  let likely = false;
  for (const { content } of nonBlankLines(text)) {
    try {
      const first: unknown = JSON.parse(content);
      likely =
        typeof first === 'object' &&
        first !== null &&
        CONVERSATION_KEYS.some((k) => Object.hasOwn(first, k));
    } catch {
      likely = false;
    }
    break;
  }
  return { likely, fields: responseFields(text) };
}
