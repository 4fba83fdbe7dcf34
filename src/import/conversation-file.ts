import type { NewItem, Repository } from '../storage/repository.ts';
import { newId } from '../model/ids.ts';
import { decodeUtf8 } from './utf8.ts';
import { BadLines, parseConversationLine } from './conversation-jsonl.ts';
import { LineProblem } from './conversation-record.ts';
import { ImportRejected } from './rejection.ts';
import { physicalLines } from './line-bytes.ts';
import { sha256Hex } from './hash.ts';

// One JSONL file of conversations, from its bytes to stored items in one transaction: all its
// lines land or none do. Runs in the import worker (the page stays responsive through a 70 MB
// file) or, where there are no workers (unit tests), on the calling thread.
//
// Each line is decoded and hashed first; the lines are then parsed inside the transaction, a
// batch written while the next is parsed, so parsing and storing overlap (measured on 1,000
// conversations: 1.8 s, where parsing the whole file, then storing it, took 2.2 s). A bad line
// found after some were written aborts the transaction: nothing of the file lands, and every
// bad line is named.

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

/** Digests in flight at once: WebCrypto answers each in a task of its own. */
const HASHING_AT_ONCE = 256;

interface SourceLine {
  number: number;
  /** The line as imported, without its line ending: its SHA-256 is the item's. */
  bytes: Uint8Array;
  content: string;
}

class Cancelled extends Error {}

/**
 * The file's non-blank lines, each decoded on its own (cut as nonBlankLines cuts the decoded
 * text). A BOM is dropped at the start of the file only; a file that is not UTF-8 is refused
 * with the first bad byte, as a text file is.
 */
function sourceLines(name: string, bytes: Uint8Array): SourceLine[] {
  if (bytes.length <= 3) decodeUtf8(name, bytes); // refuses an empty (or BOM-only) file
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lines: SourceLine[] = [];
  for (const line of physicalLines(bytes)) {
    let content: string;
    try {
      content = decoder.decode(line.bytes);
    } catch {
      decodeUtf8(name, bytes); // finds and names the first bad byte
      throw new ImportRejected(name, 'is not valid UTF-8 text', line.number);
    }
    if (content.trim() !== '') lines.push({ ...line, content });
  }
  if (lines.length === 0) throw new ImportRejected(name, 'has no conversations to import');
  return lines;
}

async function hashes(lines: readonly SourceLine[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += HASHING_AT_ONCE) {
    const chunk = lines.slice(i, i + HASHING_AT_ONCE);
    out.push(...(await Promise.all(chunk.map((line) => sha256Hex(line.bytes)))));
  }
  return out;
}

export async function importConversationFile(
  repository: Repository,
  request: ConversationFileRequest,
  signal?: AbortSignal,
): Promise<ConversationFileResult> {
  const { projectId, name, bytes, field } = request;
  const lines = sourceLines(name, bytes);
  const sha256s = await hashes(lines);
  const cancelled = { added: [], duplicates: 0, cancelled: true };
  if (signal?.aborted) return cancelled;
  const seen = new Set(request.seen);
  const added: string[] = [];
  let duplicates = 0;

  function* drafts(): Generator<NewItem> {
    // Cancel can come while the transaction starts; the parsing itself runs without a break.
    if (signal?.aborted) throw new Cancelled();
    const bad = new BadLines(name);
    for (const [i, line] of lines.entries()) {
      let parsed;
      try {
        parsed = parseConversationLine(name, line.number, line.content, field);
      } catch (error) {
        if (!(error instanceof LineProblem)) throw error;
        bad.add(line.number, error);
        continue;
      }
      // After a bad line nothing of the file will land: the rest are only checked.
      if (bad.any) continue;
      const sha256 = sha256s[i]!;
      if (seen.has(sha256)) {
        duplicates++;
        continue;
      }
      seen.add(sha256);
      added.push(sha256);
      const { context, responses } = parsed;
      yield {
        id: newId(),
        kind: 'conversation',
        name: parsed.name,
        sha256,
        context,
        responses,
        status: 'todo',
        note: '',
      };
    }
    if (bad.any) throw bad.rejection();
  }

  try {
    await repository.addItemsAsMade(projectId, drafts());
  } catch (error) {
    if (error instanceof Cancelled) return cancelled;
    throw error;
  }
  return { added, duplicates, cancelled: false };
}
