import type { ExportedFile, ExportView, ExportWarning } from './export-input.ts';
import { utf8 } from './export-input.ts';
import type { ImageItem } from '../model/item.ts';
import { clamp, clipRect, decimal, isInside, isPointInside } from './geometry.ts';
import { imageStems } from './stems.ts';
import { yamlString } from './yaml-text.ts';
import { csvLines } from './csv-text.ts';
import { classMap, unusedClassName } from './class-map.ts';

export const YOLO_DIR = 'exports/yolo';
export const YOLO_SEG_DIR = 'exports/yolo-seg';

/**
 * Decimals of normalized values. 10 keeps a box within 5e-11 of the image size of where it
 * was (a millionth of a pixel on a 20,000-pixel image) and reads back to the same text.
 */
export const YOLO_DECIMALS = 10;

const n = (value: number) => decimal(clamp(value, 0, 1), YOLO_DECIMALS);

/**
 * Ultralytics-style data.yaml with the project's class map: every shape label at its class
 * index, used or not, so `nc` and `names` match what a model was trained on. Paths are left to
 * the pipeline, which knows its layout.
 */
export function dataYaml(
  view: ExportView,
  names: readonly (string | undefined)[],
  task: string,
): string {
  const lines = [
    `# ${task} labels exported by Airlock from project ${yamlString(view.project.name)}.`,
    '# Label files: labels/<image stem>.txt; images.csv maps each stem to its image.',
    `nc: ${names.length}`,
    'names:',
    ...names.map((name, i) => `  ${i}: ${yamlString(name ?? unusedClassName(i))}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** stem,file_name,sha256,width,height of every image, so a pipeline can join labels to images. */
export function imagesCsv(images: readonly ImageItem[], stems: Map<string, string>): string {
  return csvLines([
    ['stem', 'file_name', 'sha256', 'width', 'height'],
    ...images.map((i) => [stems.get(i.id)!, i.name, i.sha256, String(i.width), String(i.height)]),
  ]);
}

type Shape = 'box' | 'polygon';

/**
 * YOLO label files, one per image item (empty for an image with none of the shapes): boxes as
 * `class x_center y_center width height` (detection), or polygons as `class x1 y1 x2 y2 …`
 * (segmentation), normalized by the image's width and height and clamped to [0, 1]. A shape
 * reaching outside its image is clipped to it and reported.
 */
export function yoloExport(
  view: ExportView,
  shape: Shape,
  warnings: ExportWarning[],
): ExportedFile[] {
  const dir = shape === 'box' ? YOLO_DIR : YOLO_SEG_DIR;
  const map = classMap(view.project.labels);
  const images = view.imageItems;
  const stems = imageStems(images);
  const files: ExportedFile[] = [];
  for (const item of images) {
    const labelPath = `${dir}/labels/${stems.get(item.id)}.txt`;
    const lines: { key: number[]; text: string }[] = [];
    const warn = (annotationId: string, reason: string) =>
      warnings.push({
        path: labelPath,
        itemId: item.id,
        itemName: item.name,
        annotationId,
        reason,
      });
    for (const a of view.annotationsOf(item.id)) {
      if (a.type !== shape) continue;
      const cls = map.byLabel.get(a.label)?.index;
      if (cls === undefined) {
        warn(a.id, 'its label is not a shape label of the project, so it was left out');
        continue;
      }
      let values: string[];
      if (a.type === 'box') {
        // Within the slack, the box is used as it is: clipping it would shift the rounding.
        const inside = isInside(a, item.width, item.height);
        if (!inside) warn(a.id, 'the box reaches outside the image and was clipped to it');
        const b = inside ? a : clipRect(a, item.width, item.height);
        const xc = (b.x + b.w / 2) / item.width;
        const yc = (b.y + b.h / 2) / item.height;
        values = [n(xc), n(yc), n(b.w / item.width), n(b.h / item.height)];
      } else if (a.type === 'polygon') {
        if (!a.points.every((p) => isPointInside(p, item.width, item.height))) {
          warn(a.id, 'the polygon reaches outside the image and was clamped to it');
        }
        values = a.points.flatMap(([x, y]) => [n(x / item.width), n(y / item.height)]);
      } else continue;
      // Sorted by the written numbers (y before x), so an import of this file exports it again
      // line for line even where rounding moved a shape by a hair.
      const key = values.map(Number);
      if (a.type === 'box') key.unshift(key[1]!, key[0]!);
      lines.push({ key: [...key, cls], text: [cls, ...values].join(' ') });
    }
    lines.sort(
      (x, y) => compareKeys(x.key, y.key) || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0),
    );
    const text = lines.map((l) => `${l.text}\n`).join('');
    files.push({ path: labelPath, data: utf8(text) });
  }
  const task = shape === 'box' ? 'YOLO detection' : 'YOLO segmentation';
  files.push({ path: `${dir}/data.yaml`, data: utf8(dataYaml(view, map.yoloNames, task)) });
  files.push({ path: `${dir}/images.csv`, data: utf8(imagesCsv(images, stems)) });
  return files;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
