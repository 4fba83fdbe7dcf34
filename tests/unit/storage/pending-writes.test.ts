import { afterEach, describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { PendingWrites, pendingWrites } from '../../../src/storage/pending-writes.ts';
import { guardWrite, StorageFullError } from '../../../src/storage/errors.ts';
import type { Annotation } from '../../../src/model/annotation.ts';

const at = '2026-11-23T00:00:00.000Z';
const cls = (id: string): Annotation => ({
  id,
  type: 'class',
  projectId: 'p',
  itemId: 'i',
  label: 'l',
  annotator: 'me',
  createdAt: at,
  updatedAt: at,
});

afterEach(() => expect(pendingWrites.pending).toBe(0));

describe('pending writes', () => {
  it('counts each write from begin to end, once even if ended twice, and tells listeners', () => {
    const writes = new PendingWrites();
    const seen: number[] = [];
    const stop = writes.subscribe((n) => seen.push(n));
    const a = writes.begin();
    const b = writes.begin();
    a();
    a(); // a second end must not hide b
    expect(writes.pending).toBe(1);
    b();
    stop();
    writes.begin()();
    expect(seen).toEqual([0, 1, 2, 1, 0]);
  });

  it('settles once nothing is pending, not before', async () => {
    const writes = new PendingWrites();
    await writes.settled(); // nothing pending: at once
    const end = writes.begin();
    let settled = false;
    const waiting = writes.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    end();
    await waiting;
    expect(settled).toBe(true);
  });

  it('counts every write through the storage door until it commits or fails', async () => {
    let release!: () => void;
    const write = guardWrite(() => new Promise<void>((resolve) => (release = resolve)));
    expect(pendingWrites.pending).toBe(1);
    release();
    await write;
    expect(pendingWrites.pending).toBe(0);

    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    await expect(guardWrite(() => Promise.reject(quota))).rejects.toBeInstanceOf(StorageFullError);
    expect(pendingWrites.pending).toBe(0);
  });

  it('holds a burst of annotation edits as pending until the last one is committed', async () => {
    const repo = freshRepository();
    const seen: number[] = [];
    const stop = pendingWrites.subscribe((n) => seen.push(n));
    const writes = Array.from({ length: 50 }, (_, i) => repo.applyAnnotations([cls(`a${i}`)]));
    expect(pendingWrites.pending).toBeGreaterThanOrEqual(50);
    await pendingWrites.settled();
    // Zero pending means all fifty are stored.
    expect(await repo.annotationsOf('i')).toHaveLength(50);
    await Promise.all(writes);
    stop();
    // Pending never dipped to zero in the middle of the burst.
    expect(seen.indexOf(0, 1)).toBe(seen.length - 1);
  });
});
