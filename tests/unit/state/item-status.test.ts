import { describe, expect, it } from 'vitest';
import { freshRepository, textDraft } from '../../factories/files.ts';
import { ItemEditor } from '../../../src/state/item-editor.svelte.ts';
import type { Item } from '../../../src/model/item.ts';
import type { Repository, StatusWritten } from '../../../src/storage/repository.ts';

// The list and the project's done count follow each status written, from what the editor
// reports; a write that lands after the labeler moved on must still be reported.

/** Status writes wait until the returned function is called. */
function holdStatusWrites(repository: Repository): () => void {
  const setStatus = repository.setStatus.bind(repository);
  let land!: () => void;
  const lands = new Promise<void>((resolve) => (land = resolve));
  repository.setStatus = async (id, status) => {
    await lands;
    return setStatus(id, status);
  };
  return land;
}

describe('a status written', () => {
  it('is reported with its change, even when the labeler has moved on before it lands', async () => {
    const repository = freshRepository();
    const project = await repository.createProject('Texts');
    await repository.addItems(project.id, [textDraft('t1'), textDraft('t2')]);
    const reported: [Pick<Item, 'id' | 'status'>, StatusWritten | undefined][] = [];
    const editor = new ItemEditor(
      repository,
      () => '0123456789abcdef',
      (write) => write(),
      (item, status) => reported.push([{ id: item.id, status: item.status }, status]),
    );
    const land = holdStatusWrites(repository);
    await editor.open('t1');
    const done = editor.setStatus('done');
    await editor.open('t2');
    land();
    await done;
    expect(reported).toEqual([
      [
        { id: 't1', status: 'done' },
        expect.objectContaining({ projectId: project.id, before: 'todo', after: 'done' }),
      ],
    ]);
    expect((await repository.getItem('t1'))?.status).toBe('done');

    // A note is reported too, with no status change.
    await editor.setNote('checked');
    expect(reported.at(-1)).toEqual([{ id: 't2', status: 'todo' }, undefined]);
  });

  it('is reported with its change when the item was opened again, from a row without it, before it landed', async () => {
    const repository = freshRepository();
    const project = await repository.createProject('Texts');
    await repository.addItems(project.id, [textDraft('t1'), textDraft('t2')]);
    // The list's rows follow what is reported, as ItemList.replace does.
    const rows = new Map((await repository.itemRows(['t1', 't2'])).map((r) => [r.id, r]));
    const editor = new ItemEditor(
      repository,
      () => '0123456789abcdef',
      (write) => write(),
      (item) => rows.set(item.id, item),
      (id) => rows.get(id),
    );
    const land = holdStatusWrites(repository);
    await editor.open('t1');
    const done = editor.setStatus('done');
    await editor.open('t2');
    await editor.open('t1'); // back, before the write landed: the list's row still says to do
    expect(editor.item?.status).toBe('todo');
    land();
    await done;
    expect(rows.get('t1')?.status).toBe('done');
    // The reopened item shows it too, once its row is read again.
    await expect.poll(() => editor.item?.status).toBe('done');
  });
});
