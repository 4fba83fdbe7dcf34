// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../src/state/workspace.svelte.ts';
import type { ProjectSummary } from '../../../src/storage/repository.ts';
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
    let reads = 0;
    const list = repository.listProjects.bind(repository);
    repository.listProjects = (counted) => (reads++, list(counted));
    workspace.countOnce();
    expect(reads).toBe(0);
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
