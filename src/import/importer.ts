import type { Repository, NewItem } from '../storage/repository.ts';
import type { MediaRecord } from '../storage/db.ts';
import { newId } from '../model/ids.ts';
import { fileKind, ACCEPTED_EXTENSIONS } from './file-kind.ts';
import { ImportRejected, type Rejection } from './rejection.ts';
import { checkSize } from './limits.ts';
import { decodeUtf8 } from './utf8.ts';
import { parseTxt } from './txt.ts';
import { parseJsonl } from './jsonl.ts';
import { parseCsvItems } from './csv.ts';
import { readImage, type ImageDecoder, type PendingPreview } from './image.ts';
import type { ImageSize } from './image-type.ts';
import type { TextRecord } from './text-record.ts';
import { sha256OfText } from './hash.ts';
import { ConversationFileRejected } from './conversation-jsonl.ts';
import { importConversationsHere, type ConversationFileImporter } from './import-client.ts';
import { StorageFullError } from '../storage/errors.ts';

/** A file to import: the browser's File satisfies it; `path` is the folder-relative name. */
export interface SourceFile {
  name: string;
  size: number;
  path?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ImportChoices {
  /** The JSONL field that holds the text. */
  jsonlField: string;
  /** The CSV column that holds the text. */
  csvColumn: string;
  /** JSONL lines are conversations to judge (see conversation-jsonl.ts), not texts. */
  jsonlAs?: 'text' | 'conversation';
  /** The field holding a conversation's candidate responses ('' for none). */
  responsesField?: string;
}

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  added: number;
  duplicates: number;
  rejected: Rejection[];
}

export interface ImportSummary extends ImportProgress {
  cancelled: boolean;
  /** Why the import stopped before the last file (the disk is full), in the labeler's words. */
  stopped?: string;
  /** Files the import never reached (after Cancel or a stop), by name. */
  notReached: string[];
}

/** The reason a file that hit a full disk is listed with. */
export const NO_ROOM =
  'was not imported: the browser has no room left to store it (nothing of it was saved)';

export type { ImageDecoder };

/**
 * Pictures up to this size are decoded while the one before is still held for its preview
 * (two decoded at once, at most 2 × 96 MB); a bigger one waits until that preview is made.
 */
const OVERLAP_MAX_PIXELS = 24_000_000;

export interface ImportJob {
  repository: Repository;
  projectId: string;
  files: readonly SourceFile[];
  choices: ImportChoices;
  decodeImage: ImageDecoder;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Where a file of conversations is read and stored: this thread unless given a worker. */
  conversations?: ConversationFileImporter;
}

/** Lets the page paint and take input between chunks of work. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function textItems(records: TextRecord[], seen: Set<string>, duplicates: { n: number }) {
  const drafts: NewItem[] = [];
  let last = performance.now();
  for (const record of records) {
    const sha256 = await sha256OfText(record.text);
    if (seen.has(sha256)) {
      duplicates.n++;
    } else {
      seen.add(sha256);
      drafts.push({
        id: newId(),
        kind: 'text',
        name: record.name,
        text: record.text,
        sha256,
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

function readTextRecords(
  name: string,
  kind: 'txt' | 'jsonl' | 'csv',
  bytes: Uint8Array,
  choices: ImportChoices,
) {
  if (kind === 'txt') return parseTxt(name, bytes);
  const text = decodeUtf8(name, bytes);
  const records =
    kind === 'jsonl'
      ? parseJsonl(name, text, choices.jsonlField)
      : parseCsvItems(name, text, choices.csvColumn);
  if (records.length === 0) throw new ImportRejected(name, 'has no items to import');
  return records;
}

/**
 * Imports files one by one. Each file lands whole or not at all: a bad file is named in
 * the summary with its line and reason while the good ones import. Cancelling stops before
 * the next file is written; files already imported stay.
 */
