import type { Annotation } from '../model/annotation.ts';
import { geometryOf } from '../model/annotation-geometry.ts';
import { clamp, clipRect, EDGE_SLACK } from './geometry.ts';
import { fromVoc, toVoc } from './voc.ts';

// "Importing the same file twice adds nothing" — also for a file Airlock exported itself, whose
// numbers went through a format's precision: pixels → percent → pixels (Label Studio), ten
// decimals of the image size (YOLO), whole pixels (VOC). So shapes are compared with the
// tolerance the format's precision sets, never with ===, and a shape the export clipped or
// clamped to its image matches the stored shape it came from.

/** The size of the image a shape is on, for relative tolerances and clipping. */
export interface OnImage {
  width: number;
  height: number;
}

/** Floating-point noise of a relative round trip, as a fraction of the image size. */
const RELATIVE = EDGE_SLACK;

export class DuplicateIndex {
  private readonly exact = new Map<string, string>();
  private readonly shapes = new Map<string, Annotation[]>();

  /** @param wholePixels the format writes boxes on whole pixels (VOC), as toVoc does. */
  constructor(private readonly wholePixels = false) {}

  add(a: Annotation): void {
    const head = headOf(a);
    if (isShape(a)) {
      const list = this.shapes.get(head);
      if (list) list.push(a);
      else this.shapes.set(head, [a]);
    } else this.exact.set(exactKey(a), a.id);
  }

  /** The id of a stored or earlier annotation that is the same as `a`, if any. */
  find(a: Annotation, image?: OnImage): string | undefined {
    if (!isShape(a)) return this.exact.get(exactKey(a));
    const list = this.shapes.get(headOf(a));
    if (!list) return undefined;
    const tol = (size: number) => RELATIVE * size + 1e-12;
    const tx = tol(image?.width ?? 0);
    const ty = tol(image?.height ?? 0);
    for (const b of list) {
      if (same(a, b, tx, ty)) return b.id;
      if (image && same(a, fitted(b, image, this.wholePixels), tx, ty)) return b.id;
    }
    return undefined;
  }
}

/** Geometry in pixels: everything but spans, classes and relations. */
function isShape(a: Annotation): boolean {
  return a.type !== 'span' && a.type !== 'class' && a.type !== 'relation';
}

/** Item, type, label, and the shape's structure (how many points, parts…) without its numbers. */
const headOf = (a: Annotation) =>
  `${a.itemId}\u0000${a.type}\u0000${a.label}\u0000` +
  (isShape(a)
    ? JSON.stringify(geometryOf(a), (_k, v: unknown) => (typeof v === 'number' ? 0 : v))
    : '');

/** The numbers of a shape's geometry, in the spec's field order. */
function numbersOf(a: Annotation): number[] {
  const out: number[] = [];
  JSON.stringify(geometryOf(a), (_k, v: unknown) => {
    if (typeof v === 'number') out.push(v);
    return v;
  });
  return out;
}

/** Spans, classes and relations are whole numbers and ids: equal or not. */
function exactKey(a: Annotation): string {
  const head = headOf(a);
  switch (a.type) {
    case 'span':
      return `${head}\u0000${a.start},${a.end}`;
    case 'relation':
      return `${head}\u0000${a.from},${a.to}`;
    default:
      return head;
  }
}

function same(a: Annotation, b: Annotation, tx: number, ty: number): boolean {
  const near = (p: number, q: number, t: number) => Math.abs(p - q) <= t;
  if (a.type === 'box' && b.type === 'box') {
    return (
      near(a.x, b.x, tx) &&
      near(a.y, b.y, ty) &&
      near(a.x + a.w, b.x + b.w, tx) &&
      near(a.y + a.h, b.y + b.h, ty)
    );
  }
  if (a.type === 'point' && b.type === 'point') return near(a.x, b.x, tx) && near(a.y, b.y, ty);
  if (a.type === 'polygon' && b.type === 'polygon') {
    return (
      a.points.length === b.points.length &&
      a.points.every(([x, y], i) => near(x, b.points[i]![0], tx) && near(y, b.points[i]![1], ty))
    );
  }
  // Other shapes (same structure, by headOf): every number within the larger tolerance.
  const p = numbersOf(a);
  const q = numbersOf(b);
  const t = Math.max(tx, ty);
  return p.length === q.length && p.every((v, i) => near(v, q[i]!, t));
}

/**
 * A stored shape as an export writes it: boxes clipped to the image (or on whole pixels, for
 * VOC), polygon and point coordinates clamped to it.
 */
function fitted(b: Annotation, image: OnImage, wholePixels: boolean): Annotation {
  if (b.type === 'box' && wholePixels)
    return { ...b, ...fromVoc(toVoc(b, image.width, image.height)) };
  if (b.type === 'box') return { ...b, ...clipRect(b, image.width, image.height) };
  if (b.type === 'polygon') {
    const points = b.points.map(
      ([x, y]) => [clamp(x, 0, image.width), clamp(y, 0, image.height)] as [number, number],
    );
    return { ...b, points };
  }
  if (b.type === 'point')
    return { ...b, x: clamp(b.x, 0, image.width), y: clamp(b.y, 0, image.height) };
  return b;
}
