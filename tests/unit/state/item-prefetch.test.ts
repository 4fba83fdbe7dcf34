import { describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { ItemEditor } from '../../../src/state/item-editor.svelte.ts';
import type { Annotation } from '../../../src/model/annotation.ts';

// The next item's body is read while the labeler works on this one; opening it then waits for
// no read (its row is the list's), and what changed in between (another tab) still shows once
// its row and annotations are read again.

async function setup() {
  const repository = freshRepository();
  const project = await repository.createProject('Texts', [
    { id: 'urgent', name: 'Urgent', color: '#e6194b', kinds: ['text_class'] },
  ]);
  const text = (id: string, sha: string) => ({
    id,
    kind: 'text' as const,
    name: `${id}.txt`,
    text: `text of ${id}`,
    sha256: sha.repeat(64),
    status: 'todo' as const,
    note: '',
  });
  await repository.addItems(project.id, [text('t1', 'a'), text('t2', 'b')]);
  // The rows as the item list holds them.
  const rows = new Map((await repository.itemRows(['t1', 't2'])).map((row) => [row.id, row]));
  const editor = new ItemEditor(
    repository,
    () => '0123456789abcdef',
    (write) => write(),
    () => {},
    (id) => rows.get(id),
  );
  const urgent = (itemId: string): Annotation => ({
    id: `c-${itemId}`,
    projectId: project.id,
    itemId,
    label: 'urgent',
    annotator: 'fedcba9876543210',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    type: 'class',
  });
  return { repository, editor, urgent, rows };
}

describe('reading the next item ahead', () => {
  it('opens a prefetched item without reading storage again before it shows', async () => {
    const { repository, editor } = await setup();
    await editor.open('t1');
    editor.prefetch('t2');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const reads: string[] = [];
    for (const name of ['getItem', 'itemBody', 'itemRows', 'annotationsOf'] as const) {
      const read = repository[name].bind(repository) as (id: never) => Promise<unknown>;
      (repository[name] as unknown) = (id: never) => {
        reads.push(`${name} while ${editor.item?.id} shows`);
        return read(id);
      };
    }
    await editor.open('t2');
    expect(editor.item).toMatchObject({ id: 't2', text: 'text of t2', status: 'todo' });
    // Shown from the list's row and the body read ahead; the reads are the check, once it shows.
    await expect
      .poll(() => reads)
      .toEqual(['itemRows while t2 shows', 'annotationsOf while t2 shows']);
  });

  it('reads only the body of an item whose row the list holds, and the whole item otherwise', async () => {
    const { repository, editor, rows } = await setup();
    const reads: string[] = [];
    for (const name of ['getItem', 'itemBody'] as const) {
      const read = repository[name].bind(repository) as (id: string) => Promise<unknown>;
      (repository[name] as unknown) = (id: string) => {
        reads.push(`${name} ${id}`);
        return read(id);
      };
    }
    await editor.open('t1');
    rows.delete('t2');
    await editor.open('t2');
    expect(reads).toEqual(['itemBody t1', 'getItem t2']);
    expect(editor.item).toMatchObject({ id: 't2', text: 'text of t2' });
  });

  it('shows a status the list has not heard of yet once the row is read again', async () => {
    const { repository, editor } = await setup();
    await repository.setStatus('t2', 'done'); // stored, but the list's row still says to do
    await editor.open('t2');
    await expect.poll(() => editor.item?.status).toBe('done');
    expect(editor.item).toMatchObject({ text: 'text of t2' });
  });

  it('shows what another tab stored meanwhile once the item is read again', async () => {
    const { repository, editor, urgent } = await setup();
    await editor.open('t1');
    editor.prefetch('t2');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await repository.applyAnnotations([urgent('t2')]); // written elsewhere after the read ahead
    await editor.open('t2');
    expect(editor.annotations).toEqual([]);
    await expect.poll(() => editor.annotations.map((a) => a.id)).toEqual(['c-t2']);
  });

  it('keeps an edit made before the check came back', async () => {
    const { repository, editor, urgent } = await setup();
    await editor.open('t1');
    editor.prefetch('t2');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await repository.applyAnnotations([urgent('t2')]);
    await editor.open('t2');
    const edit = editor.apply({ before: [], after: [{ ...urgent('t2'), id: 'mine' }] });
    await edit;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(editor.annotations.map((a) => a.id)).toEqual(['mine']);
    expect(editor.canUndo).toBe(true);
  });

  it('opens a conversation from its row and its stored messages; one deleted meanwhile opens as gone', async () => {
    const { repository, editor } = await setup();
    const project = (await repository.listProjects())[0]!.project;
    await repository.addItems(project.id, [
      {
        id: 'c1',
        kind: 'conversation',
        name: 'c1',
        context: [{ role: 'user', content: 'Which is kinder?' }],
        responses: [{ id: 'a', content: 'This one.' }],
        sha256: 'c'.repeat(64),
        status: 'todo',
        note: '',
      },
    ]);
    const [row] = await repository.itemRows(['c1']);
    const withRow = new ItemEditor(
      repository,
      () => '0123456789abcdef',
      (write) => write(),
      () => {},
      (id) => (id === 'c1' ? row : undefined),
    );
    await withRow.open('c1');
    expect(withRow.item).toMatchObject({
      id: 'c1',
      context: [{ content: 'Which is kinder?' }],
      responses: [{ id: 'a', content: 'This one.' }],
    });
    await withRow.open('t1');
    await repository.deleteProject(project.id); // in another tab; the list still has the row
    await withRow.open('c1');
    expect(withRow.item).toBeUndefined();
    void editor;
  });
});
