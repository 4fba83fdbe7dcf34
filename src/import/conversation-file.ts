import type { Repository } from '../storage/repository.ts';
import type { LineConversationDraft } from '../storage/conversation-lines.ts';
import { newId } from '../model/ids.ts';
import { conversationCheck } from '../model/conversation.ts';
import { decodeUtf8 } from './utf8.ts';
import {
  BadLines,
  ConversationFileRejected,
  MAX_BAD_LINES,
  parseConversationLine,
} from './conversation-jsonl.ts';
import { LineProblem } from './conversation-record.ts';
import { ImportRejected, type Rejection } from './rejection.ts';
import { physicalLines } from './line-bytes.ts';
import { sha256Hex } from './hash.ts';

// One JSONL file of conversations, from its bytes to stored items in one transaction: all its
// lines land or none do. Two steps. Each part of the file (a half each for two workers, so
// both cores work on a big file) is checked: its lines decoded, parsed, fingerprinted and
// hashed, and copied into Blobs, a batch of lines each. Then the parts are stored together:
// the lines themselves, as conversation-lines.ts keeps them. Where there are no workers (unit
// tests) both steps run on the calling thread. A file with a bad line stores nothing, and
// every bad line is named.

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

/** Whole lines of a file: all of it, or a run of them from line `firstLine` on. */
export interface LinePart {
  name: string;
  bytes: Uint8Array;
  field: string;
  /** Number of the part's first line, and where its first byte is in the file. */
  firstLine: number;
  offset: number;
}

/** A line that reads as a conversation, and where its bytes are in its part's Blobs. */
export interface CheckedLine {
  name: string;
  sha256: string;
  check: number;
  blob: number;
  start: number;
  end: number;
}

/** What checking a part found: its good lines (in order) and their Blobs, or its bad lines. */
export interface CheckedPart {
  lines: CheckedLine[];
  blobs: Blob[];
  bad: Rejection[];
  /** Bad lines past the MAX_BAD_LINES named. */
  more: number;
  /** Non-blank lines seen, good or bad. */
  nonBlank: number;
}

/**
 * Lines copied into one Blob: the SourceRecord the repository stores them in. Copied, never
 * kept as a slice of the File they came from: Chromium stores such a slice as a reference to
 * the file, unreadable once the file is deleted (seen in the bench).
 */
const LINES_PER_BLOB = 100;
/** A file this big is checked in two halves at once (a worker each); smaller, in one. */
export const SPLIT_FROM_BYTES = 4 * 1024 * 1024;
/** Digests in flight at once: WebCrypto answers each in a task of its own. */
const HASHING_AT_ONCE = 256;

/** The file cut into `count` parts of whole lines, about equal in size. */
export function splitLines(bytes: Uint8Array, count: number): Omit<LinePart, 'name' | 'field'>[] {
  if (bytes.length === 0) return [{ bytes, firstLine: 1, offset: 0 }];
  const parts: Omit<LinePart, 'name' | 'field'>[] = [];
  let offset = 0;
  let firstLine = 1;
  for (let k = 1; k <= count && offset < bytes.length; k++) {
    const lf = k === count ? -1 : bytes.indexOf(0x0a, Math.floor((bytes.length * k) / count));
    const end = lf === -1 ? bytes.length : lf + 1;
    if (end <= offset) continue;
    parts.push({ bytes: bytes.subarray(offset, end), firstLine, offset });
    for (let i = bytes.indexOf(0x0a, offset); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1))
      firstLine++;
    offset = end;
  }
  return parts;
}

interface SourceLine {
  number: number;
  /** The line as imported, without its line ending: its SHA-256 is the item's. */
  bytes: Uint8Array;
  content: string;
}

/**
 * The part's non-blank lines, each decoded on its own (cut as nonBlankLines cuts the decoded
 * text). A BOM is dropped at the start of the file only; a file that is not UTF-8 is refused
 * with the first bad byte, as a text file is.
 */
function sourceLines(part: LinePart): SourceLine[] {
  const { name, bytes, offset, firstLine } = part;
  if (offset === 0 && bytes.length <= 3) decodeUtf8(name, bytes); // refuses an empty file
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lines: SourceLine[] = [];
  for (const line of physicalLines(bytes, offset === 0)) {
    const number = firstLine - 1 + line.number;
    let content: string;
    try {
      content = decoder.decode(line.bytes);
    } catch {
      notUtf8(part, line.bytes.byteOffset - bytes.byteOffset, number);
    }
    if (content.trim() !== '') lines.push({ number, bytes: line.bytes, content });
  }
  return lines;
}

