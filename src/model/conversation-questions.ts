import type { Annotation } from './annotation.ts';
import type { Label } from './label.ts';
import type { ConversationItem } from './item.ts';
import { fieldResponse, isCompleteRanking, positionName } from './conversation.ts';

// The questions a conversation item asks, from the project's labels, in the order a labeler
// answers them (Tab moves through this list), and which are still unanswered.

export type QuestionKind = 'preference' | 'ranking' | 'rating' | 'flags' | 'rationale' | 'rewrite';

export interface Question {
  /** Stable within the item: kind, label and response. */
  key: string;
  kind: QuestionKind;
  /** The label asked about; for flags, the flag labels in project order. */
  labels: Label[];
  /** The response asked about (ratings, flags and rationales per response). */
  response?: string;
  /** What the labeler reads: "Helpfulness of A". */
  title: string;
  required: boolean;
}

export const DEFAULT_STRENGTH = 3;
export const DEFAULT_SCALE = { min: 1, max: 5, names: {} as Record<string, string> };

/**
 * Questions for an item whose responses are shown in `shown` order (position letters A, B…).
 * Preference needs two responses, ranking two or more; ratings and flags are per response
 * unless the label says per item; one rationale and one rewrite per item unless per response.
 */
export function questionsFor(labels: readonly Label[], shown: readonly string[]): Question[] {
  const out: Question[] = [];
  const letter = (id: string) => positionName(shown.indexOf(id));
  const flags = labels.filter((l) => l.kinds.includes('flag'));
  for (const label of labels) {
    const required = label.required === true;
    if (label.kinds.includes('preference') && shown.length >= 2) {
      out.push({
        key: `preference:${label.id}`,
        kind: 'preference',
        labels: [label],
        title: label.name,
        required,
      });
    }
    if (label.kinds.includes('ranking') && shown.length >= 2) {
      out.push({
        key: `ranking:${label.id}`,
        kind: 'ranking',
        labels: [label],
        title: label.name,
        required,
      });
    }
    if (label.kinds.includes('rating')) {
      if (label.perResponse === false) {
        out.push({
          key: `rating:${label.id}`,
          kind: 'rating',
          labels: [label],
          title: `${label.name} (whole answer set)`,
          required,
        });
      } else {
        for (const id of shown) {
          out.push({
            key: `rating:${label.id}:${id}`,
            kind: 'rating',
            labels: [label],
            response: id,
            title: `${label.name} of ${letter(id)}`,
            required,
          });
        }
      }
    }
    for (const kind of ['rationale', 'rewrite'] as const) {
      if (!label.kinds.includes(kind)) continue;
      if (kind === 'rationale' && label.perResponse === true) {
        for (const id of shown) {
          out.push({
            key: `${kind}:${label.id}:${id}`,
            kind,
            labels: [label],
            response: id,
            title: `${label.name} for ${letter(id)}`,
            required,
          });
        }
      } else {
        out.push({
          key: `${kind}:${label.id}`,
          kind,
          labels: [label],
          title: label.name,
          required,
        });
      }
    }
  }
  const perItem = flags.filter((l) => l.perResponse === false);
  const perResponse = flags.filter((l) => l.perResponse !== false);
  if (perResponse.length > 0) {
    for (const id of shown) {
      out.push({
        key: `flags:${id}`,
        kind: 'flags',
        labels: perResponse,
        response: id,
        title: `Flags on ${letter(id)}`,
        required: false,
      });
    }
  }
  if (perItem.length > 0) {
    out.push({
      key: 'flags:item',
      kind: 'flags',
      labels: perItem,
      title: 'Flags on the item',
      required: false,
    });
  }
  return out;
}

/** The stored answer of one labeler to a question (flags: every flag set). */
export function answersTo(question: Question, annotations: readonly Annotation[]): Annotation[] {
  const ids = new Set(question.labels.map((l) => l.id));
  return annotations.filter((a) => {
    if (!ids.has(a.label)) return false;
    switch (question.kind) {
      case 'preference':
        return a.type === 'preference';
      case 'ranking':
        return a.type === 'ranking';
      case 'rating':
        return a.type === 'rating' && a.response === question.response;
      case 'flags':
        return a.type === 'class' && fieldResponse(a.field) === question.response;
      case 'rationale':
      case 'rewrite':
        return (
          a.type === 'text' && (question.kind === 'rewrite' || a.response === question.response)
        );
    }
  });
}

export function isAnswered(
  question: Question,
  annotations: readonly Annotation[],
  item: ConversationItem,
): boolean {
  const found = answersTo(question, annotations);
  if (question.kind === 'flags') return true;
  const a = found[0];
  if (!a) return false;
  if (a.type === 'ranking')
    return isCompleteRanking(
      a.order,
      item.responses.map((r) => r.id),
    );
  if (a.type === 'text') return a.text.trim() !== '';
  return true;
}

/** Required questions not answered yet, for the message that blocks Done. */
export function unanswered(
  questions: readonly Question[],
  annotations: readonly Annotation[],
  item: ConversationItem,
): Question[] {
  return questions.filter((q) => q.required && !isAnswered(q, annotations, item));
}
