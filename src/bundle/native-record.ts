import type { Annotation } from '../model/annotation.ts';
import type { Item } from '../model/item.ts';

// One line of annotations.jsonl: an item, its status and its annotations, in the spec's
// snake_case with geometry per type. Field order is fixed so equal data gives equal bytes.

/** Key ids as minisign prints them (upper-case hex); older local ids were lower-case. */
function annotator(id: string): string {
  return /^[0-9a-f]{16}$/i.test(id) ? id.toUpperCase() : id;
}

function geometry(a: Annotation): Record<string, unknown> {
  switch (a.type) {
    case 'span':
      return { start: a.start, end: a.end, text: a.text };
    case 'class':
      return {};
    case 'box':
      return { x: a.x, y: a.y, w: a.w, h: a.h };
    case 'polygon':
      return { points: a.points.map(([x, y]) => [x, y]) };
    case 'point':
      return { x: a.x, y: a.y };
    case 'relation':
      return { from: a.from, to: a.to };
  }
}

/** Oldest first, ties by id: the same annotations always come out in the same order. */
function byCreation(a: Annotation, b: Annotation): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

export function nativeRecord(item: Item, annotations: readonly Annotation[]) {
  return {
    item: {
      id: item.id,
      kind: item.kind,
      name: item.name,
      sha256: item.sha256,
      ...(item.kind === 'text'
        ? { text: item.text }
        : { width: item.width, height: item.height, media_type: item.mediaType }),
    },
    status: item.status,
    ...(item.note ? { note: item.note } : {}),
    annotations: [...annotations].sort(byCreation).map((a) => ({
      id: a.id,
      type: a.type,
      label: a.label,
      annotator: annotator(a.annotator),
      created_at: a.createdAt,
      updated_at: a.updatedAt,
      ...geometry(a),
    })),
  };
}

/** The record as one line of UTF-8 JSON, newline included. */
export function nativeLine(item: Item, annotations: readonly Annotation[]): string {
  return JSON.stringify(nativeRecord(item, annotations)) + '\n';
}
