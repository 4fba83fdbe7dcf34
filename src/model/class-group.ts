import { z } from 'zod';
import type { Label } from './label.ts';
import type { ClassAnnotation } from './annotation.ts';
import type { Change } from './history.ts';
import { newId } from './ids.ts';
import { LabelSchemaError } from './label-schema.ts';

// Document and image classes come in groups: "choose one" (sentiment: positive, neutral,
// negative) or "choose any" (topics). A class label outside any group is a toggle of its own.

export const CLASS_CHOICES = ['one', 'any'] as const;
export const ClassChoice = z.enum(CLASS_CHOICES);
export type ClassChoice = z.infer<typeof ClassChoice>;

export const CLASS_CHOICE_NAMES: Record<ClassChoice, string> = {
  one: 'Choose one',
  any: 'Choose any',
};

export const ClassGroup = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'a class group needs a name').max(200),
  choice: ClassChoice,
});
export type ClassGroup = z.infer<typeof ClassGroup>;

function checked(groups: readonly ClassGroup[], group: ClassGroup): ClassGroup {
  const parsed = ClassGroup.safeParse(group);
  if (!parsed.success) {
    throw new LabelSchemaError(parsed.error.issues[0]?.message ?? 'invalid class group');
  }
  const name = group.name.trim().toLowerCase();
  if (groups.some((g) => g.id !== group.id && g.name.trim().toLowerCase() === name)) {
    throw new LabelSchemaError(`a class group named "${group.name.trim()}" already exists`);
  }
  return parsed.data;
}

export function addGroup(
  groups: readonly ClassGroup[],
  name: string,
  choice: ClassChoice,
): ClassGroup[] {
  return [...groups, checked(groups, { id: newId(), name, choice })];
}

export function updateGroup(
  groups: readonly ClassGroup[],
  id: string,
  change: Partial<Omit<ClassGroup, 'id'>>,
): ClassGroup[] {
  const current = groups.find((g) => g.id === id);
  if (!current) throw new LabelSchemaError('no such class group');
  const next = checked(groups, { ...current, ...change });
  return groups.map((g) => (g.id === id ? next : g));
}

/** Removes a group; its labels stay, as classes of their own. */
export function removeGroup(
  groups: readonly ClassGroup[],
  labels: readonly Label[],
  id: string,
): { groups: ClassGroup[]; labels: Label[] } {
  return {
    groups: groups.filter((g) => g.id !== id),
    labels: labels.map((l) => (l.group === id ? withoutGroup(l) : l)),
  };
}

function withoutGroup(label: Label): Label {
  const rest = { ...label };
  delete rest.group;
  return rest;
}

/** The group a label is in, if that group still exists. */
export function groupOf(groups: readonly ClassGroup[], label: Label): ClassGroup | undefined {
  return label.group === undefined ? undefined : groups.find((g) => g.id === label.group);
}

/**
 * The change that picking `label` makes: it is removed when already chosen; otherwise added,
 * and in a "choose one" group the other choice of that group goes in the same step, so one
 * undo brings the previous choice back.
 */
export function pickClass(
  chosen: readonly ClassAnnotation[],
  label: Label,
  labels: readonly Label[],
  groups: readonly ClassGroup[],
  make: () => ClassAnnotation,
): Change {
  const existing = chosen.filter((a) => a.label === label.id);
  if (existing.length > 0) return { before: existing, after: [] };
  const group = groupOf(groups, label);
  const siblings =
    group?.choice === 'one'
      ? new Set(labels.filter((l) => l.group === group.id && l.id !== label.id).map((l) => l.id))
      : new Set<string>();
  return { before: chosen.filter((a) => siblings.has(a.label)), after: [make()] };
}
