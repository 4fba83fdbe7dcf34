import type { ExportedFile, ExportView, ExportWarning } from './export-input.ts';
import { utf8 } from './export-input.ts';
import type { ImageItem } from '../model/item.ts';
import type { Label } from '../model/label.ts';
import { clamp, clipRect, decimal, isInside } from './geometry.ts';
import { imageStems } from './stems.ts';
import { yamlString } from './yaml-text.ts';
import { csvField, csvLines, csvText } from './csv-text.ts';

export const YOLO_DIR = 'exports/yolo';
export const YOLO_SEG_DIR = 'exports/yolo-seg';

/**
 * Decimals of normalized values. 10 keeps a box within 5e-11 of the image size of where it
 * was (a millionth of a pixel on a 20,000-pixel image) and reads back to the same text.
 */
export const YOLO_DECIMALS = 10;

const n = (value: number) => decimal(clamp(value, 0, 1), YOLO_DECIMALS);

/** The YOLO classes: the project's box and polygon labels in the project's order, from 0. */
export function yoloClasses(view: ExportView): Label[] {
  return view.labelsOfKinds(['box', 'polygon']);
}

/** Ultralytics-style data.yaml; paths are left to the pipeline, which knows its layout. */
export function dataYaml(view: ExportView, classes: readonly Label[], task: string): string {
  const lines = [
    `# ${task} labels exported by Airlock from project ${yamlString(view.project.name)}.`,
    '# Label files: labels/<image stem>.txt; images.csv maps each stem to its image.',
    `nc: ${classes.length}`,
    'names:',
    ...classes.map((l, i) => `  ${i}: ${yamlString(l.name)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** stem,file_name,sha256,width,height of every image, so a pipeline can join labels to images. */
function imagesCsv(images: readonly ImageItem[], stems: Map<string, string>): string {
  return csvLines([
    ['stem', 'file_name', 'sha256', 'width', 'height'],
    ...images.map((i) => [
      csvField(stems.get(i.id)!),
      csvText(i.name),
      i.sha256,
      String(i.width),
      String(i.height),
    ]),
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
  const classes = yoloClasses(view);
  const classOf = new Map(classes.map((l, i) => [l.id, i]));
  const images = view.imageItems;
  const stems = imageStems(images);
  const files: ExportedFile[] = [];
  for (const item of images) {
    const lines: string[] = [];
    const warn = (annotationId: string, reason: string) =>
      warnings.push({
        path: `${dir}/labels/${stems.get(item.id)}.txt`,
        itemId: item.id,
        itemName: item.name,
        annotationId,
        reason,
      });
    for (const a of view.annotationsOf(item.id)) {
      if (a.type !== shape) continue;
      const cls = classOf.get(a.label);
      if (cls === undefined) {
        warn(a.id, 'its label is not a box or polygon label of the project, so it was left out');
        continue;
      }
      if (a.type === 'box') {
        if (!isInside(a, item.width, item.height))
          warn(a.id, 'the box reaches outside the image and was clipped to it');
        const b = clipRect(a, item.width, item.height);
        const xc = (b.x + b.w / 2) / item.width;
        const yc = (b.y + b.h / 2) / item.height;
        lines.push([cls, n(xc), n(yc), n(b.w / item.width), n(b.h / item.height)].join(' '));
      } else if (a.type === 'polygon') {
        const outside = a.points.some(
          ([x, y]) => x < 0 || y < 0 || x > item.width || y > item.height,
        );
        if (outside) warn(a.id, 'the polygon reaches outside the image and was clipped to it');
        const coords = a.points.flatMap(([x, y]) => [n(x / item.width), n(y / item.height)]);
        lines.push([cls, ...coords].join(' '));
      }
    }
    const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    files.push({ path: `${dir}/labels/${stems.get(item.id)}.txt`, data: utf8(text) });
  }
  const task = shape === 'box' ? 'YOLO detection' : 'YOLO segmentation';
  files.push({ path: `${dir}/data.yaml`, data: utf8(dataYaml(view, classes, task)) });
  files.push({ path: `${dir}/images.csv`, data: utf8(imagesCsv(images, stems)) });
  return files;
}
