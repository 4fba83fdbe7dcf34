import type { Annotation } from '../model/annotation.ts';
import type { Item } from '../model/item.ts';
import type { Label } from '../model/label.ts';
import { DEFAULT_SCALE, DEFAULT_STRENGTH } from '../model/conversation-questions.ts';
import { sameQuestion } from '../model/conversation-answers.ts';

// Intake rules for answers on conversation items: every response an answer names must be one of
// the item's own, a ranking must place each response exactly once, a rating and a strength
// stay within their label's, and a labeler gives each question one answer.

type Reason = string | undefined;
type Of<T extends Annotation['type']> = Extract<Annotation, { type: T }>;

function responseIds(item: Item): Set<string> | undefined {
  return item.kind === 'conversation' ? new Set(item.responses.map((r) => r.id)) : undefined;
}

function unknownResponse(ids: readonly string[], item: Item): Reason {
  const known = responseIds(item);
  if (!known) return `an answer on a ${item.kind} item (answers are for conversations)`;
  const missing = ids.find((id) => !known.has(id));
  return missing === undefined ? undefined : `response ${missing} is not in this conversation`;
}

export function preferenceFits(a: Of<'preference'>, item: Item): Reason {
  if (a.shown[0] === a.shown[1]) return 'a preference compares two different responses';
  return unknownResponse(a.shown, item);
}

export function rankingFits(a: Of<'ranking'>, item: Item): Reason {
  const placed = a.order.flat();
  const problem = unknownResponse([...a.shown, ...placed], item);
  if (problem) return problem;
  if (new Set(placed).size !== placed.length) return 'a ranking places a response twice';
  const shown = new Set(a.shown);
  if (placed.length !== shown.size || placed.some((id) => !shown.has(id)))
    return 'a ranking places every response shown exactly once';
  return undefined;
}

export function ratingFits(a: Of<'rating'>, item: Item): Reason {
  return a.response === undefined ? unknownResponse([], item) : unknownResponse([a.response], item);
}

export function textFits(a: Of<'text'>, item: Item): Reason {
  return a.response === undefined ? unknownResponse([], item) : unknownResponse([a.response], item);
}

/** A rating within its label's scale; a preference's strength within its label's. */
export function answerScaleFits(a: Annotation, labels: readonly Label[]): Reason {
  const label = labels.find((l) => l.id === a.label);
  if (a.type === 'rating') {
    const { min, max } = label?.scale ?? DEFAULT_SCALE;
    return Number.isInteger(a.value) && a.value >= min && a.value <= max
      ? undefined
      : `rating ${a.value} is outside the scale ${min}–${max}`;
  }
  if (a.type === 'preference' && a.strength !== undefined) {
    const most = label?.strength ?? DEFAULT_STRENGTH;
    return a.strength <= most ? undefined : `strength ${a.strength} is more than the most, ${most}`;
  }
  return undefined;
}

/** One answer a question from each labeler: two would be a contradiction to sign. */
export function oneAnswerEach(
  annotations: readonly Annotation[],
  labels: readonly Label[],
): Reason {
  for (const [i, a] of annotations.entries()) {
    const twin = annotations.slice(i + 1).find((b) => sameQuestion(a, b, labels));
    if (twin) return `annotations ${a.id} and ${twin.id} answer the same question`;
  }
  return undefined;
}
