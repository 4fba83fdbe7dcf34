// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { Workspace } from '../../../src/state/workspace.svelte.ts';
import type { ProjectSummary, Repository } from '../../../src/storage/repository.ts';
import { updateLabel } from '../../../src/model/label-schema.ts';
import { freshRepository, textDraft } from '../../factories/files.ts';

// Two label edits in quick succession (a move, then a rename while the move saves): each
// re-reads the projects, and the reads may finish out of order.

describe('the workspace', () => {
  it('lists the projects at once and counts their items after', async () => {
    const repository = freshRepository();
    const project = await repository.createProject('P');
    await repository.addItems(project.id, [textDraft('t1', 'done')]);
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
    workspace.statusChanged((await repository.setStatus('i0', 'done'))!);
    workspace.statusChanged((await repository.setStatus('i1', 'skipped'))!);
    expect(workspace.projects[0]).toEqual({ project, total: 3, done: 1 });
    workspace.statusChanged((await repository.setStatus('i0', 'todo'))!);
    expect(workspace.projects[0]).toEqual({ project, total: 3, done: 0 });
    // Label edits re-read the project, and keep its counts.
    await workspace.saveLabels([{ id: 'a', name: 'Party', color: '#e6194b', kinds: ['span'] }]);
    expect(workspace.projects[0]?.done).toBe(0);
    expect(workspace.projects[0]?.project.labels).toHaveLength(1);
    expect(counts()).toBe(0);
  });

  it('counts each status change once however it overlaps a count', async () => {
    const { repository, project, workspace } = await counted(3);
    // Written before the count read, and told after it landed: already in it.
    const early = (await repository.setStatus('i0', 'done'))!;
    await workspace.recount();
    workspace.statusChanged(early);
    expect(workspace.projects[0]).toEqual({ project, total: 3, done: 1 });
    // Written after the count read, and told before it landed: added to it.
    const progress = repository.progress.bind(repository);
    let read!: () => void;
    const wasRead = new Promise<void>((resolve) => (read = resolve));
    let land!: () => void;
    const lands = new Promise<void>((resolve) => (land = resolve));
    repository.progress = async (id) => {
      const figures = await progress(id);
      read();
      await lands;
      return figures;
    };
    const counting = workspace.recount();
    await wasRead;
    workspace.statusChanged((await repository.setStatus('i1', 'done'))!);
    expect(workspace.projects[0]?.done).toBe(2);
    land();
    await counting;
    expect(workspace.projects[0]).toEqual({ project, total: 3, done: 2 });
    // A later write, undone: told as it lands.
    workspace.statusChanged((await repository.setStatus('i2', 'done'))!);
    workspace.statusChanged((await repository.setStatus('i2', 'todo'))!);
    expect(workspace.projects[0]).toEqual({ project, total: 3, done: 2 });
  });

  it('follows what storage replaced, not what was on screen, when an earlier write failed', async () => {
    const { repository, project, workspace } = await counted(1);
    // Done was refused (a full disk); then Skipped lands: to do → skipped, nothing done.
    workspace.statusChanged((await repository.setStatus('i0', 'skipped'))!);
    expect(workspace.projects[0]).toEqual({ project, total: 1, done: 0 });
  });

  it('says when the items could not be counted, and counts them when the list next shows', async () => {
    const repository = freshRepository();
    const project = await repository.createProject('P');
    const workspace = new Workspace(repository);
    await workspace.load();
    const progress = repository.progress.bind(repository);
    repository.progress = () => Promise.reject(new Error('the disk went away'));
    workspace.countOnce();
    await vi.waitFor(() =>
      expect(workspace.error).toBe('The items could not be counted: the disk went away'),
    );
    expect(workspace.projects[0]).toEqual({ project });
    repository.progress = progress;
    workspace.countOnce();
    await vi.waitFor(() => expect(workspace.projects[0]).toEqual({ project, total: 0, done: 0 }));
  });

  it('counts a project it had no count for when one of its statuses changes', async () => {
    const { repository, workspace } = await counted(1);
    // Made in another tab: listed on the next read, never counted here.
    const other = await repository.createProject('Q');
    await repository.addItems(other.id, [textDraft('q0')]);
    await workspace.refresh();
    expect(workspace.projects[1]).toEqual({ project: other });
    workspace.statusChanged((await repository.setStatus('q0', 'done'))!);
    await vi.waitFor(() =>
      expect(workspace.projects[1]).toEqual({ project: other, total: 1, done: 1 }),
    );
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
    Array.from({ length: n }, (_, i) => textDraft(`i${i}`)),
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
