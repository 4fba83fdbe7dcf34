import type { Annotation } from './annotation.ts';

// An annotation's geometry alone, with the spec's field names: what the native record writes
// after the common fields, and what "the same annotation" compares (not id, time or who).

export function geometryOf(a: Annotation): Record<string, unknown> {
  switch (a.type) {
    case 'span':
      return { start: a.start, end: a.end, text: a.text };
    case 'class':
      return {};
    case 'box':
      return { x: a.x, y: a.y, w: a.w, h: a.h };
    case 'polygon':
    case 'polyline':
      return { points: a.points.map(([x, y]) => [x, y]) };
    case 'point':
      return { x: a.x, y: a.y };
    case 'relation':
      return { from: a.from, to: a.to };
    case 'rbox':
      return { cx: a.cx, cy: a.cy, w: a.w, h: a.h, angle: a.angle };
    case 'multipolygon':
      return { parts: a.parts.map((part) => part.map(([x, y]) => [x, y])) };
    case 'keypoints':
      return { points: a.points.map(([x, y, v]) => [x, y, v]) };
    case 'mask':
      return { rle: { size: [...a.rle.size], counts: [...a.rle.counts] } };
  }
}
