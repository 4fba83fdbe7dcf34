import type { AirlockDB } from './db.ts';
import type { Annotation } from '../model/annotation.ts';
import { guardWrite } from './errors.ts';
import { pendingWrites } from './pending-writes.ts';

interface Pending {
  put: readonly Annotation[];
  remove: readonly string[];
  done: () => void;
  failed: (error: unknown) => void;
}

/**
 * Writes annotation edits in order, merging the edits that arrive while a write is on disk
 * into the next transaction. A labeler firing hotkeys faster than the disk flushes never
 * builds a queue of thousands of transactions that a reload would cut short.
 */
export class AnnotationWriter {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: AirlockDB) {}

  /** Edits accepted but not yet committed: a page leaving now would lose them. */
  get unsaved(): number {
    return this.pending.length + (this.flushing ? 1 : 0);
  }

  write(put: readonly Annotation[], remove: readonly string[]): Promise<void> {
    // Pending from the moment it is accepted, not only once its transaction starts.
    const end = pendingWrites.begin();
    return new Promise<void>((done, failed) => {
      this.pending.push({ put, remove, done, failed });
      if (!this.flushing) void this.flush();
    }).finally(end);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      // Later edits win: the last word on each id is what gets stored.
      const last = new Map<string, Annotation | null>();
      for (const edit of batch) {
        for (const id of edit.remove) last.set(id, null);
        for (const annotation of edit.put) last.set(annotation.id, annotation);
      }
      const put = [...last.values()].filter((a): a is Annotation => a !== null);
      const remove = [...last.entries()].filter(([, a]) => a === null).map(([id]) => id);
      try {
        await guardWrite(() =>
          this.db.transaction('rw', this.db.annotations, async () => {
            if (remove.length > 0) await this.db.annotations.bulkDelete(remove);
            if (put.length > 0) await this.db.annotations.bulkPut(put);
          }),
        );
        for (const edit of batch) edit.done();
      } catch (error) {
        for (const edit of batch) edit.failed(error);
      }
    }
    this.flushing = false;
  }
}
