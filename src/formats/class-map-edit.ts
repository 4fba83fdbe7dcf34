import type { Label } from '../model/label.ts';
import { LabelSchemaError, updateLabel } from '../model/label-schema.ts';
import { classMap } from './class-map.ts';

// Editing the class map in the Labels tab. Labels without stored numbers are numbered after the
// others (class-map.ts), so giving one label a number could shift the unset ones; the first
// edit therefore stores every shape label's current numbers, and what the table showed is what
// every export writes from then on.

export interface ClassNumbers {
  classIndex?: number;
  cocoId?: number;
  supercategory?: string;
}

/** The labels with `labelId`'s class numbers changed, or a LabelSchemaError saying why not. */
export function editClassNumbers(
  labels: readonly Label[],
  labelId: string,
  change: ClassNumbers,
): Label[] {
  const map = classMap(labels);
  const entry = map.byLabel.get(labelId);
  if (!entry) throw new LabelSchemaError('only box, polygon and point labels have class numbers');
  const name = entry.label.name;
  if (change.classIndex !== undefined) {
    if (!Number.isInteger(change.classIndex) || change.classIndex < 0)
      throw new LabelSchemaError(`the class index of "${name}" must be a whole number from 0`);
    const other = map.entries.find((e) => e.index === change.classIndex && e !== entry);
    if (other)
      throw new LabelSchemaError(
        `class index ${change.classIndex} is already "${other.label.name}"'s`,
      );
  }
  if (change.cocoId !== undefined) {
    if (!Number.isInteger(change.cocoId) || change.cocoId < 1)
      throw new LabelSchemaError(`the COCO id of "${name}" must be a whole number from 1`);
    const other = map.entries.find((e) => e.cocoId === change.cocoId && e !== entry);
    if (other)
      throw new LabelSchemaError(`COCO id ${change.cocoId} is already "${other.label.name}"'s`);
  }
  let next = [...labels];
  for (const e of map.entries) {
    const own = e === entry ? change : {};
    const supercategory = (own.supercategory ?? e.supercategory).trim();
    next = updateLabel(next, e.label.id, {
      classIndex: own.classIndex ?? e.index,
      cocoId: own.cocoId ?? e.cocoId,
      ...(supercategory === '' ? {} : { supercategory }),
    });
    if (supercategory === '') next = next.map((l) => (l.id === e.label.id ? dropSuper(l) : l));
  }
  return next;
}

function dropSuper(label: Label): Label {
  const rest = { ...label };
  delete rest.supercategory;
  return rest;
}

/** Each label's stored class numbers, to put back with restoreClassNumbers (undo). */
export function storedClassNumbers(labels: readonly Label[]): Map<string, ClassNumbers> {
  return new Map(
    labels.map((l) => [
      l.id,
      { classIndex: l.classIndex, cocoId: l.cocoId, supercategory: l.supercategory },
    ]),
  );
}

/** The labels with the class numbers of `saved` back (labels added since keep theirs). */
export function restoreClassNumbers(
  labels: readonly Label[],
  saved: ReadonlyMap<string, ClassNumbers>,
): Label[] {
  return labels.map((l) => {
    const numbers = saved.get(l.id);
    if (!numbers) return l;
    const back: Label = { ...l };
    delete back.classIndex;
    delete back.cocoId;
    delete back.supercategory;
    if (numbers.classIndex !== undefined) back.classIndex = numbers.classIndex;
    if (numbers.cocoId !== undefined) back.cocoId = numbers.cocoId;
    if (numbers.supercategory !== undefined) back.supercategory = numbers.supercategory;
    return back;
  });
}
