import type { Annotation } from '../model/annotation.ts';
import type { ImageItem } from '../model/item.ts';
import type { ExportView, ExportWarning } from './export-input.ts';

// Image shapes a format has no place for are left out of its files, never bent into a box,
// and each one is reported, so a pipeline reading only yolo/ knows what it does not see.

type Shape = Annotation['type'];

const NAMES: Partial<Record<Shape, string>> = {
  polygon: 'polygons',
  point: 'points',
  rbox: 'rotated boxes',
  polyline: 'polylines',
  keypoints: 'keypoints',
  mask: 'masks',
  multipolygon: 'multi-part polygons',
};

/** The image shapes each format leaves out (boxes and image classes go everywhere). */
export const LEFT_OUT = {
  // Detection labels: polygons go to yolo-seg/, so they are not lost to YOLO.
  YOLO: ['point', 'rbox', 'polyline', 'keypoints', 'mask', 'multipolygon'],
  VOC: ['polygon', 'point', 'rbox', 'polyline', 'keypoints', 'mask', 'multipolygon'],
  'Label Studio': ['polyline', 'keypoints', 'mask', 'multipolygon'],
  CVAT: ['keypoints', 'multipolygon'],
} as const satisfies Record<string, readonly Shape[]>;

/** Where else a shape is kept, besides annotations.jsonl. */
const KEPT_IN: Partial<Record<Shape, string>> = {
  polygon: 'coco.json',
  point: 'label-studio.json',
  rbox: 'coco.json',
  keypoints: 'coco.json',
  mask: 'coco.json',
  multipolygon: 'coco.json',
};

/** Warns once per annotation the format leaves out on the view's images, in the file named for its item. */
export function warnLeftOut(
  view: ExportView,
  warnings: ExportWarning[],
  format: keyof typeof LEFT_OUT,
  pathOf: (item: ImageItem) => string,
): void {
  const left: readonly Shape[] = LEFT_OUT[format];
  for (const item of view.imageItems) {
    for (const a of view.annotationsOf(item.id)) {
      // An annotation whose label is gone is reported by the format itself, or by COCO.
      if (!left.includes(a.type) || !view.label(a.label)) continue;
      const kept = KEPT_IN[a.type];
      warnings.push({
        path: pathOf(item),
        itemId: item.id,
        itemName: item.name,
        annotationId: a.id,
        reason: `${format} has no place for ${NAMES[a.type]}, so it was left out (annotations.jsonl keeps it${kept ? `, and ${kept}` : ''})`,
      });
    }
  }
}
