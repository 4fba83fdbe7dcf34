import type { ItemEditor } from './item-editor.svelte.ts';
import type { RelationAnnotation, SpanAnnotation } from '../model/annotation.ts';
import type { TextItem } from '../model/item.ts';
import type { AttributeValue } from '../model/attributes.ts';
import {
  CodePointIndex,
  graphemeBoundaries,
  snapToGraphemes,
  snapToWords,
  trimWhitespace,
} from '../model/offsets.ts';
import { blockAt, textBlocks, type TextBlock } from '../model/text-blocks.ts';

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

/** The next (or previous) stop in a sorted list, by binary search: long texts stay quick. */
function step(boundaries: readonly number[], from: number, direction: 1 | -1): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  // boundaries[lo] is the first stop after `from`.
  if (direction > 0) return boundaries[lo] ?? from;
  let k = lo - 1;
  while (k >= 0 && boundaries[k]! >= from) k--;
  return k >= 0 ? boundaries[k]! : from;
}

/** Spans in reading order: by start, longer first. */
const byPosition = (a: SpanAnnotation, b: SpanAnnotation) => a.start - b.start || b.end - a.end;

/**
 * Span and relation labeling on one text item. The view speaks UTF-16 (the DOM's unit);
 * everything stored is in code points, converted here and only here.
 */
