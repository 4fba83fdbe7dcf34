import type { Project } from '../model/project.ts';
import type { ConversationItem, Item, ImageItem, TextItem } from '../model/item.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Label, LabelKind } from '../model/label.ts';
import { extentOf } from '../model/extent.ts';
import { geometryOf } from '../model/annotation-geometry.ts';

/** What the format exporters read: one project, the items in scope and their annotations. */
export interface ExportInput {
  project: Project;
  items: Item[];
  annotations: Annotation[];
  /** CoNLL: widen a span that cuts a token to the whole token (and say so) instead of leaving it out. */
  widenSpans?: boolean;
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

/** The largest piece utf8Lines encodes into before it starts another. */
const PIECE = 1 << 24;

/**
 * Lines as UTF-8, encoded one at a time. A file of conversations can hold more characters than
 * the longest string a JS engine makes (about 2^29): 10,000 conversations ranked 4 ways are
 * 60,000 pairs of ~1,500-word answers. They are encoded into pieces of up to 16 MiB, then
 * copied once into a buffer of exactly their size: a buffer doubled as it filled asked for up
 * to twice the file at once, and Chromium 150 refused ("Array buffer allocation failed") when
 * 10,000 conversations were exported.
 */
export function utf8Lines(lines: Iterable<string>): Uint8Array {
  const pieces: Uint8Array[] = [];
  let piece = new Uint8Array(1 << 16);
  let length = 0;
  let total = 0;
  for (const line of lines) {
    const most = line.length * 3; // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (length + most > piece.length) {
      pieces.push(piece.subarray(0, length));
      total += length;
      piece = new Uint8Array(Math.max(Math.min(piece.length * 2, PIECE), most));
      length = 0;
    }
    length += encoder.encodeInto(line, piece.subarray(length)).written;
  }
  pieces.push(piece.subarray(0, length));
  total += length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The input in a stable order, indexed: items by import order, each item's annotations in a
 * canonical order that depends on what they are, not on ids or times (see canonicalOrder). So
 * the same data always gives the same bytes, and importing an export and exporting again
 * gives the same files even though imported annotations get new ids.
 */
export class ExportView {
  readonly project: Project;
  readonly items: Item[];
  readonly widenSpans: boolean;
  private readonly byItem = new Map<string, Annotation[]>();
  private readonly labels: Map<string, Label>;

  constructor(input: ExportInput) {
    this.project = input.project;
    this.widenSpans = input.widenSpans ?? false;
    this.items = [...input.items].sort((a, b) => a.seq - b.seq || compare(a.id, b.id));
    this.labels = new Map(input.project.labels.map((l) => [l.id, l]));
    for (const a of input.annotations) {
      const list = this.byItem.get(a.itemId);
      if (list) list.push(a);
      else this.byItem.set(a.itemId, [a]);
    }
    const names = new Map(input.project.labels.map((l) => [l.id, l.name]));
    for (const [id, list] of this.byItem) this.byItem.set(id, canonicalOrder(list, names));
  }

  get textItems(): TextItem[] {
    return this.items.filter((i): i is TextItem => i.kind === 'text');
  }

  get imageItems(): ImageItem[] {
    return this.items.filter((i): i is ImageItem => i.kind === 'image');
  }

  get conversationItems(): ConversationItem[] {
    return this.items.filter((i): i is ConversationItem => i.kind === 'conversation');
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

const TYPE_ORDER: Annotation['type'][] = [
  'span',
  'class',
  'box',
  'polygon',
  'point',
  'rbox',
  'polyline',
  'multipolygon',
  'keypoints',
  'mask',
  'preference',
  'ranking',
  'rating',
  'text',
  'relation',
];

function geometryKey(a: Annotation): number[] {
  switch (a.type) {
    case 'span':
      return [a.start, a.end];
    case 'box':
      return [a.y, a.x, a.h, a.w];
    case 'polygon':
      return a.points.flatMap(([x, y]) => [y, x]);
    case 'point':
      return [a.y, a.x];
    case 'class':
    case 'relation':
    case 'preference':
    case 'ranking':
    case 'rating':
    case 'text':
      return [];
    default: {
      // Newer shapes: where they are (top to bottom, left to right), then every number.
      const r = extentOf(a);
      const numbers: number[] = [];
      JSON.stringify(geometryOf(a), (_k, v: unknown) => {
        if (typeof v === 'number') numbers.push(v);
        return v;
      });
      return [r.y, r.x, ...numbers];
    }
  }
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Annotations of one item by type (spans, classes, boxes, polygons, points, relations), then
 * position (reading order: top to bottom, left to right; spans by start, then end), then label
 * name; relations by the positions of their ends. Ids break the last ties. Nothing here
 * depends on the project (label order, ids), so a re-import into another project exports alike.
 */
export function canonicalOrder(
  list: readonly Annotation[],
  labelNames: ReadonlyMap<string, string>,
): Annotation[] {
  const name = (a: Annotation) => labelNames.get(a.label) ?? a.label;
  const shapes = list
    .filter((a) => a.type !== 'relation')
    .sort(
      (a, b) =>
        TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) ||
        compareNumbers(geometryKey(a), geometryKey(b)) ||
        compare(name(a), name(b)) ||
        compare(a.id, b.id),
    );
  const position = new Map(shapes.map((a, i) => [a.id, i]));
  const at = (id: string) => position.get(id) ?? Number.MAX_SAFE_INTEGER;
  const relations = list
    .filter((a) => a.type === 'relation')
    .sort((a, b) => {
      if (a.type !== 'relation' || b.type !== 'relation') return 0;
      return (
        at(a.from) - at(b.from) ||
        at(a.to) - at(b.to) ||
        compare(name(a), name(b)) ||
        compare(a.id, b.id)
      );
    });
  return [...shapes, ...relations];
}
