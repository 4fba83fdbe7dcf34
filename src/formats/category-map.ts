import type { Label, LabelKind } from '../model/label.ts';
import { nextColor } from '../model/label-colors.ts';
import { LabelSchemaError, addLabel, updateLabel } from '../model/label-schema.ts';
import { kindOf, type DeclaredClass, type ImportedRecord } from './import-records.ts';
import { FORMAT_ATTRIBUTES, type AttributeDef } from '../model/attributes.ts';

// From the category names a file uses to the project's labels. Names compare the way label
// names do (trimmed, case-insensitive), so "person" in a COCO file finds the label "Person".
// The labeler is asked once, for the categories no label already covers.

/** A category as the files use it: its name, what it is drawn as, how often. */
export interface Category {
  /** Lookup key: the trimmed, lower-cased name. */
  key: string;
  /** The name as first written in the files, trimmed. */
  name: string;
  kinds: LabelKind[];
  count: number;
  /** What the source declares about it: class index, COCO id, supercategory. */
  declared?: DeclaredClass;
  /** Attribute names its annotations carry (iscrowd, difficult…), which its label declares. */
  attributes?: string[];
  /** Those of them whose values are text (brat's multi-valued attributes), not yes/no. */
  textAttributes?: string[];
}

export type CategoryChoice = { action: 'create' } | { action: 'map'; labelId: string };

export function categoryKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Every category of the files: the declared classes first, in the source's order (used or
 * not, so the class map keeps them all), then the others in order of first use.
 */
export function categoriesOf(
  records: readonly ImportedRecord[],
  declared: readonly DeclaredClass[] = [],
): Category[] {
  const byKey = new Map<string, Category>();
  const ordered = [...declared].sort(
    (a, b) => (a.classIndex ?? Infinity) - (b.classIndex ?? Infinity),
  );
  for (const d of ordered) {
    const key = categoryKey(d.name);
    if (!byKey.has(key))
      byKey.set(key, { key, name: d.name.trim(), kinds: [], count: 0, declared: d });
  }
  for (const record of records) {
    for (const a of record.annotations) {
      const key = categoryKey(a.category);
      const kind = kindOf(a.geometry, record.target.kind);
      let category = byKey.get(key);
      if (category) {
        category.count++;
        if (!category.kinds.includes(kind)) category.kinds.push(kind);
      } else {
        category = { key, name: a.category.trim(), kinds: [kind], count: 1 };
        byKey.set(key, category);
      }
      for (const [name, value] of Object.entries(a.attributes ?? {})) {
        category.attributes ??= [];
        if (!category.attributes.includes(name)) category.attributes.push(name);
        if (typeof value === 'string' && !category.textAttributes?.includes(name))
          (category.textAttributes ??= []).push(name);
      }
    }
  }
  for (const c of byKey.values())
    if (c.kinds.length === 0 && c.declared) c.kinds.push(c.declared.kind);
  return [...byKey.values()];
}

/** A name as a CoNLL tag writes it (spaces as `_`), lower-cased. */
const asTag = (name: string) => name.trim().replace(/\s+/gu, '_').toLowerCase();

/**
 * The label named like the category, if any; else the label whose name reads the same with
 * spaces as underscores, so CoNLL's `B-Place_of_birth` finds "Place of birth".
 */
export function sameNamedLabel(labels: readonly Label[], category: Category): Label | undefined {
  return (
    labels.find((l) => categoryKey(l.name) === category.key) ??
    labels.find((l) => asTag(l.name) === asTag(category.name))
  );
}

/** Whether a label takes the category as it is, with no question: same name, every kind. */
export function covers(label: Label | undefined, category: Category): boolean {
  return label !== undefined && category.kinds.every((k) => label.kinds.includes(k));
}

/** The categories to ask about: those no same-named label covers. */
export function unknownCategories(
  labels: readonly Label[],
  categories: readonly Category[],
): Category[] {
  return categories.filter((c) => !covers(sameNamedLabel(labels, c), c));
}

/** What the dialog proposes: the same-named label when there is one, else a new label. */
export function proposedChoice(labels: readonly Label[], category: Category): CategoryChoice {
  const label = sameNamedLabel(labels, category);
  return label ? { action: 'map', labelId: label.id } : { action: 'create' };
}

export type MappedLabels =
  | {
      ok: true;
      /** The project's labels after the import: new labels appended, widened ones updated. */
      labels: Label[];
      /** Label id for each category key. */
      labelIdOf: Map<string, string>;
      created: Label[];
      /** Labels that gained kinds (e.g. a span label now also used for boxes). */
      widened: Label[];
      /** Existing labels that took their class map numbers from the source. */
      numbered: Label[];
      /** Where the project's class map and the source's differ (the project's is kept). */
      notes: string[];
    }
  | { ok: false; problems: string[] };

/**
 * Applies the choices: covered categories map to their label; a mapped label that lacks a kind
 * gains it; "create" adds a label named as the category. Label rules (unique names, hotkeys
 * not shared on one surface) are checked as in the label editor; breaking one is a problem.
 */
