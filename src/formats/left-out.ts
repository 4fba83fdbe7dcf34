import type { Annotation } from '../model/annotation.ts';
import type { ImageItem } from '../model/item.ts';
import type { ExportView, ExportWarning } from './export-input.ts';

// The image shapes of the newer tools have no place in YOLO, VOC or Label Studio as Airlock
// writes them. They are left out of those files, never bent into a box, and each one is
// reported, so a pipeline reading only yolo/ knows what it does not see.

const SHAPES: Partial<Record<Annotation['type'], string>> = {
  rbox: 'rotated boxes',
  polyline: 'polylines',
  keypoints: 'keypoints',
  mask: 'masks',
  multipolygon: 'multi-part polygons',
};

/** Warns once per annotation of a newer shape on the view's images, in the file named for its item. */
export function warnLeftOut(
  view: ExportView,
  warnings: ExportWarning[],
  format: string,
  pathOf: (item: ImageItem) => string,
): void {
  for (const item of view.imageItems) {
    for (const a of view.annotationsOf(item.id)) {
      const shapes = SHAPES[a.type];
      // An annotation whose label is gone is reported by the format itself, or by COCO.
      if (shapes === undefined || !view.label(a.label)) continue;
      warnings.push({
        path: pathOf(item),
        itemId: item.id,
        itemName: item.name,
        annotationId: a.id,
        reason: `${format} has no place for ${shapes}, so it was left out (annotations.jsonl keeps it${a.type === 'polyline' ? '' : ', and coco.json'})`,
      });
    }
  }
}