export async function importFiles(job: ImportJob): Promise<ImportSummary> {
  const { repository, projectId, files, choices, signal } = job;
  const seen = await repository.itemHashes(projectId);
  const progress: ImportProgress = {
    filesDone: 0,
    filesTotal: files.length,
    added: 0,
    duplicates: 0,
    rejected: [],
  };
  const report = () => job.onProgress?.({ ...progress, rejected: [...progress.rejected] });
  report();

  let stopped: string | undefined;
  let reached = 0;
  // The last image's preview, made (and stored on its own) while the next image is read and
  // decoded: the two share the machine's cores instead of taking turns.
  let previewing: Promise<void> = Promise.resolve();
  const beforeDecode = (header: ImageSize | undefined) =>
    header && header.width * header.height <= OVERLAP_MAX_PIXELS ? Promise.resolve() : previewing;
  const storePreview = (sha256: string, pending: PendingPreview) =>
    pending
      .make()
      .then((made) => made && repository.keepPreview({ ...made, sha256 }))
      // Not made or not stored (a full disk): the image's first open makes it again.
      .catch(() => undefined);
  for (const file of files) {
    if (signal?.aborted) break;
    reached++;
    const name = file.path || file.name;
    try {
      const kind = fileKind(name);
      if (!kind)
        throw new ImportRejected(
          name,
          `is not a supported file (use ${ACCEPTED_EXTENSIONS.join(', ')})`,
        );
      checkSize(name, file.size);
      const buffer = await file.arrayBuffer().catch(() => {
        throw new ImportRejected(name, 'could not be read (moved, deleted or not accessible)');
      });
      if (kind === 'jsonl' && choices.jsonlAs === 'conversation') {
        // Read, checked and stored whole (one transaction) by the conversation importer.
        const importer = job.conversations ?? importConversationsHere(repository);
        const request = {
          projectId,
          name,
          bytes: new Uint8Array(buffer),
          field: choices.responsesField ?? 'responses',
          seen,
        };
        const result = await importer(request, signal);
        if (result.cancelled) {
          reached--; // nothing of this file was written
          break;
        }
        for (const sha256 of result.added) seen.add(sha256);
        progress.added += result.added.length;
        progress.duplicates += result.duplicates;
      } else {
        const duplicates = { n: 0 };
        let drafts: NewItem[] = [];
        const media: MediaRecord[] = [];
        let preview: PendingPreview | undefined;
        if (kind === 'image') {
          const image = await readImage(name, buffer, seen, job.decodeImage, beforeDecode);
          if (image === 'duplicate') duplicates.n++;
          else {
            seen.add(image.item.sha256);
            drafts = [image.item];
            media.push(image.media);
            preview = image.preview;
          }
        } else {
          const records = readTextRecords(name, kind, new Uint8Array(buffer), choices);
          drafts = await textItems(records, seen, duplicates);
        }
        if (signal?.aborted) {
          // Nothing of this file was written; forget the hashes it claimed.
          for (const d of drafts) seen.delete(d.sha256);
          preview?.discard();
          reached--;
          break;
        }
        try {
          // At most two decoded pictures are held: the last one's goes before this one lands.
          await previewing;
          if (drafts.length > 0) await repository.addItems(projectId, drafts, media);
        } catch (error) {
          for (const d of drafts) seen.delete(d.sha256); // rolled back whole
          preview?.discard();
          throw error;
        }
        if (preview) previewing = storePreview(drafts[0]!.sha256, preview);
        progress.added += drafts.length;
        progress.duplicates += duplicates.n;
      }
    } catch (error) {
      if (error instanceof StorageFullError) {
        // Every later file would hit the same wall: stop, and say what landed and what did not.
        progress.rejected.push({ file: name, reason: NO_ROOM });
        stopped = error.message;
      } else if (error instanceof ConversationFileRejected) {
        progress.rejected.push(...error.lines);
        if (error.more > 0)
          progress.rejected.push({
            file: error.file,
            reason: `and ${error.more} more bad lines`,
            more: error.more,
          });
      } else if (error instanceof ImportRejected) {
        const { file, line, reason } = error;
        progress.rejected.push(line === undefined ? { file, reason } : { file, line, reason });
      } else {
        // Not foreseen, but still this file's alone: the others import.
        const why = error instanceof Error ? error.message : String(error);
        progress.rejected.push({ file: name, reason: `could not be imported (${why})` });
      }
    }
    progress.filesDone++;
    report();
    if (stopped) break;
    await breathe();
  }
  // The import is done when the last preview is stored too: a big image opens quickly at once.
  await previewing;
  return {
    ...progress,
    rejected: [...progress.rejected],
    cancelled: !stopped && (signal?.aborted ?? false),
    ...(stopped ? { stopped } : {}),
    notReached: files.slice(reached).map((f) => f.path || f.name),
  };
}
