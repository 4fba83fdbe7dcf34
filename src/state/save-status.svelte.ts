import { pendingWrites, type PendingWrites } from '../storage/pending-writes.ts';

/**
 * "Saving…" while any write is pending, "Saved" once the last one committed: what the header
 * shows, so a labeler (or a script) knows when an edit is on disk.
 */
export class SaveStatus {
  pending = $state(0);
  saving = $derived(this.pending > 0);
  label = $derived(this.pending > 0 ? 'Saving…' : 'Saved');

  /** Follows `writes` until the returned function is called. */
  watch(writes: PendingWrites = pendingWrites): () => void {
    return writes.subscribe((n) => (this.pending = n));
  }
}
