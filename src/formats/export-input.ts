import type { Project } from '../model/project.ts';
import type { Item, ImageItem, TextItem } from '../model/item.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Label, LabelKind } from '../model/label.ts';

/** What the format exporters read: one project, the items in scope and their annotations. */
export interface ExportInput {
  project: Project;
  items: Item[];
  annotations: Annotation[];
}

/** One file of the export, at its path inside the bundle. */
export interface ExportedFile {
  path: string;
  data: Uint8Array;
}

/** Something an export could not write faithfully, for the export screen to show. */
export interface ExportWarning {
  /** The export file concerned, e.g. `exports/conll.txt`. */
  path: string;
  itemId: string;
  itemName: string;
  annotationId?: string;
  reason: string;
}

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * The input in a stable order, indexed: items by import order, each item's annotations by
 * creation time then id, so the same data always gives the same bytes.
 */
export class ExportView {
  readonly project: Project;
  readonly items: Item[];
  private readonly byItem = new Map<string, Annotation[]>();
  private readonly labels: Map<string, Label>;

  constructor(input: ExportInput) {
    this.project = input.project;
    this.items = [...input.items].sort((a, b) => a.seq - b.seq || compare(a.id, b.id));
    this.labels = new Map(input.project.labels.map((l) => [l.id, l]));
    for (const a of input.annotations) {
      const list = this.byItem.get(a.itemId);
      if (list) list.push(a);
      else this.byItem.set(a.itemId, [a]);
    }
    for (const list of this.byItem.values()) {
      list.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
    }
  }

  get textItems(): TextItem[] {
    return this.items.filter((i): i is TextItem => i.kind === 'text');
  }

  get imageItems(): ImageItem[] {
    return this.items.filter((i): i is ImageItem => i.kind === 'image');
  }

  annotationsOf(itemId: string): readonly Annotation[] {
    return this.byItem.get(itemId) ?? [];
  }

  /** Annotations of one type on an item, typed. */
  ofType<T extends Annotation['type']>(
    itemId: string,
    type: T,
  ): Extract<Annotation, { type: T }>[] {
    return this.annotationsOf(itemId).filter(
      (a): a is Extract<Annotation, { type: T }> => a.type === type,
    );
  }

  label(id: string): Label | undefined {
    return this.labels.get(id);
  }

  /** Whether any item in scope has an annotation of this type. */
  has(type: Annotation['type']): boolean {
    for (const item of this.items) {
      if (this.annotationsOf(item.id).some((a) => a.type === type)) return true;
    }
    return false;
  }

  /** The project's labels that apply to any of these kinds, in the project's order. */
  labelsOfKinds(kinds: readonly LabelKind[]): Label[] {
    return this.project.labels.filter((l) => l.kinds.some((k) => kinds.includes(k)));
  }
}

/** Byte-order comparison of strings (UTF-16 units; stable and locale-free). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
