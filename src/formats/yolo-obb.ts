import type { ExportedFile, ExportView, ExportWarning } from './export-input.ts';
import { utf8 } from './export-input.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Point } from '../model/geometry.ts';
import { clamp, decimal, isPointInside } from './geometry.ts';
import { imageStems } from './stems.ts';
import { classMap } from './class-map.ts';
import { dataYaml, imagesCsv, YOLO_DECIMALS } from './yolo.ts';
import { rotatedCorners } from '../model/rotated-box.ts';

export const YOLO_OBB_DIR = 'exports/yolo-obb';

/** The four corners of a rotated box, or of a box (a rotated box at angle 0), clockwise. */
export function obbCorners(a: Annotation): [Point, Point, Point, Point] | undefined {
  if (a.type === 'rbox') return rotatedCorners(a);
  if (a.type === 'box') {
    const [x1, y1, x2, y2] = [a.x, a.y, a.x + a.w, a.y + a.h];
    return [
      { x: x1, y: y1 },
      { x: x2, y: y1 },
      { x: x2, y: y2 },
      { x: x1, y: y2 },
    ];
  }
  return undefined;
}

/**
 * Ultralytics OBB label files, one per image item: `class x1 y1 x2 y2 x3 y3 x4 y4` per rotated
 * box (and per box, as a rotated box at angle 0), the corners clockwise from the box's own
 * top-left, normalized by the image's width and height. Ultralytics wants every value in
 * [0, 1], so a corner outside the image is clamped to its edge and the shape reported.
 */
export function yoloObbExport(view: ExportView, warnings: ExportWarning[]): ExportedFile[] {
  const map = classMap(view.project.labels);
  const images = view.imageItems;
  const stems = imageStems(images);
  const files: ExportedFile[] = [];
  for (const item of images) {
    const path = `${YOLO_OBB_DIR}/labels/${stems.get(item.id)}.txt`;
    const warn = (annotationId: string, reason: string) =>
      warnings.push({ path, itemId: item.id, itemName: item.name, annotationId, reason });
    let text = '';
    for (const a of view.annotationsOf(item.id)) {
      const corners = obbCorners(a);
      if (!corners) continue;
      const cls = map.byLabel.get(a.label)?.index;
      if (cls === undefined) {
        warn(a.id, 'its label is not a shape label of the project, so it was left out');
        continue;
      }
      if (!corners.every((p) => isPointInside([p.x, p.y], item.width, item.height)))
        warn(a.id, 'a corner lies outside the image and was clamped to its edge');
      const n = (v: number, size: number) => decimal(clamp(v / size, 0, 1), YOLO_DECIMALS);
      const values = corners.flatMap((p) => [n(p.x, item.width), n(p.y, item.height)]);
      text += `${[cls, ...values].join(' ')}\n`;
    }
    files.push({ path, data: utf8(text) });
  }
  files.push({
    path: `${YOLO_OBB_DIR}/data.yaml`,
    data: utf8(dataYaml(view, map.yoloNames, 'YOLO oriented-box (OBB)')),
  });
  files.push({ path: `${YOLO_OBB_DIR}/images.csv`, data: utf8(imagesCsv(images, stems)) });
  return files;
}
