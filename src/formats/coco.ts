import type { ExportView, ExportWarning } from './export-input.ts';
import type { Annotation, Rle } from '../model/annotation.ts';
import type { AttributeValues } from '../model/attributes.ts';
import { boundingRect, polygonArea, type Rect } from './geometry.ts';
import { classMap } from './class-map.ts';
import { extentOf } from '../model/extent.ts';
import { rleArea, rleBounds } from '../model/rle.ts';
import { rotatedCorners } from '../model/rotated-box.ts';

export const COCO_PATH = 'exports/coco.json';

export interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
}

export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  /** [x, y, width, height] in pixels, from the top-left corner of the image. */
  bbox: [number, number, number, number];
  area: number;
  iscrowd: 0 | 1;
  /** Polygons as flat [x1, y1, x2, y2, …] lists (a box: its rectangle), or an RLE mask. */
  segmentation: number[][] | Rle;
  /** Keypoints as [x1, y1, v1, …] in the category's node order. */
  keypoints?: number[];
  num_keypoints?: number;
  /** The annotation's other attribute values (as CVAT's COCO export writes them). */
  attributes?: AttributeValues;
  /** A rotated box as stored, so Airlock reads it back whole (others see its polygon). */
  airlock_rbox?: { cx: number; cy: number; w: number; h: number; angle: number };
}

export interface CocoCategory {
  id: number;
  name: string;
  supercategory: string;
  keypoints?: string[];
  /** COCO's skeleton: pairs of 1-based node numbers. */
  skeleton?: [number, number][];
}

export interface CocoFile {
  info: { description: string; version: string };
  licenses: never[];
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
}

const flat = (points: readonly (readonly [number, number])[]) => points.flatMap(([x, y]) => [x, y]);

/** A rectangle as a one-ring polygon, clockwise from the top-left: pycocotools can rasterize it. */
export function rectangleRing(r: Rect): number[] {
  return [r.x, r.y, r.x + r.w, r.y, r.x + r.w, r.y + r.h, r.x, r.y + r.h];
}

type Written = Pick<CocoAnnotation, 'bbox' | 'area' | 'segmentation'> &
  Partial<Pick<CocoAnnotation, 'keypoints' | 'num_keypoints' | 'airlock_rbox'>>;

/** What COCO holds of one annotation, or the reason it holds nothing of it. */
function written(a: Annotation): Written | string {
  const bbox = (r: Rect): [number, number, number, number] => [r.x, r.y, r.w, r.h];
  switch (a.type) {
    case 'box':
      return { bbox: bbox(a), area: a.w * a.h, segmentation: [rectangleRing(a)] };
    case 'polygon':
      return {
        bbox: bbox(boundingRect(a.points)),
        area: polygonArea(a.points),
        segmentation: [flat(a.points)],
      };
    case 'multipolygon':
      // COCO's reading of a list of polygons: one object, the union of the parts.
      return {
        bbox: bbox(boundingRect(a.parts.flat())),
        area: a.parts.reduce((sum, part) => sum + polygonArea(part), 0),
        segmentation: a.parts.map(flat),
      };
    case 'mask': {
      const r = rleBounds(a.rle) ?? { x: 0, y: 0, w: 0, h: 0 };
      return {
        bbox: bbox(r),
        area: rleArea(a.rle),
        segmentation: { size: [...a.rle.size], counts: [...a.rle.counts] },
      };
    }
    case 'rbox': {
      const corners = rotatedCorners(a).map((p) => [p.x, p.y] as [number, number]);
      return {
        bbox: bbox(boundingRect(corners)),
        area: a.w * a.h,
        segmentation: [flat(corners)],
        airlock_rbox: { cx: a.cx, cy: a.cy, w: a.w, h: a.h, angle: a.angle },
      };
    }
    case 'keypoints': {
      const r = extentOf(a);
      return {
        bbox: bbox(r),
        area: r.w * r.h,
        segmentation: [rectangleRing(r)],
        keypoints: a.points.flatMap(([x, y, v]) => [x, y, v]),
        num_keypoints: a.points.filter((p) => p[2] > 0).length,
      };
    }
    case 'point':
      return 'a point has no place in COCO detection (only as a node of keypoints), so it was left out';
    case 'polyline':
      return 'COCO has no open lines, so the polyline was left out';
    default:
      return '';
  }
}

/**
 * COCO detection/segmentation JSON of the image items, as COCO means it: boxes with their
 * rectangle as `segmentation` (so `annToMask` works), polygons as one ring, a multi-part object
 * as one annotation with several rings, masks as uncompressed RLE with `iscrowd` from the
 * annotation's attribute, keypoints with the label's skeleton, rotated boxes as their corner
 * polygon (with a warning). Coordinates are written exactly as stored (no rounding). Category
 * ids and supercategories are the project's class map, every shape label listed.
 */
export function cocoExport(view: ExportView, warnings: ExportWarning[]): CocoFile {
  const map = classMap(view.project.labels);
  const images: CocoImage[] = [];
  const annotations: CocoAnnotation[] = [];
  view.imageItems.forEach((item, index) => {
    const imageId = index + 1;
    images.push({ id: imageId, file_name: item.name, width: item.width, height: item.height });
    const warn = (a: Annotation, reason: string) =>
      warnings.push({
        path: COCO_PATH,
        itemId: item.id,
        itemName: item.name,
        annotationId: a.id,
        reason,
      });
    for (const a of view.annotationsOf(item.id)) {
      if (a.type === 'span' || a.type === 'class' || a.type === 'relation') continue;
      const what = written(a);
      if (typeof what === 'string') {
        if (what) warn(a, what);
        continue;
      }
      const categoryId = map.byLabel.get(a.label)?.cocoId;
      if (categoryId === undefined) {
        warn(a, 'its label is not a shape label of the project, so it was left out');
        continue;
      }
      if (a.type === 'rbox' && a.angle !== 0)
        warn(a, 'COCO has no rotated boxes: written as its corner polygon (and airlock_rbox)');
      const [x, y, w, h] = what.bbox;
      if (x < 0 || y < 0 || x + w > item.width || y + h > item.height)
        warn(a, 'it reaches outside the image; written as stored, not clipped');
      const { iscrowd, ...attributes } = a.attributes ?? {};
      annotations.push({
        id: annotations.length + 1,
        image_id: imageId,
        category_id: categoryId,
        ...what,
        iscrowd: iscrowd === true ? 1 : 0,
        ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
      });
    }
  });
  return {
    info: { description: `Airlock export of ${view.project.name}`, version: '1.0' },
    licenses: [],
    images,
    annotations,
    categories: map.entries
      .map((e): CocoCategory => {
        const skeleton = e.label.skeleton;
        return {
          id: e.cocoId,
          name: e.label.name,
          supercategory: e.supercategory,
          ...(skeleton
            ? {
                keypoints: [...skeleton.nodes],
                skeleton: skeleton.edges.map(([p, q]) => [p + 1, q + 1] as [number, number]),
              }
            : {}),
        };
      })
      .sort((a, b) => a.id - b.id),
  };
}
