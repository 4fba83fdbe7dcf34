import type {
  BoxAnnotation,
  ClassAnnotation,
  PointAnnotation,
  PolygonAnnotation,
  SpanAnnotation,
} from '../../src/model/annotation.ts';

// Annotations made by a named annotator, for agreement tests. Geometry only: the covered
// text of a span is a placeholder, agreement never reads it. Ids are `<annotator>-<n>`, in
// the order built, so tie-breaks by id follow the order a test writes them in.

const AT = '2026-11-23T00:00:00.000Z';

export function annotator(name: string, projectId = 'project-1') {
  let n = 0;
  const base = (itemId: string, label: string) => ({
    id: `${name}-${String(++n).padStart(3, '0')}`,
    projectId,
    itemId,
    label,
    annotator: name,
    createdAt: AT,
    updatedAt: AT,
  });
  return {
    span: (itemId: string, label: string, start: number, end: number): SpanAnnotation => ({
      ...base(itemId, label),
      type: 'span',
      start,
      end,
      text: '·'.repeat(end - start),
    }),
    chose: (itemId: string, label: string): ClassAnnotation => ({
      ...base(itemId, label),
      type: 'class',
    }),
    box: (
      itemId: string,
      label: string,
      x: number,
      y: number,
      w: number,
      h: number,
    ): BoxAnnotation => ({
      ...base(itemId, label),
      type: 'box',
      x,
      y,
      w,
      h,
    }),
    polygon: (itemId: string, label: string, points: [number, number][]): PolygonAnnotation => ({
      ...base(itemId, label),
      type: 'polygon',
      points,
    }),
    point: (itemId: string, label: string, x: number, y: number): PointAnnotation => ({
      ...base(itemId, label),
      type: 'point',
      x,
      y,
    }),
  };
}

/** The same list in another, repeatable order (seeded Fisher–Yates; never the same order for two or more). */
export function scrambled<T>(list: readonly T[], seed = 1): T[] {
  let state = seed;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  // A shuffle may leave a short list as it was; then reverse it, so the order does change.
  return out.every((x, i) => x === list[i]) ? out.reverse() : out;
}
