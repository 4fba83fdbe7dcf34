import { z } from 'zod';
import type { AirlockDB } from './db.ts';
import { guardWrite } from './errors.ts';

// Per project, how conversations are shown to labelers: blind (model names hidden) and
// shuffled (responses in a seeded order per labeler and item). Kept in the settings table,
// so a backup carries them.

export const ConversationSettings = z.object({
  blind: z.boolean().default(true),
  shuffle: z.boolean().default(true),
});
export type ConversationSettings = z.infer<typeof ConversationSettings>;

const key = (projectId: string) => `conversation:${projectId}`;

export async function readConversationSettings(
  db: AirlockDB,
  projectId: string,
): Promise<ConversationSettings> {
  const row = await db.settings.get(key(projectId));
  const parsed = ConversationSettings.safeParse(row?.value ?? {});
  // A damaged row falls back to the safe defaults (blind, shuffled) rather than showing names.
  return parsed.success ? parsed.data : ConversationSettings.parse({});
}

export async function saveConversationSettings(
  db: AirlockDB,
  projectId: string,
  settings: ConversationSettings,
): Promise<void> {
  const value = ConversationSettings.parse(settings);
  await guardWrite(() => db.settings.put({ key: key(projectId), value }));
}
