import '../platform/zod-jitless.ts';
import { AirlockDB } from '../storage/db.ts';
import { Repository } from '../storage/repository.ts';
import { importConversationFile } from './conversation-file.ts';
import { failureMessage, type FromImportWorker, type ToImportWorker } from './import-protocol.ts';

// The import worker: decodes, parses, hashes, checks and stores one JSONL file of
// conversations off the main thread, in one transaction. One file per worker.

// The DOM lib types `self` as a Window; in this module it is a dedicated worker's scope.
const scope = self as unknown as {
  postMessage(message: FromImportWorker): void;
  onmessage: ((event: MessageEvent<ToImportWorker>) => void) | null;
};
const controller = new AbortController();
const post = (message: FromImportWorker) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<ToImportWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  const repository = new Repository(new AirlockDB(message.database));
  importConversationFile(
    repository,
    {
      projectId: message.projectId,
      name: message.name,
      bytes: new Uint8Array(message.buffer),
      field: message.field,
      seen: new Set(message.seen),
    },
    controller.signal,
  ).then(
    (result) => post({ type: 'finished', ...result }),
    (error: unknown) => post(failureMessage(error)),
  );
};
