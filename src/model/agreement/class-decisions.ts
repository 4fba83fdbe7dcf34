import type { Annotation } from '../annotation.ts';
import type { ClassGroup } from '../class-group.ts';
import type { ItemKind } from '../item.ts';
import type { Label } from '../label.ts';
import type { Rating } from './classes.ts';

// Turns class annotations into the decisions the κ and α coefficients compare: units × annotators.
//
// - A "choose one" group is one question per item; the category is the chosen label. An
//   annotator who labeled the item but chose nothing in the group gave no answer (missing,
//   as Krippendorff treats an unanswered question), not an answer "none". Two choices in one
//   group (which the editor does not make) count as a category of their own.
// - Every class label is also a yes/no question per item: present or absent. For a label of
//   a "choose any" group, or of no group, absent is a decision. For a label of a "choose one"
//   group it is "chose another label of the group", and missing when nothing was chosen.
// - A question is asked only of items it applies to: text classes of text items, image
//   classes of image items (items without a kind: all).
// - An annotator who did not label an item (see `AgreementItem.annotators`) has no decision
//   on it at all.

export interface AgreementItem {
  id: string;
  /** Text or image; without it, every class label is taken to apply. */
  kind?: ItemKind;
  /**
   * Who labeled this item, e.g. those whose bundle marks it done. Without it, every
   * annotator is taken to have labeled it, so having no annotation there is a decision.
   */
  annotators?: readonly string[];
}

export const PRESENT = 'present';
export const ABSENT = 'absent';

export interface ClassQuestion {
  /** Set for a "choose one" group question. */
  group?: string;
  /** Set for a yes/no question on one label. */
  label?: string;
  /** The items asked, in input order. */
  itemIds: string[];
  /** itemIds × annotators. */
  ratings: Rating[][];
}

/** Which class labels each annotator chose on each item: item id → annotator → label ids. */
export type ClassChoices = Map<string, Map<string, Set<string>>>;

export function classChoices(
  annotations: readonly Annotation[],
  classLabels: ReadonlySet<string>,
): ClassChoices {
  const choices: ClassChoices = new Map();
  for (const a of annotations) {
    if (a.type !== 'class' || !classLabels.has(a.label)) continue;
    let byAnnotator = choices.get(a.itemId);
    if (!byAnnotator) choices.set(a.itemId, (byAnnotator = new Map<string, Set<string>>()));
    let chosen = byAnnotator.get(a.annotator);
    if (!chosen) byAnnotator.set(a.annotator, (chosen = new Set()));
    chosen.add(a.label);
  }
  return choices;
}

export function isClassLabel(label: Label): boolean {
  return label.kinds.includes('text_class') || label.kinds.includes('image_class');
}

export function labeledBy(item: AgreementItem, annotator: string): boolean {
  return item.annotators?.includes(annotator) ?? true;
}

export function classQuestions(input: {
  labels: readonly Label[];
  classGroups: readonly ClassGroup[];
  annotators: readonly string[];
  items: readonly AgreementItem[];
  annotations: readonly Annotation[];
}): { groups: ClassQuestion[]; labels: ClassQuestion[] } {
  const classLabels = input.labels.filter(isClassLabel);
  const choices = classChoices(input.annotations, new Set(classLabels.map((l) => l.id)));
  const oneGroups = input.classGroups.filter((g) => g.choice === 'one');
  const membersOf = new Map(
    oneGroups.map((g) => [g.id, classLabels.filter((l) => l.group === g.id)]),
  );

  /** The labels an annotator chose in a "choose one" group on an item; undefined: none. */
  const picked = (item: AgreementItem, annotator: string, members: readonly Label[]) => {
    if (!labeledBy(item, annotator)) return undefined;
    const chosen = choices.get(item.id)?.get(annotator);
    const ids = members.filter((l) => chosen?.has(l.id)).map((l) => l.id);
    return ids.length === 0 ? undefined : ids;
  };
  const answer = (item: AgreementItem, annotator: string, members: readonly Label[]): Rating => {
    const ids = picked(item, annotator, members);
    if (ids === undefined) return undefined;
    return ids.length === 1 ? ids[0] : JSON.stringify(ids.sort());
  };

  const ask = (
    applies: (item: AgreementItem) => boolean,
    rate: (item: AgreementItem, annotator: string) => Rating,
  ) => {
    const asked = input.items.filter(applies);
    return {
      itemIds: asked.map((i) => i.id),
      ratings: asked.map((item) => input.annotators.map((a) => rate(item, a))),
    };
  };

  const groups = oneGroups
    .map((group) => ({ group, members: membersOf.get(group.id)! }))
    .filter(({ members }) => members.length > 0)
    .map(({ group, members }) => ({
      group: group.id,
      ...ask(
        (item) => members.some((l) => applies(l, item)),
        (item, annotator) => answer(item, annotator, members),
      ),
    }));

  const labels = classLabels.map((label) => {
    const members = label.group === undefined ? undefined : membersOf.get(label.group);
    return {
      label: label.id,
      ...ask(
        (item) => applies(label, item),
        (item, annotator) => {
          if (!labeledBy(item, annotator)) return undefined;
          if (members) {
            const ids = picked(item, annotator, members);
            if (ids === undefined) return undefined;
            return ids.includes(label.id) ? PRESENT : ABSENT;
          }
          return choices.get(item.id)?.get(annotator)?.has(label.id) ? PRESENT : ABSENT;
        },
      ),
    };
  });

  return { groups, labels };
}

function applies(label: Label, item: AgreementItem): boolean {
  if (item.kind === undefined) return true;
  return label.kinds.includes(item.kind === 'text' ? 'text_class' : 'image_class');
}
