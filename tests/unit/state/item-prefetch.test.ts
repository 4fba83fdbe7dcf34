import { describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { ItemEditor } from '../../../src/state/item-editor.svelte.ts';
import type { Annotation } from '../../../src/model/annotation.ts';

// The next item is read while the labeler works on this one; opening it then waits for no
// read, and what changed in between (another tab) still shows once it is read again.

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
  const editor = new ItemEditor(
    repository,
    () => '0123456789abcdef',
    (write) => write(),
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
  return { repository, editor, urgent };
}

describe('reading the next item ahead', () => {
  it('opens a prefetched item without reading storage again before it shows', async () => {
    const { repository, editor } = await setup();
    await editor.open('t1');
    editor.prefetch('t2');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const shownAtRead: (string | undefined)[] = [];
    const getItem = repository.getItem.bind(repository);
    repository.getItem = (id) => {
      shownAtRead.push(editor.item?.id);
      return getItem(id);
    };
    await editor.open('t2');
    expect(editor.item?.id).toBe('t2');
    // Shown from the read ahead; the one read is the check, made once it shows.
    expect(shownAtRead).toEqual(['t2']);
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
});
