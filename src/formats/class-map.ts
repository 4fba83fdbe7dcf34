import type { Label } from '../model/label.ts';

// The project's class map: which YOLO class index and COCO category id each shape label
// carries. A trained model knows classes by these numbers, so they come from the source on
// import (COCO ids, classes.txt / data.yaml order) and every export writes the same ones.
// Labels without a number get the next free one, in label order, so a project that never set
// any exports as it always did (indices from 0, ids from 1, in label order).

/** Label kinds that are drawn on images as shapes, and so are classes of a detector. */
const SHAPE_KINDS: readonly string[] = [
  'box',
  'polygon',
  'point',
  'rbox',
  'polyline',
  'multipolygon',
  'keypoints',
  'mask',
];

export function isShapeLabel(label: Pick<Label, 'kinds'>): boolean {
  return label.kinds.some((k) => SHAPE_KINDS.includes(k));
}

export interface ClassEntry {
  label: Label;
  /** YOLO class index, from 0. */
  index: number;
  /** COCO category id, from 1. */
  cocoId: number;
  supercategory: string;
}

export interface ClassMap {
  /** Every shape label, in label order, with its numbers (used or not). */
  entries: ClassEntry[];
  byLabel: Map<string, ClassEntry>;
  /** YOLO names by index, 0 … nc − 1; a gap (an index no label holds) is undefined. */
  yoloNames: (string | undefined)[];
  /** Labels whose stored number was taken by an earlier label, and what they got instead. */
  clashes: string[];
}

/**
 * Numbers every shape label: its stored `classIndex` / `cocoId` when set and not taken by an
 * earlier label, else the smallest number above every stored one, in label order.
 */
export function classMap(labels: readonly Label[]): ClassMap {
  const shapes = labels.filter(isShapeLabel);
  const clashes: string[] = [];
  const number = (
    get: (l: Label) => number | undefined,
    first: number,
    what: string,
  ): Map<string, number> => {
    const out = new Map<string, number>();
    const taken = new Set<number>();
    for (const l of shapes) {
      const n = get(l);
      if (n === undefined) continue;
      if (taken.has(n)) {
        clashes.push(`"${l.name}": ${what} ${n} is already another label's`);
        continue;
      }
      taken.add(n);
      out.set(l.id, n);
    }
    let next = Math.max(first - 1, ...taken) + 1;
    for (const l of shapes) if (!out.has(l.id)) out.set(l.id, next++);
    return out;
  };
  const indices = number((l) => l.classIndex, 0, 'class index');
  const ids = number((l) => l.cocoId, 1, 'COCO id');
  const entries = shapes.map((label) => ({
    label,
    index: indices.get(label.id)!,
    cocoId: ids.get(label.id)!,
    supercategory: label.supercategory ?? '',
  }));
  const nc = entries.reduce((max, e) => Math.max(max, e.index + 1), 0);
  const yoloNames: (string | undefined)[] = Array.from({ length: nc }, () => undefined);
  for (const e of entries) yoloNames[e.index] = e.label.name;
  return { entries, byLabel: new Map(entries.map((e) => [e.label.id, e])), yoloNames, clashes };
}

/** Name written for a YOLO index no label holds (so `names` still counts 0 … nc − 1). */
export function unusedClassName(index: number): string {
  return `unused-${index}`;
}
