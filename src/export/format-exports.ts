import type { Annotation } from '../model/annotation.ts';
import type { Item } from '../model/item.ts';
import type { Project } from '../model/project.ts';
import type { ExtraFile } from '../bundle/write-bundle.ts';
import { CONLL_TOKENIZER, formatExports } from '../formats/exports.ts';

// The format exports (COCO, YOLO, VOC, spans JSONL, CoNLL) that go under exports/ in every
// bundle. They are made by src/formats/exports.ts; this is the one place that plugs them in.

export type FormatExports = (input: {
  project: Project;
  items: Item[];
  annotations: Annotation[];
}) => ExtraFile[];

/** The formats every bundle carries, and the tokenizer its conll.txt was cut with. */
export const bundleFormats: { exports?: FormatExports; tokenizer?: string } = {
  exports: formatExports,
  tokenizer: CONLL_TOKENIZER,
};
