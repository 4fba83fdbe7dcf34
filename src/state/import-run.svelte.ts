import {
  importFiles,
  type ImportJob,
  type ImportProgress,
  type ImportSummary,
} from '../import/importer.ts';
import { importConversationsInWorker } from '../import/import-client.ts';
import { activeWork } from '../platform/active-work.ts';

/** One import in progress or finished, with Cancel. */
export class ImportRun {
  progress = $state.raw<ImportProgress | undefined>();
  summary = $state.raw<ImportSummary | undefined>();
  running = $state(false);
  private controller: AbortController | undefined;

  async start(job: Omit<ImportJob, 'signal' | 'onProgress'>): Promise<ImportSummary> {
    this.controller = new AbortController();
    this.running = true;
    // A reload into a new version waits for the import (see AppUpdate).
    const done = activeWork.begin('an import');
    this.summary = undefined;
    try {
      this.summary = await importFiles({
        // Files of conversations are read and stored in a worker, where the browser has one.
        ...(typeof Worker === 'function'
          ? { conversations: importConversationsInWorker(job.repository.db.name) }
          : {}),
        ...job,
        signal: this.controller.signal,
        onProgress: (p) => (this.progress = p),
      });
      return this.summary;
    } finally {
      done();
      this.running = false;
    }
  }

  cancel(): void {
    this.controller?.abort();
  }

  dismiss(): void {
    this.summary = undefined;
    this.progress = undefined;
  }
}
