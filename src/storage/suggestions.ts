import { z } from 'zod';
import type { AirlockDB } from './db.ts';
import { guardWrite } from './errors.ts';
import { Suggestion } from '../model/suggestion.ts';

// Suggested spans, one record per item in the settings table, apart from the annotations:
// exports and agreement read annotations only, so a suggestion never leaves unaccepted.

const prefix = (projectId: string) => `suggestions:${projectId}:`;
const List = z.array(Suggestion);

export async function suggestionsOf(
  db: AirlockDB,
  projectId: string,
  itemId: string,
): Promise<Suggestion[]> {
  const row = await db.settings.get(prefix(projectId) + itemId);
  const parsed = List.safeParse(row?.value ?? []);
  return parsed.success ? parsed.data : [];
}

/** The suggestions of several items in one read, by item id (items without any left out). */
export async function suggestionsOfItems(
  db: AirlockDB,
  projectId: string,
  itemIds: readonly string[],
): Promise<Map<string, Suggestion[]>> {
  const rows = await db.settings.bulkGet(itemIds.map((id) => prefix(projectId) + id));
  const out = new Map<string, Suggestion[]>();
  rows.forEach((row, i) => {
    const parsed = row && List.safeParse(row.value);
    if (parsed?.success && parsed.data.length > 0) out.set(itemIds[i]!, parsed.data);
  });
  return out;
}

/** Replaces the suggestions of some items in one write; an empty list removes the record. */
export async function saveSuggestions(
  db: AirlockDB,
  projectId: string,
  byItem: ReadonlyMap<string, readonly Suggestion[]>,
): Promise<void> {
  const put: { key: string; value: Suggestion[] }[] = [];
  const remove: string[] = [];
  for (const [itemId, list] of byItem) {
    if (list.length === 0) remove.push(prefix(projectId) + itemId);
    else put.push({ key: prefix(projectId) + itemId, value: List.parse(list) });
  }
  await guardWrite(() =>
    db.transaction('rw', db.settings, async () => {
      if (put.length > 0) await db.settings.bulkPut(put);
      if (remove.length > 0) await db.settings.bulkDelete(remove);
    }),
  );
}

/** How many suggestions wait in the project, and in how many items. */
export async function countSuggestions(
  db: AirlockDB,
  projectId: string,
): Promise<{ suggestions: number; items: number }> {
  let suggestions = 0;
  let items = 0;
  await db.settings
    .where('key')
    .startsWith(prefix(projectId))
    .each((row) => {
      const n = Array.isArray(row.value) ? row.value.length : 0;
      suggestions += n;
      if (n > 0) items++;
    });
  return { suggestions, items };
}

/** Drops every suggestion of the project. */
export async function clearSuggestions(db: AirlockDB, projectId: string): Promise<void> {
  await guardWrite(() => forgetSuggestions(db, projectId));
}

/** Drops every suggestion of the project, inside the caller's transaction (deleting it). */
export async function forgetSuggestions(db: AirlockDB, projectId: string): Promise<void> {
  await db.settings.where('key').startsWith(prefix(projectId)).delete();
}
