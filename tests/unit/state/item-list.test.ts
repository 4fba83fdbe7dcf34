import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { freshRepository } from '../../factories/files.ts';
import { ItemList } from '../../../src/state/item-list.svelte.ts';
import type { ItemRow } from '../../../src/model/item.ts';
import type { Repository } from '../../../src/storage/repository.ts';
import { showFromEffect } from './show-rows.svelte.ts';

// The item list reads the rows of its view from storage. A scroll faster than storage answers
// must not make reads that set off more reads, nor let a late read drop the rows in view.

async function setup(count: number) {
  const repository = freshRepository();
  const project = await repository.createProject('Texts', []);
  await repository.addItems(
    project.id,
    Array.from({ length: count }, (_, i) => ({
      id: `t${i}`,
      kind: 'text' as const,
      name: `text ${i}.txt`,
      text: `text ${i}`,
      sha256: i.toString(16).padStart(64, '0'),
      status: 'todo' as const,
      note: '',
    })),
  );
  // Each read waits until the test lets it answer.
  const reads: { ids: readonly string[]; answer: () => void }[] = [];
  const itemRows = repository.itemRows.bind(repository);
  repository.itemRows = (ids) =>
    new Promise<ItemRow[]>((resolve) => {
      reads.push({ ids, answer: () => resolve(itemRows(ids)) });
    });
  const list = new ItemList(repository, project.id);
  await list.reload();
  return { list, reads, stored: itemRows };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the item list reading the rows in view', () => {
  it('asks once for rows already being read', async () => {
    const { list, reads } = await setup(50);
    const first = list.show(0, 10);
    const second = list.show(0, 10);
    expect(reads).toHaveLength(1);
    reads[0]!.answer();
    await Promise.all([first, second]);
    expect([...list.rows.keys()]).toEqual(list.ids.slice(0, 10));
  });

  it('keeps the rows scrolled to when an earlier read lands after them', async () => {
    const { list, reads } = await setup(1000);
    const top = list.show(0, 10);
    const far = list.show(800, 810);
    reads[1]!.answer();
    await far;
    reads[0]!.answer();
    await top;
    const shown = list.ids.slice(800, 810);
    expect(shown.every((id) => list.rows.has(id))).toBe(true);
    expect(list.rows.has(list.ids[0]!)).toBe(false); // far from the view: let go
  });

  it('does not read again when a read lands, even for an item gone from storage', async () => {
    const { list, reads } = await setup(20);
    list.ids = ['gone', ...list.ids]; // listed, but deleted from storage meanwhile
    const stop = showFromEffect(list, 0, 10);
    flushSync();
    expect(reads).toHaveLength(1);
    reads[0]!.answer();
    await settle();
    flushSync();
    await settle();
    stop();
    expect(reads).toHaveLength(1);
    expect(list.rows.size).toBe(9);
  });

  it('keeps an edit made while its row was being read', async () => {
    const { list, reads, stored } = await setup(5);
    const showing = list.show(0, 5);
    const first = list.ids[0]!;
    const [row] = await stored([first]);
    list.replace({ ...row!, status: 'done' });
    reads[0]!.answer(); // read before the edit was stored: still "todo"
    await showing;
    expect(list.rows.get(first)?.status).toBe('done');
    expect(list.rows.get(list.ids[1]!)?.status).toBe('todo');
  });

  it('drops a read of the list as it was before it was read again', async () => {
    const { list, reads } = await setup(30);
    const stale = list.show(0, 10);
    await list.setFilter({ status: 'todo' });
    const fresh = list.show(0, 10);
    expect(reads).toHaveLength(2); // the new list's rows are read, not left to the old read
    reads[0]!.answer();
    await stale;
    expect(list.rows.size).toBe(0);
    reads[1]!.answer();
    await fresh;
    expect([...list.rows.keys()]).toEqual(list.ids.slice(0, 10));
  });
});

describe('the next item to do', () => {
  async function todo(count: number) {
    const { list, reads } = await setup(count);
    const repository = (list as unknown as { repository: Repository }).repository;
    let lookups = 0;
    const next = repository.nextWithStatus.bind(repository);
    repository.nextWithStatus = (...args) => (lookups++, next(...args));
    const at = async (id: string) => ({ id, seq: (await repository.getItem(id))!.seq });
    return { list, reads, repository, at, lookups: () => lookups };
  }

  it('is found among the rows loaded around the open item, without a read', async () => {
    const { list, reads, at, lookups } = await todo(6);
    const showing = list.show(0, 6);
    reads[0]!.answer();
    await showing;
    // t2 was done here (its row follows each status written).
    list.replace({ ...list.rows.get('t2')!, status: 'done' });
    expect(await list.nextTodo(await at('t1'))).toBe('t3');
    expect(lookups()).toBe(0);
    // After the last row: the status index is read, round to the start.
    expect(await list.nextTodo(await at('t5'))).toBe('t0');
    expect(lookups()).toBe(1);
  });

  it('reads the status index past the rows loaded; a list of done items has nothing to do', async () => {
    const { list, repository, at, lookups } = await todo(5);
    await repository.setStatus('t2', 'done');
    expect(await list.nextTodo(await at('t1'))).toBe('t3');
    expect(lookups()).toBe(1);
    await list.setFilter({ status: 'done' });
    expect(await list.nextTodo(await at('t2'))).toBeUndefined();
    expect(lookups()).toBe(1);
  });
});
