import type { AirlockDB } from '../storage/db.ts';
import { saveSuggestions, suggestionsOf } from '../storage/suggestions.ts';
import { changeWaiting, mergeSuggestions, type Suggestion } from '../model/suggestion.ts';
import { PatternMatcher, type PatternRule } from '../model/patterns.ts';
import type { SpanAnnotation } from '../model/annotation.ts';
import { newId } from '../model/ids.ts';
import type { TextAnnotator } from './text-annotator.svelte.ts';

/**
 * The suggestions waiting on the open text: shown apart from its spans, accepted (Enter) or
 * rejected (Backspace) one at a time or all at once. Accepting is an undoable span edit.
 */
export class TextSuggestions {
  list = $state.raw<Suggestion[]>([]);
  /** The suggestion Enter and Backspace act on. */
  currentId = $state<string | undefined>();

  constructor(
    private readonly db: AirlockDB,
    private readonly annotator: TextAnnotator,
    private readonly projectId: string,
    private readonly itemId: string,
    private readonly attempt: <T>(write: () => Promise<T>) => Promise<T | undefined>,
  ) {
    annotator.editor.suggestionKeeper = { itemId, change: (gone, back) => this.change(gone, back) };
  }

  get current(): Suggestion | undefined {
    return this.list.find((s) => s.id === this.currentId) ?? this.list[0];
  }

  async load(): Promise<void> {
    const list =
      (await this.attempt(() => suggestionsOf(this.db, this.projectId, this.itemId))) ?? [];
    // An empty list for an empty list would lay out every span of the text again.
    if (list.length > 0 || this.list.length > 0) this.list = list;
  }

  /** Matches rules on this text and adds what they find; returns how many are new. */
  async suggest(rules: readonly PatternRule[]): Promise<number> {
    const matches = new PatternMatcher(rules).match(this.annotator.text);
    const index = this.annotator.index;
    const fresh = matches.map((m) => ({ id: newId(), ...m, text: index.slice(m.start, m.end) }));
    const before = this.list.length;
    await this.store(mergeSuggestions(this.list, fresh, this.annotator.spans));
    return this.list.length - before;
  }

  /** Focuses a suggestion and scrolls the text to it. */
  focus(id: string): void {
    const s = this.list.find((x) => x.id === id);
    if (!s) return;
    this.currentId = id;
    this.annotator.reveal = { offset: this.annotator.index.toUtf16(s.start) };
  }

  /**
   * Turns suggestions into spans and drops them from the waiting list, as one undo step: undo
   * removes the spans and brings the suggestions back.
   */
  async accept(ids: readonly string[]): Promise<void> {
    const chosen = this.pick(ids);
    if (chosen.length === 0) return;
    const taken = new Set(this.annotator.spans.map((s) => `${s.label}:${s.start}:${s.end}`));
    const spans: SpanAnnotation[] = chosen
      .filter((s) => !taken.has(`${s.label}:${s.start}:${s.end}`))
      .map((s) => ({
        ...this.annotator.editor.stamp(),
        type: 'span',
        label: s.label,
        start: s.start,
        end: s.end,
        text: s.text,
      }));
    await this.annotator.editor.apply({
      before: [],
      after: spans,
      suggestions: { before: chosen, after: [] },
    });
  }

  /** Drops suggestions from the waiting list, as one undo step. */
  async reject(ids: readonly string[]): Promise<void> {
    const chosen = this.pick(ids);
    if (chosen.length === 0) return;
    await this.annotator.editor.apply({
      before: [],
      after: [],
      suggestions: { before: chosen, after: [] },
    });
  }

  async acceptCurrent(): Promise<void> {
    const s = this.current;
    if (s) await this.accept([s.id]);
  }

  async rejectCurrent(): Promise<void> {
    const s = this.current;
    if (s) await this.reject([s.id]);
  }

  /** Moves the focus to the next or previous suggestion. */
  step(direction: 1 | -1): void {
    if (this.list.length === 0) return;
    const at = this.list.findIndex((s) => s.id === this.current?.id);
    this.focus(this.list[(at + direction + this.list.length) % this.list.length]!.id);
  }

  private pick(ids: readonly string[]): Suggestion[] {
    const wanted = new Set(ids);
    return this.list.filter((s) => wanted.has(s.id));
  }

  /**
   * Takes suggestions off the list and puts others back (an undo). The focus goes to the first
   * one back, or else moves on to the one after the last removed, at once.
   */
  private async change(gone: readonly Suggestion[], back: readonly Suggestion[]): Promise<void> {
    const ids = new Set(gone.map((s) => s.id));
    const at = this.list.findIndex((s) => s.id === this.current?.id);
    const rest = changeWaiting(this.list, gone, back);
    const next = back[0] ?? this.list.slice(Math.max(0, at)).find((s) => !ids.has(s.id)) ?? rest[0];
    this.list = rest;
    // Moved before the write, so a key pressed while it is under way acts on the next one.
    if (next) this.focus(next.id);
    else this.currentId = undefined;
    await this.store(rest);
  }

  private async store(list: Suggestion[]): Promise<void> {
    this.list = list;
    await this.attempt(() =>
      saveSuggestions(this.db, this.projectId, new Map([[this.itemId, list]])),
    );
  }
}
