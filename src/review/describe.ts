import type { Annotation } from '../model/annotation.ts';
import { rleArea } from '../model/rle.ts';

const n = (v: number) => String(Math.round(v * 10) / 10);

/** An annotation in a few words, for lists where the lead compares labelers. */
export function describe(a: Annotation, siblings: readonly Annotation[]): string {
  switch (a.type) {
    case 'span':
      return `“${a.text}” [${a.start}–${a.end})`;
    case 'class':
      return 'class';
    case 'box':
      return `box ${n(a.w)}×${n(a.h)} at (${n(a.x)}, ${n(a.y)})`;
    case 'polygon':
      return `polygon of ${a.points.length} points`;
    case 'point':
      return `point (${n(a.x)}, ${n(a.y)})`;
    case 'rbox':
      return `rotated box ${n(a.w)}×${n(a.h)} at (${n(a.cx)}, ${n(a.cy)}), ${n(a.angle)}°`;
    case 'polyline':
      return `polyline of ${a.points.length} points`;
    case 'multipolygon':
      return `polygon in ${a.parts.length} parts`;
    case 'keypoints':
      return `${a.points.filter((p) => p[2] === 2).length} of ${a.points.length} keypoints visible`;
    case 'mask':
      return `mask of ${rleArea(a.rle)} pixels`;
    case 'relation': {
      const end = (id: string) => {
        const s = siblings.find((o) => o.id === id);
        return s?.type === 'span' ? `“${s.text}”` : '?';
      };
      return `${end(a.from)} → ${end(a.to)}`;
    }
  }
}
