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
  const { items, annotators } = input;
  const classLabels = input.labels.filter(isClassLabel);
  const choices = classChoices(input.annotations, new Set(classLabels.map((l) => l.id)));
  const nothing: ReadonlySet<string> = new Set();
  // chosen[item][annotator]: the class labels chosen, undefined when they did not label it.
  const chosen = items.map((item) =>
    annotators.map((a) =>
      labeledBy(item, a) ? (choices.get(item.id)?.get(a) ?? nothing) : undefined,
    ),
  );

  const ask = (
    applies: (item: AgreementItem) => boolean,
    rate: (item: number, annotator: number) => Rating,
  ): Omit<ClassQuestion, 'group' | 'label'> => {
    const asked = items.flatMap((item, i) => (applies(item) ? [i] : []));
    return {
      itemIds: asked.map((i) => items[i]!.id),
      ratings: asked.map((i) => annotators.map((_, a) => rate(i, a))),
    };
  };

  // For each "choose one" group with labels: picked[item][annotator], the group's labels
  // chosen there; undefined when none were (or the annotator did not label the item).
  const oneGroups = input.classGroups
    .filter((g) => g.choice === 'one')
    .map((g) => ({ id: g.id, members: classLabels.filter((l) => l.group === g.id) }))
    .filter((g) => g.members.length > 0)
    .map((g) => ({
      ...g,
      picked: chosen.map((row) =>
        row.map((set) => {
          const ids = set ? g.members.filter((l) => set.has(l.id)).map((l) => l.id) : [];
          return ids.length === 0 ? undefined : ids;
        }),
      ),
    }));

  const groups = oneGroups.map((g) => ({
    group: g.id,
    ...ask(
      (item) => g.members.some((l) => applies(l, item)),
      (i, a) => {
        const ids = g.picked[i]![a];
        if (ids === undefined) return undefined;
        return ids.length === 1 ? ids[0] : JSON.stringify([...ids].sort());
      },
    ),
  }));

  const labels = classLabels.map((label) => {
    const group = oneGroups.find((g) => g.id === label.group);
    return {
      label: label.id,
      ...ask(
        (item) => applies(label, item),
        group
          ? (i, a) => {
              const ids = group.picked[i]![a];
              return ids === undefined ? undefined : ids.includes(label.id) ? PRESENT : ABSENT;
            }
          : (i, a) => {
              const set = chosen[i]![a];
              return set === undefined ? undefined : set.has(label.id) ? PRESENT : ABSENT;
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
