import type { ItemEditor } from './item-editor.svelte.ts';
import type { ConversationItem } from '../model/item.ts';
import type { Annotation, RankingAnnotation, SpanAnnotation } from '../model/annotation.ts';
import { messageContent, type MessageRange } from '../model/conversation-spans.ts';
import { keepLineEndings } from '../model/line-endings.ts';
import type { Label } from '../model/label.ts';
import { now } from '../model/ids.ts';
import {
  keptOrder,
  moveToTier,
  type OrderedAnswer,
  preferencePoints,
  ranksOf,
  responseField,
  shownOrder,
  tiersOf,
  type PreferencePoint,
} from '../model/conversation.ts';
import {
  DEFAULT_STRENGTH,
  answersTo,
  questionsFor,
  unanswered,
  type Question,
} from '../model/conversation-questions.ts';

/**
 * Answering questions about one conversation item. Every answer is one gesture through the
 * item editor: shown at once, written at once, one undo step.
 */
export class ConversationAnnotator {
  readonly item: ConversationItem;
  /** The question keyboard answers go to. */
  active = $state(0);
  /** Ranking being typed: rank per response until every response has one. */
  draftRanks = $state.raw<Map<string, number>>(new Map());
  /** The response the next rank digit goes to. */
  rankCursor = $state(0);
  /** Why the last span critique could not be made (empty: it was). */
  spanMessage = $state('');

  constructor(
    readonly editor: ItemEditor,
    item: ConversationItem,
    readonly labels: () => Label[],
    private readonly seed: { project: string; labeler: string; shuffle: () => boolean },
  ) {
    this.item = item;
    this.answered = editor.annotations.map(({ type, ...a }) => ({
      type,
      ...('shown' in a ? { shown: a.shown } : {}),
    }));
  }

  /**
   * The orders this item's answers were given against: those stored when it opened, and those
   * given since. Not read from the editor's annotations, so the questions are not rebuilt on
   * every answer.
   */
  private answered: OrderedAnswer[];

  /**
   * Response ids in the order this labeler sees them: seeded per labeler and item, and kept as
   * answered once there are answers.
   */
  get shown(): string[] {
    const ids = this.item.responses.map((r) => r.id);
    const { project, labeler } = this.seed;
    const seeded = this.seed.shuffle()
      ? shownOrder(ids, { project, labeler, item: this.item.id })
      : ids;
    return keptOrder(seeded, this.answered);
  }

  /** Read from the labels each time, so a label edited in another tab applies at once. */
  get questions(): Question[] {
    return questionsFor(this.labels(), this.shown);
  }

  get activeQuestion(): Question | undefined {
    return this.questions[this.active];
  }

  focus(index: number): void {
    const n = this.questions.length;
    if (n > 0) this.active = ((index % n) + n) % n;
  }

  /**
   * A question label's hotkey: on a flags question holding that flag it toggles the flag;
   * otherwise it goes to the label's question, and pressed again to its next one (a rating
   * per response: A, then B, …). Returns whether the label asks anything here.
   */
  async pressQuestionLabel(label: Label): Promise<boolean> {
    const questions = this.questions;
    const mine = questions.flatMap((q, i) => (q.labels.some((l) => l.id === label.id) ? [i] : []));
    if (mine.length === 0) return false;
    const active = questions[this.active];
    if (active?.kind === 'flags' && mine.includes(this.active)) {
      await this.toggleFlag(active, label);
      return true;
    }
    const at = mine.indexOf(this.active);
    this.focus(mine[(at + 1) % mine.length]!);
    return true;
  }

  answers(question: Question): Annotation[] {
    return answersTo(question, this.editor.annotations);
  }

  missing(): Question[] {
    return unanswered(this.questions, this.editor.annotations, this.item);
  }

  /** Puts `next` in place of the question's current answers (none: clears them), one step. */
  private async replace(question: Question, next: Annotation | undefined): Promise<void> {
    const before = this.answers(question).filter((a) => a.type !== 'class');
    await this.editor.apply({ before, after: next ? [next] : [] });
  }

  /** Keeps the answer's id and creation time when changing it, so it stays one annotation. */
  private keep(question: Question): Pick<Annotation, 'id' | 'createdAt'> | undefined {
    const old = this.answers(question)[0];
    return old && { id: old.id, createdAt: old.createdAt };
  }

  private fields(question: Question) {
    return {
      ...this.editor.stamp(),
      ...this.keep(question),
      label: question.labels[0]!.id,
      updatedAt: now(),
    };
  }

  async prefer(question: Question, point: PreferencePoint): Promise<void> {
    const shown: [string, string] = [this.shown[0]!, this.shown[1]!];
    this.answered.push({ type: 'preference', shown });
    const choice = point.side === 'tie' ? 'tie' : point.side === 'left' ? shown[0] : shown[1];
    await this.replace(question, {
      ...this.fields(question),
      type: 'preference',
      shown,
      choice,
      ...(point.side !== 'tie' ? { strength: point.strength ?? 1 } : {}),
    });
  }

  /** Number keys 1 … 2S+1 on a preference: far left … tie … far right. */
  async preferByKey(question: Question, digit: number): Promise<boolean> {
    const points = preferencePoints(question.labels[0]!.strength ?? DEFAULT_STRENGTH);
    const point = points[digit - 1];
    if (!point) return false;
    await this.prefer(question, point);
    return true;
  }

  ranking(question: Question): RankingAnnotation | undefined {
    const a = this.answers(question)[0];
    return a?.type === 'ranking' ? a : undefined;
  }

