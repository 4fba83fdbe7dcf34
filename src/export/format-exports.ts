import type { Annotation } from '../model/annotation.ts';
import type { Item } from '../model/item.ts';
import type { Project } from '../model/project.ts';
import type { ExtraFile } from '../bundle/write-bundle.ts';

// The format exports (COCO, YOLO, VOC, spans JSONL, CoNLL) that go under exports/ in every
// bundle. They are made by src/formats/exports.ts; this is the one place that plugs them in.

export type FormatExports = (input: {
  project: Project;
  items: Item[];
  annotations: Annotation[];
}) => ExtraFile[];

/** Set to `formatExports` from src/formats/exports.ts (and its tokenizer) when they land. */
export const bundleFormats: { exports?: FormatExports; tokenizer?: string } = {};
