import { z } from 'zod';
import { ConversationItem } from '../model/item.ts';
import { conversationCheck } from '../model/conversation.ts';
import { conversationOf } from '../import/conversation-jsonl.ts';
import { isObject, LineProblem } from '../import/conversation-record.ts';
import { CorruptRecordError } from './errors.ts';
import type { AirlockDB, ItemRow } from './db.ts';

// A conversation imported from a JSONL line is stored as that line. A hundred lines go, as
// they were, into one SourceRecord Blob; each item row names its slice, the field its
// responses came from and a fingerprint of what the import read. IndexedDB writes a Blob to a
// file of its own: 1,000 conversations (36 MB) are stored in about 0.3 s, where the same text
// inside the records took 2.2–3.3 s (measured in Chromium 150 on this machine). Reading one
// parses its line again with the import's own parser and refuses it if the fingerprint
// differs, so a parser that changed can never shift a labeler's spans unnoticed.

export const LineRef = z.object({
  /** The SourceRecord holding the line. */
  id: z.string().min(1),
  /** The line's bytes in that record's Blob: [start, end). */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The field the responses were taken from ('' for none), as chosen at import. */
  field: z.string(),
  /** conversationCheck of the conversation the import read from the line. */
  check: z.number().int().nonnegative(),
});
export type LineRef = z.infer<typeof LineRef>;

export const LineConversationRow = ConversationItem.omit({ context: true, responses: true }).extend(
  { line: LineRef },
);
export type LineConversationRow = z.infer<typeof LineConversationRow>;

/** A conversation to store as its line: the row without its place in the project. */
export type LineConversationDraft = Omit<
  LineConversationRow,
  'projectId' | 'seq' | 'createdAt' | 'updatedAt'
>;

export const isLineRow = (row: ItemRow): row is LineConversationRow => 'line' in row;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A line row made whole from its line's bytes; throws CorruptRecordError if it no longer reads so. */
function wholeConversation(row: LineConversationRow, bytes: Uint8Array): unknown {
  const { line, ...rest } = row;
  const damaged = (why: string) =>
    new CorruptRecordError(`Stored conversation ${row.name} (item ${row.id}) ${why}.`);
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    throw damaged('is no longer readable');
  }
  let conversation;
  try {
    if (!isObject(value)) throw new LineProblem('is not a JSON object');
    conversation = conversationOf(value, line.field);
  } catch (error) {
    if (error instanceof LineProblem)
      throw damaged(`no longer reads as a conversation (${error.message})`);
    throw error;
  }
  const { context, responses } = conversation;
  if (conversationCheck(context, responses) !== line.check)
    throw damaged('no longer reads as it did when imported');
  return { ...rest, context, responses };
}

/**
 * Rows with every line row made whole (in the same order), the rest as they are. Each source
 * is read once, over the range its rows need, however many of them there are.
 */
export async function wholeRows(db: AirlockDB, rows: readonly ItemRow[]): Promise<unknown[]> {
  const bySource = new Map<string, LineConversationRow[]>();
  for (const row of rows) {
    if (!isLineRow(row)) continue;
    const same = bySource.get(row.line.id);
    if (same) same.push(row);
    else bySource.set(row.line.id, [row]);
  }
  if (bySource.size === 0) return [...rows];
  const sources = await db.sources.bulkGet([...bySource.keys()]);
  const whole = new Map<string, unknown>();
  await Promise.all(
    [...bySource.values()].map(async (lineRows, i) => {
      const source = sources[i];
      if (!source) {
        const row = lineRows[0]!;
        throw new CorruptRecordError(
          `Stored conversation ${row.name} (item ${row.id}) has lost its source line.`,
        );
      }
      const from = Math.min(...lineRows.map((r) => r.line.start));
      const to = Math.max(...lineRows.map((r) => r.line.end));
      const bytes = new Uint8Array(await source.bytes.slice(from, to).arrayBuffer());
      for (const row of lineRows)
        whole.set(
          row.id,
          wholeConversation(row, bytes.subarray(row.line.start - from, row.line.end - from)),
        );
    }),
  );
  return rows.map((row) => (isLineRow(row) ? whole.get(row.id) : row));
}
