import type { Repository } from '../storage/repository.ts';
import {
  importConversationFile,
  splitLines,
  SPLIT_FROM_BYTES,
  type ConversationFileRequest,
  type ConversationFileResult,
} from './conversation-file.ts';
import { failureOf, type FromImportWorker, type ToImportWorker } from './import-protocol.ts';

// The page's side of importing a file of conversations: where it runs.

export type ConversationFileImporter = (
  request: ConversationFileRequest,
  signal?: AbortSignal,
) => Promise<ConversationFileResult>;

/** On this thread, on the given repository: where there are no workers (unit tests). */
export function importConversationsHere(repository: Repository): ConversationFileImporter {
  return (request, signal) => importConversationFile(repository, request, signal);
}

/**
 * In module workers (a bundled file: the CSP allows no blob: workers), which store the items
 * themselves in the named database: a big file is checked in two halves at once, one per
 * worker (two cores), then stored by the first. Each half's bytes are handed over, not copied
 * again.
 */
export function importConversationsInWorker(database: string): ConversationFileImporter {
  return async (request, signal) => {
    const { bytes, name, field } = request;
    const pieces = splitLines(bytes, bytes.length >= SPLIT_FROM_BYTES ? 2 : 1);
    const workers = pieces.map(
      () => new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' }),
    );
    const cancelled = { added: [], duplicates: 0, cancelled: true };
    try {
      const checked = await Promise.all(
        pieces.map((piece, i) => {
          const own = ownBuffer(piece.bytes);
          const part = { ...piece, bytes: new Uint8Array(own), name, field };
          return ask(workers[i]!, { type: 'check', part }, signal, [own]);
        }),
      );
      const parts = checked.flatMap((m) => (m?.type === 'checked' ? [m.part] : []));
      if (signal?.aborted || parts.length < pieces.length) return cancelled;
      const seen = [...request.seen];
      const store = {
        type: 'store',
        database,
        projectId: request.projectId,
        name,
        field,
        seen,
        parts,
      } as const;
      const finished = await ask(workers[0]!, store, signal);
      return finished?.type === 'finished' ? finished : cancelled;
    } finally {
      for (const worker of workers) worker.terminate();
    }
  };
}

/** A whole buffer is handed over as it is; a view of part of one is copied out. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : bytes.slice().buffer;
}

/**
 * Sends `message` and waits for the worker's answer: a failure rejects; Cancel while checking
 * answers undefined at once, while storing is passed on (the worker stops unless it has begun
 * to write).
 */
function ask(
  worker: Worker,
  message: ToImportWorker,
  signal: AbortSignal | undefined,
  transfer: Transferable[] = [],
): Promise<Extract<FromImportWorker, { type: 'checked' | 'finished' }> | undefined> {
  return new Promise((resolve, reject) => {
    const cancel = () => {
      if (message.type === 'check') resolve(undefined);
      else worker.postMessage({ type: 'cancel' } satisfies ToImportWorker);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    const end = () => signal?.removeEventListener('abort', cancel);
    worker.onmessage = (event: MessageEvent<FromImportWorker>) => {
      end();
      const answer = event.data;
      if (answer.type === 'checked' || answer.type === 'finished') resolve(answer);
      else reject(failureOf(answer));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      end();
      reject(new Error(event.message || 'The import stopped unexpectedly.'));
    };
    worker.postMessage(message, transfer);
  });
}
