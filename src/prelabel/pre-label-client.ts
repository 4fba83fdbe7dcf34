import type { Repository } from '../storage/repository.ts';
import { preLabelProject } from './pre-label-job.ts';
import type {
  FromPreLabelWorker,
  PreLabelRequest,
  ToPreLabelWorker,
} from './pre-label-protocol.ts';

// The page's side of pre-labeling a project: start the run, hear its progress, cancel it.

export interface RunningPreLabel {
  cancel(): void;
}

export type LaunchPreLabel = (
  request: PreLabelRequest,
  onMessage: (message: FromPreLabelWorker) => void,
) => RunningPreLabel;

/** Runs in a module worker (a bundled file: the CSP allows no blob: workers). */
export const launchPreLabelWorker: LaunchPreLabel = (request, onMessage) => {
  const worker = new Worker(new URL('./pre-label-worker.ts', import.meta.url), {
    type: 'module',
  });
  worker.onmessage = (event: MessageEvent<FromPreLabelWorker>) => {
    onMessage(event.data);
    if (event.data.type !== 'progress') worker.terminate();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    onMessage({ type: 'failed', message: event.message || 'Pre-labeling stopped unexpectedly.' });
    worker.terminate();
  };
  worker.postMessage({ type: 'start', ...request } satisfies ToPreLabelWorker);
  return {
    cancel: () => worker.postMessage({ type: 'cancel' } satisfies ToPreLabelWorker),
  };
};

/** Runs on this thread, on the given repository: where there are no workers (unit tests). */
export function launchPreLabelHere(repository: Repository): LaunchPreLabel {
  return (request, onMessage) => {
    const controller = new AbortController();
    preLabelProject(repository, request.projectId, request.rules, {
      skipItem: request.skipItem,
      signal: controller.signal,
      onProgress: (progress) => onMessage({ type: 'progress', ...progress }),
    }).then(
      (found) => onMessage({ type: 'finished', found, cancelled: controller.signal.aborted }),
      (error: unknown) =>
        onMessage({
          type: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return { cancel: () => controller.abort() };
  };
}
