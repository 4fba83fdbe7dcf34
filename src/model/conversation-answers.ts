import type {
  Annotation,
  PreferenceAnnotation,
  RankingAnnotation,
  RatingAnnotation,
  TextAnnotation,
} from './annotation.ts';
import type { Label } from './label.ts';

// Answers to questions about model outputs, compared and described for review.

export type Answer = PreferenceAnnotation | RankingAnnotation | RatingAnnotation | TextAnnotation;

export function isAnswer(a: Annotation): a is Answer {
  return (
    a.type === 'preference' || a.type === 'ranking' || a.type === 'rating' || a.type === 'text'
  );
}

/** Whether two labelers said the same thing (order shown does not matter, only the verdict). */
export function sameAnswer(a: Annotation, b: Annotation): boolean {
  if (a.type !== b.type || a.label !== b.label) return false;
  if (a.type === 'preference' && b.type === 'preference')
    return a.choice === b.choice && a.strength === b.strength;
  if (a.type === 'ranking' && b.type === 'ranking')
    return (
      JSON.stringify(a.order.map((t) => [...t].sort())) ===
      JSON.stringify(b.order.map((t) => [...t].sort()))
    );
  if (a.type === 'rating' && b.type === 'rating')
    return a.response === b.response && a.value === b.value;
  if (a.type === 'text' && b.type === 'text') return a.response === b.response && a.text === b.text;
  return false;
}

/**
 * Whether `b` answers the question `a` answers. A question takes one answer from each labeler
 * (flags aside: they are classes, many at once): a preference or a ranking by its label, a
 * rating or a rationale by its label and the response it is about, a rewrite by its label
 * whichever response it started from.
 */
export function sameQuestion(a: Annotation, b: Annotation, labels: readonly Label[]): boolean {
  if (!isAnswer(a) || a.type !== b.type || a.label !== b.label) return false;
  if (a.type === 'preference' || a.type === 'ranking') return true;
  const rewrite = labels.find((l) => l.id === a.label)?.kinds.includes('rewrite');
  return rewrite === true || a.response === (b as RatingAnnotation | TextAnnotation).response;
}

/**
 * What an answer says, as a key two labelers share when they agree: the verdict, whatever
 * order each saw the responses in. Rationales and rewrites are free text that two people
 * never write alike: they have none, and are not compared.
 */
export function verdictOf(a: Annotation): string | undefined {
  switch (a.type) {
    case 'preference':
      return JSON.stringify(['preference', a.label, a.choice, a.strength ?? null]);
    case 'ranking':
      return JSON.stringify(['ranking', a.label, a.order.map((tier) => [...tier].sort())]);
    case 'rating':
      return JSON.stringify(['rating', a.label, a.response ?? null, a.value]);
    default:
      return undefined;
  }
}

/**
 * The verdicts in a labeler's annotations of an item: their answers' (verdictOf) and their
 * flags' (a class whose label is a flag, with the response it is on).
 */
export function verdicts(list: readonly Annotation[], flagLabels: ReadonlySet<string>): string[] {
  return list.flatMap((a) => {
    if (a.type !== 'class') return verdictOf(a) ?? [];
    return flagLabels.has(a.label) ? [JSON.stringify(['flag', a.label, a.field ?? null])] : [];
  });
}

/** The ids of the labels that are flags. */
export function flagLabelIds(labels: readonly Label[]): Set<string> {
  return new Set(labels.filter((l) => l.kinds.includes('flag')).map((l) => l.id));
}

/** An answer in a few words. */
export function describeAnswer(a: Answer): string {
  switch (a.type) {
    case 'preference':
      return a.choice === 'tie' ? 'tie' : `${a.choice} better (strength ${a.strength ?? 1})`;
    case 'ranking':
      return a.order.map((tier) => tier.join(' = ')).join(' > ');
    case 'rating':
      return `${a.response ?? 'item'}: ${a.value}`;
    case 'text': {
      const short = a.text.length > 60 ? `${a.text.slice(0, 60)}…` : a.text;
      return `${a.response ? `${a.response}: ` : ''}“${short}”`;
    }
  }
}

/** An answer's fields as the native record writes them (after the common fields). */
export function answerFields(a: Answer): Record<string, unknown> {
  switch (a.type) {
    case 'preference':
      return {
        shown: [...a.shown],
        choice: a.choice,
        ...(a.strength !== undefined ? { strength: a.strength } : {}),
      };
    case 'ranking':
      return { shown: [...a.shown], order: a.order.map((tier) => [...tier]) };
    case 'rating':
      return { ...(a.response !== undefined ? { response: a.response } : {}), value: a.value };
    case 'text':
      return { ...(a.response !== undefined ? { response: a.response } : {}), text: a.text };
  }
}
