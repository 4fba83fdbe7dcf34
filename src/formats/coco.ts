import type { ExportView, ExportWarning } from './export-input.ts';
import { boundingRect, polygonArea } from './geometry.ts';
import { classMap } from './class-map.ts';

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
  iscrowd: 0;
  /** Polygons as flat [x1, y1, x2, y2, …] lists; empty for a box. */
  segmentation: number[][];
}

export interface CocoCategory {
  id: number;
  name: string;
  supercategory: string;
}

export interface CocoFile {
  info: { description: string; version: string };
  licenses: never[];
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
}

/**
 * COCO detection/segmentation JSON of the image items: boxes as `bbox` with an empty
 * `segmentation`, polygons as one-ring `segmentation` with their bounding `bbox`. Coordinates
 * are written exactly as stored (no rounding). Ids count from 1 in export order; categories
 * are the project's box and polygon labels in the project's order.
 */
export function cocoExport(view: ExportView, warnings: ExportWarning[]): CocoFile {
  const map = classMap(view.project.labels);
  const images: CocoImage[] = [];
  const annotations: CocoAnnotation[] = [];
  view.imageItems.forEach((item, index) => {
    const imageId = index + 1;
    images.push({ id: imageId, file_name: item.name, width: item.width, height: item.height });
    for (const a of view.annotationsOf(item.id)) {
      if (a.type !== 'box' && a.type !== 'polygon') continue;
      const categoryId = map.byLabel.get(a.label)?.cocoId;
      if (categoryId === undefined) {
        warnings.push({
          path: COCO_PATH,
          itemId: item.id,
          itemName: item.name,
          annotationId: a.id,
          reason: 'its label is not a shape label of the project, so it was left out',
        });
        continue;
      }
      const id = annotations.length + 1;
      if (a.type === 'box') {
        annotations.push({
          id,
          image_id: imageId,
          category_id: categoryId,
          bbox: [a.x, a.y, a.w, a.h],
          area: a.w * a.h,
          iscrowd: 0,
          segmentation: [],
        });
      } else {
        const r = boundingRect(a.points);
        annotations.push({
          id,
          image_id: imageId,
          category_id: categoryId,
          bbox: [r.x, r.y, r.w, r.h],
          area: polygonArea(a.points),
          iscrowd: 0,
          segmentation: [a.points.flatMap(([x, y]) => [x, y])],
        });
      }
    }
  });
  return {
    info: { description: `Airlock export of ${view.project.name}`, version: '1.0' },
    licenses: [],
    images,
    annotations,
    categories: map.entries
      .map((e) => ({ id: e.cocoId, name: e.label.name, supercategory: e.supercategory }))
      .sort((a, b) => a.id - b.id),
  };
}
