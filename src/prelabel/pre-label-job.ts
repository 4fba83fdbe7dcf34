import type { Repository } from '../storage/repository.ts';
import { saveSuggestions, suggestionsOfItems } from '../storage/suggestions.ts';
import { mergeSuggestions, type Suggestion } from '../model/suggestion.ts';
import { PatternMatcher, type PatternRule } from '../model/patterns.ts';
import { CodePointIndex } from '../model/offsets.ts';
import { newId } from '../model/ids.ts';

// Pre-labeling a whole project: every text matched against the rules, what is found stored as
// suggestions. Runs in the pre-label worker, so 10,000 texts never hold up the page.

const CHUNK = 100;

export interface PreLabelProgress {
  done: number;
  total: number;
  found: number;
}

export interface PreLabelOptions {
  /** The open text, suggested in by the page itself. */
  skipItem?: string | undefined;
  signal?: AbortSignal;
  onProgress?: (progress: PreLabelProgress) => void;
}

/**
 * Applies rules to every text of a project in chunks of items: each chunk is read, matched and
 * written in turn, so a cancel keeps what the finished chunks found. Returns how many are new.
 */
export async function preLabelProject(
  repository: Repository,
  projectId: string,
  rules: readonly PatternRule[],
  { skipItem, signal, onProgress }: PreLabelOptions = {},
): Promise<number> {
  const matcher = new PatternMatcher(rules);
  const ids = (await repository.itemIds(projectId)).filter((id) => id !== skipItem);
  const progress = { done: 0, total: ids.length, found: 0 };
  onProgress?.({ ...progress });
  for (let i = 0; i < ids.length && !signal?.aborted; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [items, annotations, waitingByItem] = await Promise.all([
      repository.getItems(chunk),
      repository.annotationsOfItems(chunk),
      suggestionsOfItems(repository.db, projectId, chunk),
    ]);
    const changed = new Map<string, Suggestion[]>();
    for (const item of items) {
      if (item.kind !== 'text') continue;
      const matches = matcher.match(item.text);
      if (matches.length === 0) continue;
      const index = new CodePointIndex(item.text);
      const fresh = matches.map((m) => ({ id: newId(), ...m, text: index.slice(m.start, m.end) }));
      const waiting = waitingByItem.get(item.id) ?? [];
      const spans = (annotations.get(item.id) ?? []).flatMap((a) => (a.type === 'span' ? [a] : []));
      const merged = mergeSuggestions(waiting, fresh, spans);
      if (merged.length === waiting.length) continue;
      progress.found += merged.length - waiting.length;
      changed.set(item.id, merged);
    }
    if (changed.size > 0) await saveSuggestions(repository.db, projectId, changed);
    progress.done = Math.min(ids.length, i + CHUNK);
    onProgress?.({ ...progress });
  }
  return progress.found;
}
