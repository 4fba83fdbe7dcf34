import { ExportView, compare, utf8 } from './export-input.ts';
import type { ExportInput, ExportedFile, ExportWarning } from './export-input.ts';
import { COCO_PATH, cocoExport } from './coco.ts';
import { YOLO_DIR, YOLO_SEG_DIR, yoloExport } from './yolo.ts';
import { VOC_DIR, vocExport } from './voc.ts';
import { warnLeftOut } from './left-out.ts';
import { imageStems } from './stems.ts';
import { yoloObbExport } from './yolo-obb.ts';
import { dotaExport } from './dota.ts';
import { pngMasksExport } from './png-masks.ts';
import { SPANS_JSONL_PATH, spansJsonlExport } from './spans-jsonl.ts';
import { CONLL_PATH, conllExport } from './conll.ts';
import { LABEL_STUDIO_PATH, labelStudioExport } from './label-studio.ts';
import { CLASSES_CSV_PATH, classesCsvExport } from './classes-csv.ts';
import { conversationExports } from './conversation-exports.ts';
import { bratExport } from './brat.ts';
import { cvatExport } from './cvat.ts';
import { hfTokensExport } from './hf-tokens.ts';

export type { ExportInput, ExportedFile, ExportWarning } from './export-input.ts';
export { CONLL_TOKENIZER } from './tokenizer.ts';
export { CONLL_PATH } from './conll.ts';

export interface FormatExports {
  /** Sorted by path (byte order), as the bundle manifest lists them. */
  files: ExportedFile[];
  /** What could not be written faithfully (spans cutting tokens, boxes outside the image…). */
  warnings: ExportWarning[];
}

/**
 * Every standard-format file for the bundle's `exports/` folder, each only when there is
 * something for it (label-bundle-v1): COCO and Label Studio for image items, YOLO and VOC for
 * boxes, YOLO segmentation for polygons, YOLO-OBB and DOTA for rotated boxes, PNG index masks
 * for masks, CVAT XML for image items, spans JSONL for text items, CoNLL, brat standoff and
 * Hugging Face token JSONL for spans, the
 * classes CSV when the project has class labels. Pure: the same input gives the same bytes.
 * Image shapes a format has no place for (points in YOLO, polygons in VOC, masks in Label
 * Studio…) are left out of it, each one warned (left-out.ts).
 */
export function exportFormats(input: ExportInput): FormatExports {
  const view = new ExportView(input);
  const warnings: ExportWarning[] = [];
  const files: ExportedFile[] = [];
  const json = (path: string, value: unknown) =>
    files.push({ path, data: utf8(`${JSON.stringify(value)}\n`) });
  const hasImages = view.imageItems.length > 0;
  const hasTexts = view.textItems.length > 0;

  if (hasImages) {
    json(COCO_PATH, cocoExport(view, warnings));
    files.push(cvatExport(view, warnings));
  }
  const stems = hasImages ? imageStems(view.imageItems) : new Map<string, string>();
  const stemOf = (item: { id: string }) => stems.get(item.id) ?? item.id;
  if (view.has('box')) {
    files.push(...yoloExport(view, 'box', warnings));
    files.push(...vocExport(view, warnings));
    warnLeftOut(view, warnings, 'VOC', (i) => `${VOC_DIR}/${stemOf(i)}.xml`);
  }
  if (view.has('polygon')) files.push(...yoloExport(view, 'polygon', warnings));
  // Once for YOLO, in the first of its folders that is written.
  const yoloDir = view.has('box') ? YOLO_DIR : view.has('polygon') ? YOLO_SEG_DIR : undefined;
  if (yoloDir) warnLeftOut(view, warnings, 'YOLO', (i) => `${yoloDir}/labels/${stemOf(i)}.txt`);
  if (view.has('rbox')) {
    files.push(...yoloObbExport(view, warnings));
    files.push(...dotaExport(view, warnings));
  }
  if (view.has('mask')) files.push(...pngMasksExport(view, warnings));
  if (hasTexts)
    files.push({ path: SPANS_JSONL_PATH, data: utf8(spansJsonlExport(view, warnings)) });
  if (view.has('span')) {
    files.push({ path: CONLL_PATH, data: utf8(conllExport(view, warnings)) });
    files.push(...bratExport(view, warnings));
    files.push(...hfTokensExport(view, warnings));
  }
  if (hasTexts || hasImages) {
    json(LABEL_STUDIO_PATH, labelStudioExport(view, warnings));
    warnLeftOut(view, warnings, 'Label Studio', () => LABEL_STUDIO_PATH);
  }
  if (view.items.length > 0 && view.labelsOfKinds(['text_class', 'image_class']).length > 0) {
    files.push({ path: CLASSES_CSV_PATH, data: utf8(classesCsvExport(view)) });
  }
  files.push(...conversationExports(view, warnings));
  files.sort((a, b) => compare(a.path, b.path));
  return { files, warnings };
}

/** The files of exportFormats alone (the bundle writer's entry point). */
export function formatExports(input: ExportInput): ExportedFile[] {
  return exportFormats(input).files;
}

/** Whether the exports include conll.txt, which makes the manifest name its tokenizer. */
export function hasConll(files: readonly ExportedFile[]): boolean {
  return files.some((f) => f.path === CONLL_PATH);
}
