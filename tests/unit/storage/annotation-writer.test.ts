import { describe, expect, it, vi } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import type { Annotation } from '../../../src/model/annotation.ts';

const at = '2026-11-23T00:00:00.000Z';
const cls = (id: string, label = 'l'): Annotation => ({
  id,
  type: 'class',
  projectId: 'p',
  itemId: 'i',
  label,
  annotator: 'me',
  createdAt: at,
  updatedAt: at,
});

describe('annotation writes', () => {
  it('stores a burst of edits in order, merged into few transactions', async () => {
    const repo = freshRepository();
    const transactions = vi.spyOn(repo.db, 'transaction');
    const writes = [
      repo.applyAnnotations([cls('a')]),
      repo.applyAnnotations([cls('b')]),
      repo.applyAnnotations([cls('a', 'relabeled')]),
      repo.applyAnnotations([], ['b']),
      repo.applyAnnotations([cls('c')]),
      repo.applyAnnotations([], ['c']),
      repo.applyAnnotations([cls('c', 'back')]),
    ];
    expect(repo.unsavedEdits).toBeGreaterThan(0);
    await Promise.all(writes);
    expect(repo.unsavedEdits).toBe(0);
    const stored = await repo.annotationsOf('i');
    expect(stored.map((a) => [a.id, a.label]).sort()).toEqual([
      ['a', 'relabeled'],
      ['c', 'back'],
    ]);
    // The first edit goes alone; the six that arrived meanwhile share one transaction.
    expect(transactions.mock.calls.length).toBe(2);
  });

  it('fails every edit of a batch that could not be written, and keeps writing later ones', async () => {
    const repo = freshRepository();
    const spy = vi
      .spyOn(repo.db.annotations, 'bulkPut')
      .mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    await expect(repo.applyAnnotations([cls('a')])).rejects.toThrow(/no room left/);
    spy.mockRestore();
    await repo.applyAnnotations([cls('b')]);
    expect((await repo.annotationsOf('i')).map((a) => a.id)).toEqual(['b']);
  });
});
