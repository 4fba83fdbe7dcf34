import type { AirlockDB } from '../storage/db.ts';
import {
  readConversationSettings,
  saveConversationSettings,
  type ConversationSettings,
} from '../storage/conversation-settings.ts';

/** A project's blind and shuffle settings, loaded once and saved on each change. */
export class ConversationView {
  blind = $state(true);
  shuffle = $state(true);
  loaded = $state(false);

  constructor(
    private readonly db: AirlockDB,
    private readonly projectId: string,
  ) {
    void this.load();
  }

  private async load(): Promise<void> {
    const s = await readConversationSettings(this.db, this.projectId);
    this.blind = s.blind;
    this.shuffle = s.shuffle;
    this.loaded = true;
  }

  async set(change: Partial<ConversationSettings>): Promise<void> {
    if (change.blind !== undefined) this.blind = change.blind;
    if (change.shuffle !== undefined) this.shuffle = change.shuffle;
    await saveConversationSettings(this.db, this.projectId, {
      blind: this.blind,
      shuffle: this.shuffle,
    });
  }
}
