import '../platform/zod-jitless.ts';
import { AirlockDB } from '../storage/db.ts';
import { Repository } from '../storage/repository.ts';
import { preLabelProject } from './pre-label-job.ts';
import type { FromPreLabelWorker, ToPreLabelWorker } from './pre-label-protocol.ts';

// The pre-label worker: matches a project's texts against the rules off the main thread and
// stores the suggestions itself. One run per worker.

// The DOM lib types `self` as a Window; in this module it is a dedicated worker's scope.
const scope = self as unknown as {
  postMessage(message: FromPreLabelWorker): void;
  onmessage: ((event: MessageEvent<ToPreLabelWorker>) => void) | null;
};
const controller = new AbortController();
const post = (message: FromPreLabelWorker) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<ToPreLabelWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  const repository = new Repository(new AirlockDB(message.database));
  preLabelProject(repository, message.projectId, message.rules, {
    skipItem: message.skipItem,
    signal: controller.signal,
    onProgress: (progress) => post({ type: 'progress', ...progress }),
  }).then(
    (found) => post({ type: 'finished', found, cancelled: controller.signal.aborted }),
    (error: unknown) =>
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
};
