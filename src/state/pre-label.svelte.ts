import type { Repository } from '../storage/repository.ts';
import { saveSuggestions, suggestionsOfItems } from '../storage/suggestions.ts';
import { mergeSuggestions, type Suggestion } from '../model/suggestion.ts';
import { PatternMatcher, type PatternRule } from '../model/patterns.ts';
import { CodePointIndex } from '../model/offsets.ts';
import { newId } from '../model/ids.ts';

const CHUNK = 100;

/**
 * Applies rules to every text of a project, as suggestions, in chunks of items: each chunk is
 * read, matched and written in turn, with the page given a frame between chunks.
 */
export class PreLabelRun {
  done = $state(0);
  total = $state(0);
  found = $state(0);
  running = $state(false);
  private cancelled = false;

  constructor(
    private readonly repository: Repository,
    private readonly projectId: string,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }

  /** Returns how many new suggestions were made. */
  async run(rules: readonly PatternRule[], skipItem?: string): Promise<number> {
    const matcher = new PatternMatcher(rules);
    const ids = (await this.repository.itemIds(this.projectId)).filter((id) => id !== skipItem);
    this.cancelled = false;
    this.running = true;
    this.total = ids.length;
    this.done = 0;
    this.found = 0;
    try {
      for (let i = 0; i < ids.length && !this.cancelled; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const [items, annotations, waitingByItem] = await Promise.all([
          this.repository.getItems(chunk),
          this.repository.annotationsOfItems(chunk),
          suggestionsOfItems(this.repository.db, this.projectId, chunk),
        ]);
        const changed = new Map<string, Suggestion[]>();
        for (const item of items) {
          if (item.kind !== 'text') continue;
          const matches = matcher.match(item.text);
          if (matches.length === 0) continue;
          const index = new CodePointIndex(item.text);
          const fresh = matches.map((m) => ({
            id: newId(),
            ...m,
            text: index.slice(m.start, m.end),
          }));
          const waiting = waitingByItem.get(item.id) ?? [];
          const spans = (annotations.get(item.id) ?? []).flatMap((a) =>
            a.type === 'span' ? [a] : [],
          );
          const merged = mergeSuggestions(waiting, fresh, spans);
          if (merged.length === waiting.length) continue;
          this.found += merged.length - waiting.length;
          changed.set(item.id, merged);
        }
        if (changed.size > 0) await saveSuggestions(this.repository.db, this.projectId, changed);
        this.done = Math.min(ids.length, i + CHUNK);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      this.running = false;
    }
    return this.found;
  }
}
