import { StorageFullError } from '../storage/errors.ts';
import { ConversationFileRejected } from './conversation-jsonl.ts';
import { ImportRejected, type Rejection } from './rejection.ts';
import type { CheckedPart, LinePart } from './conversation-file.ts';

// Messages between the page and the conversation import workers (see conversation-file.ts).

/** Step two: the checked parts of one file, stored together (by the first part's worker). */
export interface StoreRequest {
  /** The IndexedDB database the page works in. */
  database: string;
  projectId: string;
  name: string;
  field: string;
  seen: string[];
  parts: CheckedPart[];
}

export type ToImportWorker =
  /** Step one: a part of the file checked; its bytes are transferred, not copied. */
  { type: 'check'; part: LinePart } | ({ type: 'store' } & StoreRequest) | { type: 'cancel' };

export type FromImportWorker =
  | { type: 'checked'; part: CheckedPart }
  | { type: 'finished'; added: string[]; duplicates: number; cancelled: boolean }
  /** Bad lines: the file was refused whole. */
  | { type: 'bad-lines'; file: string; lines: Rejection[]; more: number }
  /** The file as a whole was refused (not UTF-8, empty, …). */
  | { type: 'refused'; file: string; reason: string; line?: number }
  | { type: 'full' }
  | { type: 'failed'; message: string };

/** What went wrong in the worker, as a message the page turns back into that error. */
/** A worker's report that its step failed. */
export type ImportFailure = Exclude<FromImportWorker, { type: 'finished' | 'checked' }>;

export function failureMessage(error: unknown): ImportFailure {
  if (error instanceof ConversationFileRejected) {
    return { type: 'bad-lines', file: error.file, lines: error.lines, more: error.more };
  }
  if (error instanceof ImportRejected) {
    const { file, reason, line } = error;
    return line === undefined
      ? { type: 'refused', file, reason }
      : { type: 'refused', file, reason, line };
  }
  if (error instanceof StorageFullError) return { type: 'full' };
  return { type: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** The error a failure message stands for, as the importer would have met it on this thread. */
export function failureOf(message: ImportFailure): Error {
  switch (message.type) {
    case 'bad-lines':
      return new ConversationFileRejected(message.file, message.lines, message.more);
    case 'refused':
      return new ImportRejected(message.file, message.reason, message.line);
    case 'full':
      return new StorageFullError();
    case 'failed':
      return new Error(message.message);
  }
}