  /** Rank numbers shown now: the stored ranking's, else the one being typed. */
  ranks(question: Question): Map<string, number> {
    const stored = this.ranking(question);
    return stored ? ranksOf(stored.order) : this.draftRanks;
  }

  /** Gives a response a rank (1 = best; equal ranks tie). Stored once every response has one. */
  async setRank(question: Question, id: string, rank: number): Promise<void> {
    const ranks = new Map(this.ranks(question));
    ranks.set(id, rank);
    if (this.shown.every((r) => ranks.has(r))) {
      await this.saveOrder(question, tiersOf(this.shown, ranks));
      this.draftRanks = new Map();
    } else {
      this.draftRanks = ranks;
    }
  }

  /** A rank digit goes to the response under the cursor, then the cursor moves on. */
  async rankByKey(question: Question, digit: number): Promise<boolean> {
    if (digit < 1 || digit > this.shown.length) return false;
    const id = this.shown[this.rankCursor % this.shown.length]!;
    this.rankCursor = (this.rankCursor + 1) % this.shown.length;
    await this.setRank(question, id, digit);
    return true;
  }

  /** Drag and drop: into tier `to` (a tie with it) or, with `alone`, a new tier before it. */
  async moveResponse(question: Question, id: string, to: number, alone: boolean): Promise<void> {
    const start = this.ranking(question)?.order ?? tiersOf(this.shown, this.completedDraft());
    await this.saveOrder(question, moveToTier(start, id, to, alone));
    this.draftRanks = new Map();
  }

  /** The draft with unranked responses after the ranked ones, in the order shown. */
  private completedDraft(): Map<string, number> {
    const ranks = new Map(this.draftRanks);
    let next = Math.max(0, ...ranks.values());
    for (const id of this.shown) if (!ranks.has(id)) ranks.set(id, ++next);
    return ranks;
  }

  private async saveOrder(question: Question, order: string[][]): Promise<void> {
    const shown = [...this.shown];
    this.answered.push({ type: 'ranking', shown });
    await this.replace(question, { ...this.fields(question), type: 'ranking', shown, order });
  }

  async rate(question: Question, value: number): Promise<void> {
    await this.replace(question, {
      ...this.fields(question),
      type: 'rating',
      value,
      ...(question.response !== undefined ? { response: question.response } : {}),
    });
  }

  async toggleFlag(question: Question, label: Label): Promise<void> {
    const set = this.answers(question).filter((a) => a.label === label.id);
    if (set.length > 0) {
      await this.editor.apply({ before: set, after: [] });
      return;
    }
    await this.editor.apply({
      before: [],
      after: [
        {
          ...this.editor.stamp(),
          type: 'class',
          label: label.id,
          ...(question.response !== undefined ? { field: responseField(question.response) } : {}),
        },
      ],
    });
  }

  text(question: Question): { text: string; response?: string } | undefined {
    const a = this.answers(question)[0];
    return a?.type === 'text'
      ? { text: a.text, ...(a.response ? { response: a.response } : {}) }
      : undefined;
  }

  /** Writes a rationale or rewrite; empty text removes it. One step per committed edit. */
  async setText(question: Question, typed: string, response = question.response): Promise<void> {
    // A text box reads CR LF as LF: a rewrite keeps the line breaks of its response.
    const source = this.item.responses.find((r) => r.id === response)?.content;
    const text =
      question.kind === 'rewrite' && source !== undefined ? keepLineEndings(typed, source) : typed;
    const old = this.text(question);
    if (old?.text === text && old.response === response) return;
    if (text === '' && response === question.response) return this.replace(question, undefined);
    await this.replace(question, {
      ...this.fields(question),
      type: 'text',
      text,
      ...(response !== undefined ? { response } : {}),
    });
  }

  /** The response this item's answers put first: the preferred one, else the top ranked. */
  preferred(): string | undefined {
    const all = this.editor.annotations;
    const preference = all.find((a) => a.type === 'preference' && a.choice !== 'tie');
    if (preference?.type === 'preference') return preference.choice;
    // A ranking's best, unless it ties with another.
    const ranking = all.find((a) => a.type === 'ranking');
    return ranking?.type === 'ranking' && ranking.order[0]?.length === 1
      ? ranking.order[0][0]
      : undefined;
  }

  async clear(question: Question): Promise<void> {
    if (question.kind === 'ranking') this.draftRanks = new Map();
    const all = this.answers(question);
    if (all.length > 0) await this.editor.apply({ before: all, after: [] });
  }

  /**
   * A span critique on one message (`field`), offsets in code points of its content. The same
   * label on the same words again is refused, as on texts. One undo step.
   */
  async markSpan(field: string, range: MessageRange, labelId: string): Promise<void> {
    const content = messageContent(this.item, field);
    if (content === undefined) return;
    const twin = this.editor.annotations.some(
      (a) =>
        a.type === 'span' &&
        a.field === field &&
        a.label === labelId &&
        a.start === range.start &&
        a.end === range.end,
    );
    this.spanMessage = twin ? 'These words already carry this label.' : '';
    if (twin) return;
    const span: SpanAnnotation = {
      ...this.editor.stamp(),
      type: 'span',
      label: labelId,
      field,
      start: range.start,
      end: range.end,
      text: range.text,
    };
    await this.editor.apply({ before: [], after: [span] });
  }

  async removeSpan(id: string): Promise<void> {
    const span = this.editor.annotations.find((a) => a.id === id && a.type === 'span');
    if (span) await this.editor.apply({ before: [span], after: [] });
  }
}
