import type { Project } from '../../src/model/project.ts';
import type { ImageItem, TextItem } from '../../src/model/item.ts';
import type {
  Annotation,
  BoxAnnotation,
  ClassAnnotation,
  KeypointsAnnotation,
  MaskAnnotation,
  MultiPolygonAnnotation,
  PointAnnotation,
  PolygonAnnotation,
  PolylineAnnotation,
  RelationAnnotation,
  Rle,
  RotatedBoxAnnotation,
  SpanAnnotation,
} from '../../src/model/annotation.ts';
import type { Label, LabelKind } from '../../src/model/label.ts';
import { CodePointIndex } from '../../src/model/offsets.ts';
import { sha256OfText } from '../../src/import/hash.ts';

// Builders of projects, items and annotations for format tests. Ids are readable and
// timestamps increase with each annotation built, so export order is predictable.

const AT = '2026-01-02T03:04:05.000Z';
let clock = 0;
let ids = 0;

function tick(): string {
  return new Date(Date.parse(AT) + ++clock * 1000).toISOString();
}

export function label(name: string, kinds: LabelKind[], id = `label-${name}`): Label {
  return { id, name, color: '#e6194b', kinds };
}

export function project(labels: Label[], name = 'Formats'): Project {
  return { id: 'project-1', name, labels, classGroups: [], createdAt: AT, updatedAt: AT };
}

const sha = (n: number) => n.toString(16).padStart(64, '0');

export function textItem(name: string, text: string, seq = ++ids): TextItem {
  return {
    id: `text-${seq}`,
    projectId: 'project-1',
    seq,
    kind: 'text',
    name,
    text,
    sha256: sha(seq),
    status: 'todo',
    note: '',
    createdAt: AT,
    updatedAt: AT,
  };
}

export function imageItem(name: string, width: number, height: number, seq = ++ids): ImageItem {
  return {
    id: `image-${seq}`,
    projectId: 'project-1',
    seq,
    kind: 'image',
    name,
    mediaType: 'image/png',
    width,
    height,
    byteLength: 100,
    sha256: sha(1_000_000 + seq),
    status: 'todo',
    note: '',
    createdAt: AT,
    updatedAt: AT,
  };
}

function base(itemId: string, labelId: string) {
  const at = tick();
  return {
    id: `ann-${++ids}`,
    projectId: 'project-1',
    itemId,
    label: labelId,
    annotator: 'tester',
    createdAt: at,
    updatedAt: at,
  };
}

export function span(item: TextItem, labelId: string, start: number, end: number): SpanAnnotation {
  const text = new CodePointIndex(item.text).slice(start, end);
  return { ...base(item.id, labelId), type: 'span', start, end, text };
}

/** A span over the first occurrence of `words` in the item's text. */
export function spanOver(item: TextItem, labelId: string, words: string): SpanAnnotation {
  const at = item.text.indexOf(words);
  if (at < 0) throw new Error(`"${words}" is not in the text`);
  const index = new CodePointIndex(item.text);
  return span(item, labelId, index.toCodePoint(at), index.toCodePoint(at + words.length));
}

export function textClass(item: TextItem | ImageItem, labelId: string): ClassAnnotation {
  return { ...base(item.id, labelId), type: 'class' };
}

export function box(
  item: ImageItem,
  labelId: string,
  x: number,
  y: number,
  w: number,
  h: number,
): BoxAnnotation {
  return { ...base(item.id, labelId), type: 'box', x, y, w, h };
}

export function polygon(
  item: ImageItem,
  labelId: string,
  points: [number, number][],
): PolygonAnnotation {
  return { ...base(item.id, labelId), type: 'polygon', points };
}

export function point(item: ImageItem, labelId: string, x: number, y: number): PointAnnotation {
  return { ...base(item.id, labelId), type: 'point', x, y };
}

export function rbox(
  item: ImageItem,
  labelId: string,
  cx: number,
  cy: number,
  w: number,
  h: number,
  angle: number,
): RotatedBoxAnnotation {
  return { ...base(item.id, labelId), type: 'rbox', cx, cy, w, h, angle };
}

export function polyline(
  item: ImageItem,
  labelId: string,
  points: [number, number][],
): PolylineAnnotation {
  return { ...base(item.id, labelId), type: 'polyline', points };
}

export function multipolygon(
  item: ImageItem,
  labelId: string,
  parts: [number, number][][],
): MultiPolygonAnnotation {
  return { ...base(item.id, labelId), type: 'multipolygon', parts };
}

export function keypoints(
  item: ImageItem,
  labelId: string,
  points: [number, number, 0 | 1 | 2][],
): KeypointsAnnotation {
  return { ...base(item.id, labelId), type: 'keypoints', points };
}

export function mask(item: ImageItem, labelId: string, rle: Rle): MaskAnnotation {
  return { ...base(item.id, labelId), type: 'mask', rle };
}

export function relation(from: Annotation, to: Annotation, labelId: string): RelationAnnotation {
  return { ...base(from.itemId, labelId), type: 'relation', from: from.id, to: to.id };
}

/** Reads one exported file as text. */
export function fileText(files: { path: string; data: Uint8Array }[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return new TextDecoder('utf-8', { fatal: true }).decode(file.data);
}

/** Text items with their real SHA-256 (the factory's are made up), as imports match by it. */
export async function hashed(items: TextItem[]): Promise<TextItem[]> {
  return Promise.all(items.map(async (i) => ({ ...i, sha256: await sha256OfText(i.text) })));
}
