import { pendingWrites } from './pending-writes.ts';

/** The disk (or the browser's share of it) is full; the write was rolled back whole. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor() {
    super(
      'The browser has no room left to store Airlock data. Nothing of the last change was saved. ' +
        'Free disk space, or export and delete a project you no longer need, then try again.',
    );
  }
}

/** Data read back from storage that does not match the model: reported, never used. */
export class CorruptRecordError extends Error {
  override name = 'CorruptRecordError';
}

function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { inner?: unknown }).inner) {
    if (e.name === 'QuotaExceededError') return true;
  }
  return false;
}

/**
 * Runs a write, counted in pendingWrites until it commits or fails; a full disk becomes a
 * StorageFullError, anything else passes through.
 */
export async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await pendingWrites.track(write);
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError();
    throw error;
  }
}
