import type { Repository } from '../storage/repository.ts';
import {
  importConversationFile,
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
 * In a module worker (a bundled file: the CSP allows no blob: workers) that stores the items
 * itself in the named database. The bytes are transferred, not copied.
 */
export function importConversationsInWorker(database: string): ConversationFileImporter {
  return (request, signal) =>
    new Promise<ConversationFileResult>((resolve, reject) => {
      const worker = new Worker(new URL('./import-worker.ts', import.meta.url), {
        type: 'module',
      });
      const cancel = () => worker.postMessage({ type: 'cancel' } satisfies ToImportWorker);
      signal?.addEventListener('abort', cancel);
      const end = () => {
        signal?.removeEventListener('abort', cancel);
        worker.terminate();
      };
      worker.onmessage = (event: MessageEvent<FromImportWorker>) => {
        end();
        const message = event.data;
        if (message.type === 'finished') resolve(message);
        else reject(failureOf(message));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        end();
        reject(new Error(event.message || 'The import stopped unexpectedly.'));
      };
      const { bytes } = request;
      // A view of part of a buffer is copied out; a whole buffer is handed over.
      const buffer =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
          ? (bytes.buffer as ArrayBuffer)
          : bytes.slice().buffer;
      worker.postMessage(
        {
          type: 'start',
          database,
          projectId: request.projectId,
          name: request.name,
          buffer,
          field: request.field,
          seen: [...request.seen],
        } satisfies ToImportWorker,
        [buffer],
      );
    });
}
