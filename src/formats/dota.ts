import type { ExportedFile, ExportView, ExportWarning } from './export-input.ts';
import { utf8 } from './export-input.ts';
import { isPointInside } from './geometry.ts';
import { imageStems } from './stems.ts';
import { csvLines } from './csv-text.ts';
import { isShapeLabel } from './class-map.ts';
import { imagesCsv } from './yolo.ts';
import { obbCorners } from './yolo-obb.ts';

export const DOTA_DIR = 'exports/dota';

/** DOTA splits lines on whitespace, so a category name cannot hold any: it gets `_` instead. */
export function dotaCategory(name: string): string {
  return name.trim().replace(/\s+/g, '_') || '_';
}

/**
 * DOTA label files (labelTxt/<image stem>.txt), one per image item, one line per rotated box
 * (and per box): `x1 y1 x2 y2 x3 y3 x4 y4 category difficult`, corners in pixels as stored
 * (clockwise from the box's own top-left, not rounded, not clipped), `difficult` 1 when the
 * shape's `difficult` attribute is true. No `imagesource:` / `gsd:` header lines: DOTA's
 * tools skip lines of fewer than 9 fields either way.
 */
export function dotaExport(view: ExportView, warnings: ExportWarning[]): ExportedFile[] {
  const images = view.imageItems;
  const stems = imageStems(images);
  const files: ExportedFile[] = [];
  for (const item of images) {
    const path = `${DOTA_DIR}/labelTxt/${stems.get(item.id)}.txt`;
    const warn = (annotationId: string, reason: string) =>
      warnings.push({ path, itemId: item.id, itemName: item.name, annotationId, reason });
    let text = '';
    for (const a of view.annotationsOf(item.id)) {
      const corners = obbCorners(a);
      if (!corners) continue;
      const label = view.label(a.label);
      if (!label || !isShapeLabel(label)) {
        warn(a.id, 'its label is not a shape label of the project, so it was left out');
        continue;
      }
      const category = dotaCategory(label.name);
      if (!corners.every((p) => isPointInside([p.x, p.y], item.width, item.height)))
        warn(a.id, 'a corner lies outside the image; written as stored, not clipped');
      const xy = corners.flatMap((p) => [p.x, p.y]).map(String);
      text += `${[...xy, category, a.attributes?.difficult === true ? 1 : 0].join(' ')}\n`;
    }
    files.push({ path, data: utf8(text) });
  }
  const categories = view.project.labels
    .filter(isShapeLabel)
    .map((l) => [dotaCategory(l.name), l.name]);
  files.push({
    path: `${DOTA_DIR}/categories.csv`,
    data: utf8(csvLines([['category', 'label'], ...categories])),
  });
  files.push({ path: `${DOTA_DIR}/images.csv`, data: utf8(imagesCsv(images, stems)) });
  return files;
}
