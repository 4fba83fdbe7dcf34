import { z } from 'zod';
import type { AirlockDB } from './db.ts';
import { guardWrite } from './errors.ts';
import { PatternSet } from '../model/pattern-set.ts';

// A project's text-labeling settings (snap to words, guidelines) and its pre-labeling rules,
// kept in the settings table under keys of their own: no schema change, backed up with it.

export const TextSettings = z.object({
  snapWords: z.boolean().default(false),
  /** The project's labeling guidelines, Markdown as written. */
  guidelines: z.string().default(''),
});
export type TextSettings = z.infer<typeof TextSettings>;

const settingsKey = (projectId: string) => `textSettings:${projectId}`;
const patternsKey = (projectId: string) => `patterns:${projectId}`;

export async function textSettings(db: AirlockDB, projectId: string): Promise<TextSettings> {
  const row = await db.settings.get(settingsKey(projectId));
  const parsed = TextSettings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : TextSettings.parse({});
}

/** Changes some settings, applied to the stored ones inside the write. */
export async function saveTextSettings(
  db: AirlockDB,
  projectId: string,
  change: Partial<TextSettings>,
): Promise<TextSettings> {
  return guardWrite(() =>
    db.transaction('rw', db.settings, () => changeTextSettings(db, projectId, change)),
  );
}

/** Changes some settings inside the caller's transaction (opening a task package). */
export async function changeTextSettings(
  db: AirlockDB,
  projectId: string,
  change: Partial<TextSettings>,
): Promise<TextSettings> {
  const next = TextSettings.parse({ ...(await textSettings(db, projectId)), ...change });
  await db.settings.put({ key: settingsKey(projectId), value: next });
  return next;
}

export async function patternSets(db: AirlockDB, projectId: string): Promise<PatternSet[]> {
  const row = await db.settings.get(patternsKey(projectId));
  const parsed = z.array(PatternSet).safeParse(row?.value ?? []);
  return parsed.success ? parsed.data : [];
}

export async function savePatternSets(
  db: AirlockDB,
  projectId: string,
  sets: readonly PatternSet[],
): Promise<void> {
  const value = z.array(PatternSet).parse(sets);
  await guardWrite(() => db.settings.put({ key: patternsKey(projectId), value }));
}

/** Removes the project's text settings and rules; runs inside the caller's transaction. */
export async function forgetTextSettings(db: AirlockDB, projectId: string): Promise<void> {
  await db.settings.bulkDelete([settingsKey(projectId), patternsKey(projectId)]);
}
