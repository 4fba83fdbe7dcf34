import type { Annotation } from '../model/annotation.ts';
import type { Item } from '../model/item.ts';
import type { Project } from '../model/project.ts';
import type { ExtraFile } from '../bundle/write-bundle.ts';
import type { ManifestWarning } from '../bundle/manifest.ts';
import { CONLL_TOKENIZER, exportFormats, type ExportWarning } from '../formats/exports.ts';

// The format exports (COCO, YOLO, VOC, spans JSONL, CoNLL) that go under exports/ in every
// bundle. They are made by src/formats/exports.ts; this is the one place that plugs them in.

export type FormatExports = (input: {
  project: Project;
  items: Item[];
  annotations: Annotation[];
  widenSpans?: boolean;
}) => { files: ExtraFile[]; warnings: ExportWarning[] };

/** The formats every bundle carries, and the tokenizer its conll.txt was cut with. */
export const bundleFormats: { exports?: FormatExports; tokenizer?: string } = {
  exports: exportFormats,
  tokenizer: CONLL_TOKENIZER,
};

/** A warning as the manifest lists it (label-bundle-v1, Additions within version 1). */
export function manifestWarning(w: ExportWarning): ManifestWarning {
  return {
    file: w.path,
    item: w.itemId === '' ? null : w.itemId,
    annotation: w.annotationId ?? null,
    reason: w.reason,
  };
}
