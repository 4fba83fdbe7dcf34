// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { RECOUNT_AFTER_MS, Workspace } from '../../../src/state/workspace.svelte.ts';
import type { ProjectSummary, Repository } from '../../../src/storage/repository.ts';
import { updateLabel } from '../../../src/model/label-schema.ts';
import { freshRepository } from '../../factories/files.ts';

// Two label edits in quick succession (a move, then a rename while the move saves): each
// re-reads the projects, and the reads may finish out of order.

describe('the workspace', () => {
  it('lists the projects at once and counts their items after', async () => {
    const repository = freshRepository();
    const project = await repository.createProject('P');
    await repository.addItems(project.id, [
      {
        id: 't1',
        kind: 'text',
        name: 'a.txt',
        text: 'a',
        sha256: 'a'.repeat(64),
        status: 'done',
        note: '',
      },
    ]);
    const workspace = new Workspace(repository);
    await workspace.load();
    // The open project's list is read before the counts, which take seconds on a big one.
    expect(workspace.projects).toEqual([{ project }]);
    expect(workspace.current?.id).toBe(project.id);
    workspace.countOnce();
    await expect.poll(() => workspace.projects[0]).toEqual({ project, total: 1, done: 1 });
    // Once only: later counts follow the edits that change them.
    const counts = countsOf(repository);
    workspace.countOnce();
    expect(counts()).toBe(0);
  });

  it('counts a status change without counting the items again', async () => {
    const { repository, project, workspace } = await counted(3);
    const counts = countsOf(repository);
    workspace.statusChanged(project.id, { before: 'todo', after: 'done' });
    workspace.statusChanged(project.id, { before: 'todo', after: 'skipped' });
    expect(workspace.projects[0]).toEqual({ project, total: 3, done: 1 });
    workspace.statusChanged(project.id, { before: 'done', after: 'todo' });
    expect(workspace.projects[0]).toEqual({ project, total: 3, done: 0 });
    // Label edits re-read the project, and keep its counts.
    await workspace.saveLabels([{ id: 'a', name: 'Party', color: '#e6194b', kinds: ['span'] }]);
    expect(workspace.projects[0]?.done).toBe(0);
    expect(workspace.projects[0]?.project.labels).toHaveLength(1);
    expect(counts()).toBe(0);
  });

  it('counts again, once statuses rest, when a status changed during a count', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { repository, project, workspace } = await counted(2);
      // The count reads the items before the status is written, and lands after it.
      const progress = repository.progress.bind(repository);
      let read!: () => void;
      const wasRead = new Promise<void>((resolve) => (read = resolve));
      let landed!: () => void;
      const lands = new Promise<void>((resolve) => (landed = resolve));
      repository.progress = async (id) => {
        const figures = await progress(id);
        read();
        await lands;
        return figures;
      };
      const recount = workspace.recount();
      await wasRead;
      await repository.setStatus('i0', 'done');
      workspace.statusChanged(project.id, { before: 'todo', after: 'done' });
      landed();
      await recount;
      // The count predates the change: shown as counted, until it is read again.
      expect(workspace.projects[0]).toEqual({ project, total: 2, done: 0 });
      repository.progress = progress;
      await vi.advanceTimersByTimeAsync(RECOUNT_AFTER_MS - 1);
      expect(workspace.projects[0]?.done).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      await vi.waitFor(() => expect(workspace.projects[0]).toEqual({ project, total: 2, done: 1 }));
    } finally {
      vi.useRealTimers();
    }
  });

  it('never lets an older read of the projects hide a newer edit', async () => {
    const repository = freshRepository();
    await repository.createProject('P', [
      { id: 'a', name: 'Party', color: '#e6194b', kinds: ['span'] },
    ]);
    const workspace = new Workspace(repository);
    await workspace.load();
    // The read after the first edit is slow: it has read the projects, but finishes only
    // after the second edit and its own read are done.
    const list = repository.listProjects.bind(repository);
    let firstRead!: () => void;
    const read = new Promise<void>((resolve) => (firstRead = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    repository.listProjects = async (): Promise<ProjectSummary[]> => {
      const projects = await list();
      if (++calls === 1) {
        firstRead();
        await released;
      }
      return projects;
    };
    const rename = (name: string) => (ls: Parameters<typeof updateLabel>[0]) =>
      updateLabel(ls, 'a', { name });
    const first = workspace.saveLabels(rename('Signatory'));
    await read;
    await workspace.saveLabels(rename('Signatory 2'));
    release();
    await first;
    expect(workspace.current?.labels.map((l) => l.name)).toEqual(['Signatory 2']);
    expect((await repository.getProject(workspace.currentId!))?.labels[0]?.name).toBe(
      'Signatory 2',
    );
  });
});

/** A project of `n` to-do texts (i0, i1, …), in a workspace that has counted them. */
async function counted(n: number) {
  const repository = freshRepository();
  const project = await repository.createProject('P');
  await repository.addItems(
    project.id,
    Array.from({ length: n }, (_, i) => ({
      id: `i${i}`,
      kind: 'text' as const,
      name: `${i}.txt`,
      text: String(i),
      sha256: String(i).padStart(64, '0'),
      status: 'todo' as const,
      note: '',
    })),
  );
  const workspace = new Workspace(repository);
  await workspace.load();
  await workspace.recount();
  expect(workspace.projects[0]).toEqual({ project, total: n, done: 0 });
  return { repository, project, workspace };
}

/** Counts the projects' item counts read from here on. */
function countsOf(repository: Repository): () => number {
  let reads = 0;
  const progress = repository.progress.bind(repository);
  repository.progress = (id) => (reads++, progress(id));
  return () => reads;
}