export class TextAnnotator {
  readonly text: string;
  readonly index: CodePointIndex;
  readonly blocks: readonly TextBlock[];
  // Caret stops are found on the first key press, not on opening: a long text opens faster.
  #graphemes: number[] | undefined;
  #words: { starts: number[]; ends: number[] } | undefined;
  private get graphemes(): number[] {
    return (this.#graphemes ??= graphemeBoundaries(this.text));
  }
  private get words(): { starts: number[]; ends: number[] } {
    return (this.#words ??= wordStops(this.text));
  }

  /** Keyboard selection in UTF-16: the anchor stays, the caret moves. */
  anchor = $state(0);
  caret = $state(0);
  /** Widen mouse selections to whole words (a project setting, handed in by the view). */
  snapWords = $state(false);
  /** "Label first, then select": a label key arms a label, and every selection gets it. */
  labelFirst = $state(false);
  armedLabel = $state<string | undefined>();
  selectedId = $state<string | undefined>();
  /** The span a relation being drawn starts from, and the target chosen by keyboard. */
  relatingFrom = $state<string | undefined>();
  relatingTo = $state<string | undefined>();
  /** Why the last gesture did nothing, for the status line; cleared by the next one. */
  message = $state<string | undefined>();
  /** A UTF-16 offset the view should scroll into sight; a new object each time it is asked. */
  reveal = $state<{ offset: number } | undefined>();

  spans: SpanAnnotation[];
  relations: RelationAnnotation[];
  /** Spans in reading order (for stepping and the annotation list). */
  ordered: SpanAnnotation[];
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
    this.ordered = $derived(this.spans.slice().sort(byPosition));
    this.text = item.text;
    this.index = new CodePointIndex(item.text);
    this.blocks = textBlocks(item.text);
  }

  // Spans and suggestions are replaced, never changed in place: a range found once stays true.
  #ranges = new WeakMap<object, { start: number; end: number }>();

  /** A span's range in UTF-16, for drawing it. */
  range(span: { start: number; end: number }): { start: number; end: number } {
    let range = this.#ranges.get(span);
    if (!range) {
      range = { start: this.index.toUtf16(span.start), end: this.index.toUtf16(span.end) };
      this.#ranges.set(span, range);
    }
    return range;
  }

  /** Takes a mouse selection (UTF-16): whole characters, whole words if asked, no outer spaces. */
  select(start: number, end: number): void {
    const snapped = this.snapWords
      ? snapToWords(this.text, start, end)
      : snapToGraphemes(this.text, start, end);
    const trimmed = trimWhitespace(this.text, snapped.start, snapped.end);
    this.message =
      snapped.end > snapped.start && trimmed.end === trimmed.start
        ? 'Only spaces are selected: a span needs at least one other character.'
        : undefined;
    this.anchor = trimmed.start;
    this.caret = trimmed.end;
    this.selectedId = undefined;
    if (this.armedLabel && trimmed.end > trimmed.start) void this.label(this.armedLabel);
  }

  /** Arrow keys move on screen: in a right-to-left paragraph → goes back in the text. */
  moveCaretVisually(key: 'left' | 'right', byWord: boolean, extend: boolean): void {
    const rtl = this.blocks[blockAt(this.blocks, this.caret)]?.dir === 'rtl';
    this.moveCaret((key === 'right') !== rtl ? 1 : -1, byWord, extend);
  }

  moveCaret(direction: 1 | -1, byWord: boolean, extend: boolean): void {
    const stops = byWord ? (direction > 0 ? this.words.ends : this.words.starts) : this.graphemes;
    this.caret = step(stops, this.caret, direction);
    if (!extend) this.anchor = this.caret;
    this.selectedId = undefined;
    this.message = undefined;
    this.reveal = { offset: this.caret };
  }

  /** Moves the caret to the start or the end of the text. */
  moveCaretTo(edge: 'start' | 'end', extend: boolean): void {
    this.caret = edge === 'start' ? 0 : this.text.length;
    if (!extend) this.anchor = this.caret;
    this.selectedId = undefined;
    this.reveal = { offset: this.caret };
  }

  clearSelection(): void {
    this.anchor = this.caret;
    this.selectedId = undefined;
    this.relatingFrom = undefined;
    this.relatingTo = undefined;
    this.message = undefined;
  }

  /** Selects a span (from its tag, the list or the keyboard) and brings it into view. */
  selectSpan(id: string): void {
    const span = this.spans.find((s) => s.id === id);
    if (!span) return;
    this.selectedId = id;
    this.message = undefined;
    this.reveal = { offset: this.index.toUtf16(span.start) };
  }

  /** Selects a UTF-16 range (a search hit) and brings it into view. */
  selectRange(start: number, end: number): void {
    this.anchor = start;
    this.caret = end;
    this.selectedId = undefined;
    this.reveal = { offset: start };
  }

  /**
   * Steps to the next or previous span in reading order; while a relation is being drawn,
   * steps its target instead (Enter then links the two).
   */
  stepSpan(direction: 1 | -1): void {
    const list = this.ordered;
    if (list.length === 0) return;
    const from = this.relatingFrom ? (this.relatingTo ?? this.relatingFrom) : this.selectedId;
    let at = list.findIndex((s) => s.id === from);
    if (at < 0) {
      const caret = this.index.toCodePoint(this.caret);
      at = direction > 0 ? list.findIndex((s) => s.start >= caret) - 1 : list.length;
      if (at < -1) at = list.length - 1;
    }
    let next = list[(at + direction + list.length) % list.length]!;
    if (this.relatingFrom && next.id === this.relatingFrom && list.length > 1)
      next = list[(at + 2 * direction + 2 * list.length) % list.length]!;
    if (this.relatingFrom) {
      this.relatingTo = next.id;
      this.reveal = { offset: this.index.toUtf16(next.start) };
    } else this.selectSpan(next.id);
  }

  /**
   * A label's key or button: labels the selection or relabels the selected span; with neither
   * in "label first" mode, arms the label (or disarms it) for the selections to come.
   */
  async pressLabel(labelId: string): Promise<void> {
    const idle = !this.selectedId && this.selection.start === this.selection.end;
    if (this.labelFirst && idle) {
      this.armedLabel = this.armedLabel === labelId ? undefined : labelId;
      return;
    }
    await this.label(labelId);
  }

  /** Labels the selected span (relabel) or the selected text (new span). One undo step. */
  async label(labelId: string): Promise<void> {
    const selected = this.spans.find((s) => s.id === this.selectedId);
    if (selected) {
      if (selected.label === labelId) return;
      await this.relabel([selected.id], labelId);
      return;
    }
    const trimmed = trimWhitespace(this.text, this.selection.start, this.selection.end);
    if (trimmed.start === trimmed.end) {
      if (this.selection.end > this.selection.start)
        this.message = 'Only spaces are selected: a span needs at least one other character.';
      return;
    }
    const { start, end } = trimmed;
    const cpStart = this.index.toCodePoint(start);
    const cpEnd = this.index.toCodePoint(end);
    const twin = this.spans.find(
      (s) => s.start === cpStart && s.end === cpEnd && s.label === labelId,
    );
    if (twin) {
      // The selection stays: another label on the same words is a nested entity, allowed.
      this.message = `“${twin.text}” already has this label.`;
      return;
    }
    const span: SpanAnnotation = {
      ...this.editor.stamp(),
      type: 'span',
      label: labelId,
      start: cpStart,
      end: cpEnd,
      text: this.index.slice(cpStart, cpEnd),
    };
    this.anchor = this.caret = end;
    this.selectedId = this.armedLabel ? undefined : span.id;
    this.message = undefined;
    await this.editor.apply({ before: [], after: [span] });
  }

  /**
   * Labels every other occurrence of the selected text in this item (whole words when the
   * selection is whole words), one undo step. Returns how many spans were added.
   */
  async labelEveryOccurrence(labelId: string): Promise<number> {
    const selected = this.spans.find((s) => s.id === this.selectedId);
    const range = selected ? this.range(selected) : this.selection;
    const needle = this.text.slice(range.start, range.end);
    if (needle.trim() === '') return 0;
    const taken = new Set(this.spans.map((s) => `${s.label}:${s.start}:${s.end}`));
    const added: SpanAnnotation[] = [];
    for (let at = this.text.indexOf(needle); at >= 0; at = this.text.indexOf(needle, at + 1)) {
      const start = this.index.toCodePoint(at);
      const end = this.index.toCodePoint(at + needle.length);
      if (taken.has(`${labelId}:${start}:${end}`) || !this.wholeAs(range, at, needle.length))
        continue;
      taken.add(`${labelId}:${start}:${end}`);
      const span: SpanAnnotation = {
        ...this.editor.stamp(),
        type: 'span',
        label: labelId,
        start,
        end,
        text: needle,
      };
      added.push(span);
    }
    await this.editor.apply({ before: [], after: added });
    this.message = `${added.length} more “${needle}” labeled.`;
    return added.length;
  }

  /** Whether an occurrence keeps the word edges the original selection had. */
  private wholeAs(original: { start: number; end: number }, at: number, length: number): boolean {
    const edge = (offset: number) =>
      offset <= 0 ||
      offset >= this.text.length ||
      !/[\p{L}\p{N}]/u.test(this.text[offset - 1]!) ||
      !/[\p{L}\p{N}]/u.test(this.text[offset]!);
    return (!edge(original.start) || edge(at)) && (!edge(original.end) || edge(at + length));
  }

  /** Gives spans another label, as one undo step. */
  async relabel(ids: readonly string[], labelId: string): Promise<void> {
    const wanted = new Set(ids);
    const before = this.spans.filter((s) => wanted.has(s.id) && s.label !== labelId);
    const at = new Date().toISOString();
    const after = before.map((s) => ({ ...s, label: labelId, updatedAt: at }));
    await this.editor.apply({ before, after });
  }

  /** Sets (or, with undefined, clears) one attribute of a span, as one undo step. */
  async setAttribute(id: string, name: string, value: AttributeValue | undefined): Promise<void> {
    const span = this.spans.find((s) => s.id === id);
    if (!span || span.attributes?.[name] === value) return;
    const attributes = { ...span.attributes };
    if (value === undefined) delete attributes[name];
    else attributes[name] = value;
    const next: SpanAnnotation = { ...span, updatedAt: new Date().toISOString() };
    if (Object.keys(attributes).length > 0) next.attributes = attributes;
    else delete next.attributes;
    await this.editor.apply({ before: [span], after: [next] });
  }

  /** Sets the labeler's comment on a span (empty removes it), as one undo step. */
  async setComment(id: string, comment: string): Promise<void> {
    const span = this.spans.find((s) => s.id === id);
    const text = comment.trim();
    if (!span || (span.comment ?? '') === text) return;
    const next: SpanAnnotation = { ...span, updatedAt: new Date().toISOString() };
    if (text) next.comment = text;
    else delete next.comment;
    await this.editor.apply({ before: [span], after: [next] });
  }

  /** Clicking a span selects it, or ends a relation being drawn. */
  async clickSpan(id: string, relationLabel: string | undefined): Promise<void> {
    const from = this.relatingFrom;
    if (from && from !== id && relationLabel) {
      this.relatingFrom = undefined;
      this.relatingTo = undefined;
      await this.relate(from, id, relationLabel);
      return;
    }
    this.selectedId = id;
    this.message = undefined;
  }

  startRelation(): void {
    if (this.selectedId) {
      this.relatingFrom = this.selectedId;
      this.relatingTo = undefined;
    }
  }

  /** Links the relation's start to the target stepped to by keyboard. */
  async confirmRelation(relationLabel: string | undefined): Promise<void> {
    const from = this.relatingFrom;
    const to = this.relatingTo;
    if (!from || !to || !relationLabel) return;
    this.relatingFrom = undefined;
    this.relatingTo = undefined;
    this.selectedId = from;
    await this.relate(from, to, relationLabel);
  }

  async relate(from: string, to: string, label: string): Promise<void> {
    const exists = this.relations.some((r) => r.from === from && r.to === to && r.label === label);
    if (exists) {
      this.message = 'These two spans already have this relation.';
      return;
    }
    const relation: RelationAnnotation = {
      ...this.editor.stamp(),
      type: 'relation',
      label,
      from,
      to,
    };
    await this.editor.apply({ before: [], after: [relation] });
  }

  /** Changes a relation's label or turns it around, as one undo step. */
  async editRelation(id: string, change: { label?: string; reverse?: boolean }): Promise<void> {
    const relation = this.relations.find((r) => r.id === id);
    if (!relation) return;
    const next = { ...relation, updatedAt: new Date().toISOString() };
    if (change.label) next.label = change.label;
    if (change.reverse) [next.from, next.to] = [relation.to, relation.from];
    await this.editor.apply({ before: [relation], after: [next] });
  }

  /** Deletes the selected span and the relations to or from it, as one step. */
  async deleteSelected(): Promise<void> {
    if (!this.selectedId) return;
    const id = this.selectedId;
    this.selectedId = undefined;
    await this.deleteMany([id]);
  }

  /** Deletes spans and relations (with every relation touching a deleted span), one step. */
  async deleteMany(ids: readonly string[]): Promise<void> {
    const gone = new Set(ids);
    const spans = this.spans.filter((s) => gone.has(s.id));
    const relations = this.relations.filter(
      (r) => gone.has(r.id) || gone.has(r.from) || gone.has(r.to),
    );
    if (this.selectedId && gone.has(this.selectedId)) this.selectedId = undefined;
    await this.editor.apply({ before: [...spans, ...relations], after: [] });
  }

  async deleteRelation(id: string): Promise<void> {
    await this.deleteMany([id]);
  }
}
