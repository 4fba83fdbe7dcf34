import type { AirlockDB, ContentRecord } from './db.ts';
import { readStored } from './stored-records.ts';
import { Item, joinItem, splitItem, type ItemContent, type ItemRow } from '../model/item.ts';

// An item is stored as its row in `items` and, for a conversation, its context and responses
// in `contents` (db.ts says why). Every write and read of whole items goes through here,
// inside a transaction over both tables.

/** Adds new items: their rows and their contents. */
export async function addItemRecords(db: AirlockDB, items: readonly Item[]): Promise<void> {
  const split = items.map((item) => ({ id: item.id, ...splitItem(item) }));
  await Promise.all([
    db.items.bulkAdd(split.map(({ row }) => row)),
    db.contents.bulkAdd(split.flatMap(({ id, content }) => (content ? [{ id, ...content }] : []))),
  ]);
}

/** Deletes items: their rows and their contents. */
export async function deleteItemRecords(db: AirlockDB, ids: readonly string[]): Promise<void> {
  await Promise.all([db.items.bulkDelete([...ids]), db.contents.bulkDelete([...ids])]);
}

/** The item a stored row and its stored content make, checked (once, as a whole). */
export function storedItem(row: ItemRow, content: ItemContent | undefined, id: string): Item {
  return readStored(Item, joinItem(row, content), `item ${id}`);
}

/** The stored messages of the rows that are conversations, by id (texts and images have none). */
export async function contentsOf(
  db: AirlockDB,
  rows: readonly ItemRow[],
): Promise<Map<string, ContentRecord | undefined>> {
  const ids = rows.filter((row) => row.kind === 'conversation').map((row) => row.id);
  const found = await db.contents.bulkGet(ids);
  return new Map(ids.map((id, i) => [id, found[i]]));
}

/** Whole items, in the order of `ids`; those gone are left out. One read of both tables. */
export function readItems(db: AirlockDB, ids: readonly string[]): Promise<Item[]> {
  const { items, contents } = db;
  return db.transaction('r', [items, contents], async () => {
    const rows = (await items.bulkGet([...ids])).filter((row) => row !== undefined);
    const messages = await contentsOf(db, rows);
    return rows.map((row) => storedItem(row, messages.get(row.id), row.id));
  });
}
