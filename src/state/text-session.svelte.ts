import type { ItemEditor } from './item-editor.svelte.ts';
import type { TextItem } from '../model/item.ts';
import type { PatternRule } from '../model/patterns.ts';
import type { PatternSet } from '../model/pattern-set.ts';
import { TextAnnotator } from './text-annotator.svelte.ts';
import { TextSuggestions } from './text-suggestions.svelte.ts';
import { PreLabelRun } from './pre-label.svelte.ts';
import {
  patternSets,
  savePatternSets,
  saveTextSettings,
  textSettings,
  type TextSettings,
} from '../storage/text-settings.ts';

/**
 * Everything the text workbench holds for one open text: the annotator, its suggestions, the
 * project's text settings (snap to words, guidelines) and pre-labeling rules.
 */
export class TextSession {
  readonly annotator: TextAnnotator;
  readonly suggestions: TextSuggestions;
  readonly run: PreLabelRun;
  settings = $state.raw<TextSettings>({ snapWords: false, guidelines: '' });
  patterns = $state.raw<PatternSet[]>([]);
  /** The guidelines dialog (`h`). */
  guideOpen = $state(false);

  constructor(
    readonly editor: ItemEditor,
    readonly item: TextItem,
  ) {
    this.annotator = new TextAnnotator(editor, item);
    this.suggestions = new TextSuggestions(
      editor.repository.db,
      this.annotator,
      item.projectId,
      item.id,
      editor.attempt,
    );
    this.run = new PreLabelRun(editor.repository, item.projectId);
  }

  async load(): Promise<void> {
    const db = this.editor.repository.db;
    const [settings, patterns] = await Promise.all([
      this.editor.attempt(() => textSettings(db, this.item.projectId)),
      this.editor.attempt(() => patternSets(db, this.item.projectId)),
      this.suggestions.load(),
    ]);
    if (settings) {
      this.settings = settings;
      this.annotator.snapWords = settings.snapWords;
    }
    if (patterns) this.patterns = patterns;
  }

  async saveSettings(change: Partial<TextSettings>): Promise<void> {
    this.settings = { ...this.settings, ...change };
    if (change.snapWords !== undefined) this.annotator.snapWords = change.snapWords;
    const db = this.editor.repository.db;
    const saved = await this.editor.attempt(() =>
      saveTextSettings(db, this.item.projectId, change),
    );
    if (saved) this.settings = saved;
  }

  async savePatterns(sets: PatternSet[]): Promise<boolean> {
    const db = this.editor.repository.db;
    const ok = await this.editor.attempt(async () => {
      await savePatternSets(db, this.item.projectId, sets);
      return true;
    });
    if (ok) this.patterns = sets;
    return ok === true;
  }

  get rules(): PatternRule[] {
    return this.patterns.flatMap((s) => s.rules);
  }

  /** Suggests with every rule in this text; returns how many new suggestions. */
  suggestHere(rules: readonly PatternRule[] = this.rules): Promise<number> {
    return this.suggestions.suggest(rules);
  }

  /** Suggests with the rules in every other text of the project, then in this one. */
  async suggestEverywhere(rules: readonly PatternRule[] = this.rules): Promise<number> {
    const elsewhere = (await this.editor.attempt(() => this.run.run(rules, this.item.id))) ?? 0;
    return elsewhere + (await this.suggestHere(rules));
  }
}