export function applyCategoryChoices(
  labels: readonly Label[],
  categories: readonly Category[],
  choices: ReadonlyMap<string, CategoryChoice>,
): MappedLabels {
  let next = [...labels];
  const labelIdOf = new Map<string, string>();
  const created: Label[] = [];
  const widened = new Set<string>();
  const numbered = new Set<string>();
  const notes: string[] = [];
  const problems: string[] = [];
  for (const category of categories) {
    const choice = choices.get(category.key) ?? proposedChoice(labels, category);
    try {
      if (choice.action === 'create') {
        next = addLabel(next, {
          name: category.name,
          color: category.declared?.color ?? nextColor(next),
          kinds: category.kinds,
          ...classNumbers(next, undefined, category.declared, notes),
          ...(category.attributes || category.declared?.attributes
            ? { attributes: missingAttributes([], category) }
            : {}),
          ...(category.declared?.skeleton ? { skeleton: category.declared.skeleton } : {}),
        });
        const label = next[next.length - 1]!;
        created.push(label);
        labelIdOf.set(category.key, label.id);
      } else {
        const label = next.find((l) => l.id === choice.labelId);
        if (!label) throw new LabelSchemaError('the chosen label no longer exists');
        const missing = category.kinds.filter((k) => !label.kinds.includes(k));
        if (missing.length > 0) {
          next = updateLabel(next, label.id, { kinds: [...label.kinds, ...missing] });
          widened.add(label.id);
        }
        const numbers: Partial<Label> = classNumbers(next, label, category.declared, notes);
        const attributes = missingAttributes(label.attributes ?? [], category);
        if (attributes.length > 0)
          numbers.attributes = [...(label.attributes ?? []), ...attributes];
        if (category.declared?.skeleton && !label.skeleton)
          numbers.skeleton = category.declared.skeleton;
        if (Object.keys(numbers).length > 0) {
          next = updateLabel(next, label.id, numbers);
          numbered.add(label.id);
        }
        labelIdOf.set(category.key, label.id);
      }
    } catch (error) {
      if (!(error instanceof LabelSchemaError)) throw error;
      problems.push(`"${category.name}": ${error.message}`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const createdIds = new Set(created.map((l) => l.id));
  return {
    ok: true,
    labels: next,
    labelIdOf,
    created: next.filter((l) => createdIds.has(l.id)),
    widened: next.filter((l) => widened.has(l.id) && !createdIds.has(l.id)),
    numbered: next.filter((l) => numbered.has(l.id) && !widened.has(l.id) && !createdIds.has(l.id)),
    notes,
  };
}

type ClassNumbers = Pick<Label, 'classIndex' | 'cocoId' | 'supercategory'>;

/**
 * The class map numbers a label takes from the source: each one the label does not have yet
 * and no other label holds. A label that already has a different one keeps it (and a note
 * says so), so a re-import never renumbers a project's classes.
 */
function classNumbers(
  labels: readonly Label[],
  label: Label | undefined,
  declared: DeclaredClass | undefined,
  notes: string[],
): ClassNumbers {
  const out: ClassNumbers = {};
  if (!declared) return out;
  const name = label?.name ?? declared.name;
  const others = labels.filter((l) => l.id !== label?.id);
  const take = (key: 'classIndex' | 'cocoId', words: string) => {
    const wanted = declared[key];
    if (wanted === undefined) return;
    const current = label?.[key];
    if (current === wanted) return;
    if (current !== undefined) {
      notes.push(`"${name}" keeps its ${words} ${current} (the file says ${wanted}).`);
      return;
    }
    const holder = others.find((l) => l[key] === wanted);
    if (holder) {
      notes.push(`"${name}": ${words} ${wanted} is already "${holder.name}"'s, so it got none.`);
      return;
    }
    out[key] = wanted;
  };
  take('classIndex', 'class index');
  take('cocoId', 'COCO category id');
  if (declared.supercategory && label?.supercategory === undefined)
    out.supercategory = declared.supercategory;
  return out;
}

/**
 * The attributes a category's annotations carry that its label does not declare yet: the
 * formats' own (iscrowd, difficult, truncated, occluded) as declared there, others as yes/no.
 */
function missingAttributes(have: readonly AttributeDef[], category: Category): AttributeDef[] {
  // As the source declares them (CVAT's label attributes), used or not; then the others.
  const stated = category.declared?.attributes ?? [];
  const names = [...new Set([...stated.map((d) => d.name), ...(category.attributes ?? [])])];
  return names
    .filter((name) => !have.some((d) => d.name === name))
    .map((name) => {
      const declared = stated.find((d) => d.name === name);
      if (declared) return declared;
      const known = FORMAT_ATTRIBUTES.find((d) => d.name === name);
      // The hotkey is left to the labeler: it could clash with another label's.
      if (known) return { name, type: known.type };
      const text = name === 'pose' || category.textAttributes?.includes(name);
      return { name, type: text ? ('text' as const) : ('boolean' as const) };
    });
}
