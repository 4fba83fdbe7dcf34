import type { ItemEditor } from './item-editor.svelte.ts';
import type { RelationAnnotation, SpanAnnotation } from '../model/annotation.ts';
import type { TextItem } from '../model/item.ts';
import {
  CodePointIndex,
  graphemeBoundaries,
  snapToGraphemes,
  snapToWords,
} from '../model/offsets.ts';

/**
 * Where Ctrl+arrows stop, as in text editors: forward at the end of the next word, back at
 * the start of the previous one, so Ctrl+Shift+→ from a word's start selects just the word.
 */
function wordStops(text: string): { starts: number[]; ends: number[] } {
  const starts = [0];
  const ends: number[] = [];
  for (const s of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    if (!s.isWordLike) continue;
    starts.push(s.index);
    ends.push(s.index + s.segment.length);
  }
  ends.push(text.length);
  return { starts, ends };
}

function step(boundaries: readonly number[], from: number, direction: 1 | -1): number {
  if (direction > 0) return boundaries.find((b) => b > from) ?? from;
  return boundaries.findLast((b) => b < from) ?? from;
}

/**
 * Span and relation labeling on one text item. The view speaks UTF-16 (the DOM's unit);
 * everything stored is in code points, converted here and only here.
 */
export class TextAnnotator {
  readonly text: string;
  readonly index: CodePointIndex;
  private readonly graphemes: number[];
  private readonly words: { starts: number[]; ends: number[] };

  /** Keyboard selection in UTF-16: the anchor stays, the caret moves. */
  anchor = $state(0);
  caret = $state(0);
  /** Widen mouse selections to whole words. */
  snapWords = $state(false);
  selectedId = $state<string | undefined>();
  /** The span a relation being drawn starts from. */
  relatingFrom = $state<string | undefined>();

  spans: SpanAnnotation[];
  relations: RelationAnnotation[];
  selection = $derived({
    start: Math.min(this.anchor, this.caret),
    end: Math.max(this.anchor, this.caret),
  });

  constructor(
    readonly editor: ItemEditor,
    item: TextItem,
  ) {
    this.spans = $derived(editor.annotations.filter((a) => a.type === 'span'));
    this.relations = $derived(editor.annotations.filter((a) => a.type === 'relation'));
    this.text = item.text;
    this.index = new CodePointIndex(item.text);
    this.graphemes = graphemeBoundaries(item.text);
    this.words = wordStops(item.text);
  }

  /** A span's range in UTF-16, for drawing it. */
  range(span: SpanAnnotation): { start: number; end: number } {
    return { start: this.index.toUtf16(span.start), end: this.index.toUtf16(span.end) };
  }

  /** Takes a mouse selection (UTF-16), snapped so it never cuts a character or a word. */
  select(start: number, end: number): void {
    const snapped = this.snapWords
      ? snapToWords(this.text, start, end)
      : snapToGraphemes(this.text, start, end);
    this.anchor = snapped.start;
    this.caret = snapped.end;
    this.selectedId = undefined;
  }

  moveCaret(direction: 1 | -1, byWord: boolean, extend: boolean): void {
    const stops = byWord ? (direction > 0 ? this.words.ends : this.words.starts) : this.graphemes;
    this.caret = step(stops, this.caret, direction);
    if (!extend) this.anchor = this.caret;
    this.selectedId = undefined;
  }

  /** Moves the caret to the start or the end of the text. */
  moveCaretTo(edge: 'start' | 'end', extend: boolean): void {
    this.caret = edge === 'start' ? 0 : this.text.length;
    if (!extend) this.anchor = this.caret;
    this.selectedId = undefined;
  }

  clearSelection(): void {
    this.anchor = this.caret;
    this.selectedId = undefined;
    this.relatingFrom = undefined;
  }

  /** Labels the selected span (relabel) or the selected text (new span). One undo step. */
  async label(labelId: string): Promise<void> {
    const selected = this.spans.find((s) => s.id === this.selectedId);
    if (selected) {
      if (selected.label === labelId) return;
      const relabeled = { ...selected, label: labelId, updatedAt: new Date().toISOString() };
      await this.editor.apply({ before: [selected], after: [relabeled] });
      return;
    }
    const { start, end } = this.selection;
    if (start === end) return;
    const cpStart = this.index.toCodePoint(start);
    const cpEnd = this.index.toCodePoint(end);
    const span: SpanAnnotation = {
      ...this.editor.stamp(),
      type: 'span',
      label: labelId,
      start: cpStart,
      end: cpEnd,
      text: this.index.slice(cpStart, cpEnd),
    };
    this.anchor = this.caret = end;
    this.selectedId = span.id;
    await this.editor.apply({ before: [], after: [span] });
  }

  /** Clicking a span selects it, or ends a relation being drawn. */
  async clickSpan(id: string, relationLabel: string | undefined): Promise<void> {
    const from = this.relatingFrom;
    if (from && from !== id && relationLabel) {
      this.relatingFrom = undefined;
      await this.relate(from, id, relationLabel);
      return;
    }
    this.selectedId = id;
  }

  startRelation(): void {
    if (this.selectedId) this.relatingFrom = this.selectedId;
  }

  async relate(from: string, to: string, label: string): Promise<void> {
    const relation: RelationAnnotation = {
      ...this.editor.stamp(),
      type: 'relation',
      label,
      from,
      to,
    };
    await this.editor.apply({ before: [], after: [relation] });
  }

  /** Deletes the selected span and the relations to or from it, as one step. */
  async deleteSelected(): Promise<void> {
    const span = this.spans.find((s) => s.id === this.selectedId);
    if (!span) return;
    const attached = this.relations.filter((r) => r.from === span.id || r.to === span.id);
    this.selectedId = undefined;
    await this.editor.apply({ before: [span, ...attached], after: [] });
  }

  async deleteRelation(id: string): Promise<void> {
    const relation = this.relations.find((r) => r.id === id);
    if (relation) await this.editor.apply({ before: [relation], after: [] });
  }
}
