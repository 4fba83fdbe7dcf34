import { StorageFullError } from '../storage/errors.ts';
import { ConversationFileRejected } from './conversation-jsonl.ts';
import { ImportRejected, type Rejection } from './rejection.ts';

// Messages between the page and the conversation import worker.

export interface ConversationImportRequest {
  /** The IndexedDB database the page works in. */
  database: string;
  projectId: string;
  name: string;
  /** The file's bytes, transferred (not copied) to the worker. */
  buffer: ArrayBuffer;
  field: string;
  seen: string[];
}

export type ToImportWorker = ({ type: 'start' } & ConversationImportRequest) | { type: 'cancel' };

export type FromImportWorker =
  | { type: 'finished'; added: string[]; duplicates: number; cancelled: boolean }
  /** Bad lines: the file was refused whole. */
  | { type: 'bad-lines'; file: string; lines: Rejection[]; more: number }
  /** The file as a whole was refused (not UTF-8, empty, …). */
  | { type: 'refused'; file: string; reason: string; line?: number }
  | { type: 'full' }
  | { type: 'failed'; message: string };

/** What went wrong in the worker, as a message the page turns back into that error. */
export function failureMessage(error: unknown): FromImportWorker {
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
export function failureOf(message: Exclude<FromImportWorker, { type: 'finished' }>): Error {
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
