import type { ExportedFile, ExportView, ExportWarning } from './export-input.ts';
import { utf8 } from './export-input.ts';
import { imageStems } from './stems.ts';
import { csvLines } from './csv-text.ts';
import { classMap } from './class-map.ts';
import { imagesCsv } from './yolo.ts';
import { greyPng } from './png-encode.ts';
import { byDrawingOrder } from '../image/arrange.ts';

export const MASKS_DIR = 'exports/masks';

/**
 * PNG index masks (semantic segmentation), one greyscale PNG per image item, of the image's
 * size: each pixel holds the class of the mask covering it — the label's COCO category id
 * from the class map, so 0 is background and no class is 0 — 8 bits per pixel, 16 when an id
 * passes 255. Where masks overlap, the one drawn on top in the workbench wins (drawing order:
 * `z`, then oldest first), as the labeler saw it. legend.csv maps every
 * value to its label name (every shape label, as data.yaml lists every class).
 */
export function pngMasksExport(view: ExportView, warnings: ExportWarning[]): ExportedFile[] {
  const map = classMap(view.project.labels);
  const images = view.imageItems;
  const stems = imageStems(images);
  const files: ExportedFile[] = [];
  for (const item of images) {
    const path = `${MASKS_DIR}/${stems.get(item.id)}.png`;
    const warn = (annotationId: string, reason: string) =>
      warnings.push({ path, itemId: item.id, itemName: item.name, annotationId, reason });
    const { width, height } = item;
    const values = new Uint16Array(width * height);
    const masks = view.ofType(item.id, 'mask').sort(byDrawingOrder);
    for (const a of masks) {
      const value = map.byLabel.get(a.label)?.cocoId;
      if (value === undefined) {
        warn(a.id, 'its label is not a shape label of the project, so it was left out');
        continue;
      }
      if (value > 0xffff) {
        warn(a.id, `its class ${value} does not fit a 16-bit PNG, so it was left out`);
        continue;
      }
      const [h, w] = a.rle.size;
      if (h !== height || w !== width) {
        warn(a.id, `the mask is ${w} × ${h}, not the image's ${width} × ${height}; left out`);
        continue;
      }
      // Runs are column-major (COCO): run position i is pixel (i / height, i % height).
      let at = 0;
      a.rle.counts.forEach((run, index) => {
        if (index % 2 === 1)
          for (let i = at; i < at + run; i++) {
            const x = Math.floor(i / height);
            values[(i - x * height) * width + x] = value;
          }
        at += run;
      });
    }
    files.push({ path, data: greyPng(values, width, height) });
  }
  const legend = [
    ['value', 'label'],
    ['0', 'background'],
    ...map.entries.map((e) => [String(e.cocoId), e.label.name]),
  ];
  files.push({ path: `${MASKS_DIR}/legend.csv`, data: utf8(csvLines(legend)) });
  files.push({ path: `${MASKS_DIR}/images.csv`, data: utf8(imagesCsv(images, stems)) });
  return files;
}
