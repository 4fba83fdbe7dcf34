import '../platform/zod-jitless.ts';
import { AirlockDB } from '../storage/db.ts';
import { Repository } from '../storage/repository.ts';
import { checkPart, storeParts } from './conversation-file.ts';
import { failureMessage, type FromImportWorker, type ToImportWorker } from './import-protocol.ts';

// An import worker: checks a part of a JSONL file of conversations (decodes, parses, hashes,
// copies its lines into Blobs) off the main thread and, for the file's first part, then
// stores every part of the file in one transaction. One file per worker.

// The DOM lib types `self` as a Window; in this module it is a dedicated worker's scope.
const scope = self as unknown as {
  postMessage(message: FromImportWorker): void;
  onmessage: ((event: MessageEvent<ToImportWorker>) => void) | null;
};
let cancelled = false;
const post = (message: FromImportWorker) => scope.postMessage(message);
const fail = (error: unknown) => post(failureMessage(error));

scope.onmessage = (event: MessageEvent<ToImportWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'cancel':
      cancelled = true;
      return;
    case 'check':
      checkPart(message.part).then((part) => post({ type: 'checked', part }), fail);
      return;
    case 'store': {
      if (cancelled) {
        post({ type: 'finished', added: [], duplicates: 0, cancelled: true });
        return;
      }
      const { database, parts, seen, ...request } = message;
      const repository = new Repository(new AirlockDB(database));
      storeParts(repository, { ...request, seen: new Set(seen) }, parts).then(
        (result) => post({ type: 'finished', ...result }),
        fail,
      );
    }
  }
};