/** Refuses the file, naming its first byte that is not UTF-8 (in the line at `lineStart`). */
function notUtf8(part: LinePart, lineStart: number, number: number): never {
  try {
    decodeUtf8(part.name, part.bytes.subarray(lineStart));
  } catch (error) {
    const at = error instanceof ImportRejected && /offset (\d+)/.exec(error.reason);
    if (at) {
      const offset = part.offset + lineStart + Number(at[1]);
      throw new ImportRejected(
        part.name,
        `is not valid UTF-8 text (first bad byte at offset ${offset})`,
        number,
      );
    }
  }
  throw new ImportRejected(part.name, 'is not valid UTF-8 text', number);
}

async function hashes(lines: readonly SourceLine[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += HASHING_AT_ONCE) {
    const chunk = lines.slice(i, i + HASHING_AT_ONCE);
    out.push(...(await Promise.all(chunk.map((line) => sha256Hex(line.bytes)))));
  }
  return out;
}

/** Step one, for a part: every line checked; the good ones copied into Blobs. */
export async function checkPart(part: LinePart): Promise<CheckedPart> {
  const lines = sourceLines(part);
  const sha256s = await hashes(lines);
  const bad = new BadLines(part.name);
  const checked: CheckedLine[] = [];
  const blobs: Blob[] = [];
  let batch: Uint8Array<ArrayBuffer>[] = [];
  let start = 0;
  const copy = () => {
    blobs.push(new Blob(batch));
    batch = [];
    start = 0;
  };
  for (const [i, line] of lines.entries()) {
    let parsed;
    try {
      parsed = parseConversationLine(part.name, line.number, line.content, part.field);
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      bad.add(line.number, error);
      continue;
    }
    // After a bad line nothing of the file will land: the rest are only checked.
    if (bad.any) continue;
    const end = start + line.bytes.length;
    const check = conversationCheck(parsed.context, parsed.responses);
    checked.push({ name: parsed.name, sha256: sha256s[i]!, check, blob: blobs.length, start, end });
    batch.push(line.bytes as Uint8Array<ArrayBuffer>);
    start = end;
    if (batch.length === LINES_PER_BLOB) copy();
  }
  if (batch.length > 0) copy();
  if (bad.any)
    return { lines: [], blobs: [], bad: bad.lines, more: bad.more, nonBlank: lines.length };
  return { lines: checked, blobs, bad: [], more: 0, nonBlank: lines.length };
}

/**
 * Step two: the checked parts of one file stored in one transaction, in file order, lines
 * already in the project (or earlier in the file) skipped as duplicates. Refuses the file if
 * a part had a bad line, naming the first MAX_BAD_LINES of them.
 */
export async function storeParts(
  repository: Repository,
  request: Omit<ConversationFileRequest, 'bytes'>,
  parts: readonly CheckedPart[],
): Promise<ConversationFileResult> {
  const { projectId, name, field } = request;
  const bad = parts.flatMap((p) => p.bad);
  if (bad.length > 0) {
    const more = parts.reduce((n, p) => n + p.more, 0) + Math.max(0, bad.length - MAX_BAD_LINES);
    throw new ConversationFileRejected(name, bad.slice(0, MAX_BAD_LINES), more);
  }
  if (parts.every((p) => p.nonBlank === 0))
    throw new ImportRejected(name, 'has no conversations to import');
  const seen = new Set(request.seen);
  const added: string[] = [];
  let duplicates = 0;
  const drafts: LineConversationDraft[] = [];
  const sourceIds = parts.map((p) => p.blobs.map(() => newId()));
  for (const [k, part] of parts.entries()) {
    for (const { name, sha256, check, blob, start, end } of part.lines) {
      if (seen.has(sha256)) {
        duplicates++;
        continue;
      }
      seen.add(sha256);
      added.push(sha256);
      const line = { id: sourceIds[k]![blob]!, start, end, field, check };
      drafts.push({
        id: newId(),
        kind: 'conversation',
        name,
        sha256,
        status: 'todo',
        note: '',
        line,
      });
    }
  }
  const used = new Set(drafts.map((d) => d.line.id));
  const sources = parts
    .flatMap((p, k) => p.blobs.map((bytes, b) => ({ id: sourceIds[k]![b]!, bytes })))
    .filter((s) => used.has(s.id));
  await repository.addConversationLines(projectId, drafts, sources);
  return { added, duplicates, cancelled: false };
}

/** Both steps on this thread, the file in one part unless it is big. */
export async function importConversationFile(
  repository: Repository,
  request: ConversationFileRequest,
  signal?: AbortSignal,
  split = SPLIT_FROM_BYTES,
): Promise<ConversationFileResult> {
  const { name, bytes, field } = request;
  const parts: CheckedPart[] = [];
  for (const part of splitLines(bytes, bytes.length >= split ? 2 : 1))
    parts.push(await checkPart({ ...part, name, field }));
  if (signal?.aborted) return { added: [], duplicates: 0, cancelled: true };
  return storeParts(repository, request, parts);
}
