import type { Annotation } from '../model/annotation.ts';
import type { Change } from '../model/history.ts';
import { newId, now } from '../model/ids.ts';
import type { Label } from '../model/label.ts';
import type { ClassGroup } from '../model/class-group.ts';
import { geometryOf } from '../model/annotation-geometry.ts';
import { isAnswer, sameAnswer, sameQuestion } from '../model/conversation-answers.ts';

// Adjudication: the lead takes labelers' annotations into the project's own. Each adopted
// annotation records which labelers sent the same thing (same type, label and geometry), so
// the signed result says where every annotation came from.

/** Type, label and geometry: what two labelers must both have said to agree exactly. */
export function sameAnnotation(a: Annotation, b: Annotation): boolean {
  if (a.type !== b.type || a.label !== b.label) return false;
  // Relation endpoints are other labelers' ids: compared by what they point at, by the caller.
  if (a.type === 'relation') return false;
  // Answers agree on the verdict, whatever order each labeler saw the responses in.
  if (isAnswer(a)) return sameAnswer(a, b);
  if (a.type === 'span') return b.type === 'span' && a.start === b.start && a.end === b.end;
  return JSON.stringify(geometryOf(a)) === JSON.stringify(geometryOf(b));
}

export interface Submitted {
  signer: string;
  annotation: Annotation;
}

/**
 * The change that adopts `chosen` (annotations of one item, from any labelers) into the
 * item's own annotations `current`. With `replace`, the item's annotations are replaced (accept
 * one labeler's version); otherwise added, skipping what is already there. Relations come
 * along with their endpoints.
 */
export function adopt(
  chosen: readonly Submitted[],
  all: readonly Submitted[],
  current: readonly Annotation[],
  adjudicator: string,
  replace: boolean,
  schema: { labels: readonly Label[]; classGroups: readonly ClassGroup[] } = {
    labels: [],
    classGroups: [],
  },
): Change {
  const byId = new Map(all.map((s) => [`${s.signer}:${s.annotation.id}`, s]));
  const wanted = new Map<string, Submitted>();
  const want = (s: Submitted) => {
    wanted.set(`${s.signer}:${s.annotation.id}`, s);
    if (s.annotation.type === 'relation') {
      for (const end of [s.annotation.from, s.annotation.to]) {
        const endpoint = byId.get(`${s.signer}:${end}`);
        if (endpoint) want(endpoint);
      }
    }
  };
  chosen.forEach(want);

  const kept = replace ? [] : current;
  const at = now();
  const ids = new Map<string, string>();
  const added: Annotation[] = [];
  // Shapes, spans and classes first, so relations can point at the adopted copies.
  const ordered = [...wanted.values()].sort(
    (a, b) => Number(a.annotation.type === 'relation') - Number(b.annotation.type === 'relation'),
  );
  for (const s of ordered) {
    const a = s.annotation;
    const key = `${s.signer}:${a.id}`;
    if (a.type !== 'relation') {
      const existing = [...kept, ...added].find((k) => sameAnnotation(k, a));
      if (existing) {
        ids.set(key, existing.id);
        continue;
      }
    }
    const sources = [
      ...new Set(
        all
          .filter((o) => o.annotation.type !== 'relation' && sameAnnotation(o.annotation, a))
          .map((o) => o.signer),
      ),
    ];
    const copy: Annotation = {
      ...a,
      id: newId(),
      annotator: adjudicator,
      createdAt: at,
      updatedAt: at,
      sources: sources.length > 0 ? sources.sort() : [s.signer],
    };
    if (copy.type === 'relation') {
      const from = ids.get(`${s.signer}:${copy.from}`);
      const to = ids.get(`${s.signer}:${copy.to}`);
      if (!from || !to) continue;
      copy.from = from;
      copy.to = to;
    }
    ids.set(key, copy.id);
    added.push(copy);
  }
  if (replace) return { before: [...current], after: added };
  // Accepting a class of a "choose one" group replaces the group's other choice, and accepting
  // an answer replaces the result's answer to the same question, in one step.
  const groupOf = (label: string) => {
    const group = schema.labels.find((l) => l.id === label)?.group;
    return schema.classGroups.find((g) => g.id === group && g.choice === 'one')?.id;
  };
  const takesPlaceOf = (a: Annotation, b: Annotation) => {
    if (a.type === 'class' && b.type === 'class') {
      const group = groupOf(a.label);
      return group !== undefined && a.label !== b.label && groupOf(b.label) === group;
    }
    return sameQuestion(a, b, schema.labels);
  };
  // Two chosen at once for one group or question: the last one stands.
  const after = added.filter((a, i) => !added.slice(i + 1).some((b) => takesPlaceOf(b, a)));
  const before = current.filter((a) => after.some((b) => takesPlaceOf(b, a)));
  return { before, after };
}
