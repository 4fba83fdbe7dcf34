import type { BackupCounts, BackupOptions, BackupProgress } from '../storage/backup-format.ts';
import type { BackupSummary } from '../storage/backup.ts';
import { BackupRefusedError, type BackupFile } from '../storage/backup-reader.ts';
import type { ZipSink } from '../bundle/zip-writer.ts';
import { blobAccess } from '../bundle/zip-reader.ts';
import { activeWork } from '../platform/active-work.ts';

export interface BackupDeps {
  backUp: (sink: ZipSink, options: BackupOptions) => Promise<BackupSummary>;
  restore: (file: BackupFile, options: BackupOptions) => Promise<BackupCounts>;
  /** A sink that collects the file, to hand to the labeler when done. */
  newSink: () => ZipSink & { blob(type: string): Blob };
  save: (blob: Blob, name: string) => void;
  /** Shows the restored workspace. */
  afterRestore: () => Promise<void>;
  today?: () => Date;
}

const isAbort = (error: unknown) => (error as { name?: unknown } | null)?.name === 'AbortError';
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the last backup or restore did. */
export type BackupOutcome =
  | { kind: 'saved'; name: string; summary: BackupSummary }
  | { kind: 'restored'; name: string; counts: BackupCounts }
  | { kind: 'failed'; message: string };

/** Backing up the whole workspace to one file, and restoring one, with progress and Cancel. */
export class WorkspaceBackup {
  running = $state<'backup' | 'restore' | undefined>();
  progress = $state.raw<BackupProgress | undefined>();
  outcome = $state.raw<BackupOutcome | undefined>();
  private controller: AbortController | undefined;

  constructor(private readonly deps: BackupDeps) {}

  async backUp(): Promise<void> {
    const day = (this.deps.today?.() ?? new Date()).toISOString().slice(0, 10);
    const name = `airlock-backup-${day}.zip`;
    await this.run('backup', async (options) => {
      const sink = this.deps.newSink();
      const summary = await this.deps.backUp(sink, options);
      this.deps.save(sink.blob('application/zip'), name);
      return { kind: 'saved', name, summary };
    });
  }

  async restore(file: File): Promise<void> {
    await this.run('restore', async (options) => {
      let counts: BackupCounts;
      try {
        counts = await this.deps.restore({ name: file.name, access: blobAccess(file) }, options);
      } catch (error) {
        // The storage door names the file and the reason; anything else is said the same way.
        if (error instanceof BackupRefusedError || isAbort(error)) throw error;
        throw new BackupRefusedError(file.name, `it could not be restored (${messageOf(error)})`);
      }
      try {
        await this.deps.afterRestore();
      } catch (error) {
        return {
          kind: 'failed',
          message: `${file.name} was restored, but the workspace could not be shown (${messageOf(error)}). Reload Airlock.`,
        };
      }
      return { kind: 'restored', name: file.name, counts };
    });
  }

  cancel(): void {
    this.controller?.abort();
  }

  dismiss(): void {
    this.outcome = undefined;
  }

  private async run(
    kind: 'backup' | 'restore',
    work: (options: BackupOptions) => Promise<BackupOutcome>,
  ): Promise<void> {
    if (this.running) return;
    this.running = kind;
    this.progress = undefined;
    this.outcome = undefined;
    this.controller = new AbortController();
    // A reload into a new version waits for this (see AppUpdate).
    const done = activeWork.begin(kind === 'backup' ? 'a backup' : 'a restore');
    try {
      this.outcome = await work({
        signal: this.controller.signal,
        onProgress: (p) => (this.progress = p),
      });
    } catch (error) {
      const message = isAbort(error)
        ? kind === 'backup'
          ? 'Backup cancelled: no file was saved.'
          : 'Restore cancelled: nothing was changed.'
        : messageOf(error);
      this.outcome = { kind: 'failed', message };
    } finally {
      done();
      this.running = undefined;
      this.progress = undefined;
    }
  }
}
