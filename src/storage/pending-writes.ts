// The one count of writes the app has accepted but IndexedDB has not committed yet. The
// storage door reports into it (guardWrite, the annotation writer, a note still being typed);
// the header's "Saving…"/"Saved", the update reload and the leave-page prompt read it. An
// edit is durable once this count is back to zero.

type Listener = (pending: number) => void;

export class PendingWrites {
  private count = 0;
  private readonly listeners = new Set<Listener>();

  /** Writes started and not yet committed (or failed). */
  get pending(): number {
    return this.count;
  }

  /** Marks a write as started; call the returned function once it committed or failed. */
  begin(): () => void {
    this.set(this.count + 1);
    let open = true;
    return () => {
      if (!open) return; // ending twice must not hide another write
      open = false;
      this.set(this.count - 1);
    };
  }

  /** Runs `write`, counted as pending until it settles either way. */
  async track<T>(write: () => Promise<T>): Promise<T> {
    const end = this.begin();
    try {
      return await write();
    } finally {
      end();
    }
  }

  /** Calls `listener` now and at every change; returns a function that stops it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.count);
    return () => void this.listeners.delete(listener);
  }

  /** Resolves once nothing is pending. */
  settled(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = this.subscribe((n) => {
        if (n === 0) {
          queueMicrotask(() => stop());
          resolve();
        }
      });
    });
  }

  private set(count: number): void {
    this.count = count;
    for (const listener of [...this.listeners]) listener(count);
  }
}

/** The page's one count of pending writes. */
export const pendingWrites = new PendingWrites();
