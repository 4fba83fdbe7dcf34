import {
  utf8Lines,
  type ExportView,
  type ExportWarning,
  type ExportedFile,
} from './export-input.ts';
import { PREFERENCE_JSONL_PATH, preferenceJsonlExport } from './preference-jsonl.ts';
import { OPENAI_PREFERENCE_PATH, openaiPreferenceExport } from './openai-preference.ts';
import { SFT_JSONL_PATH, sftJsonlExport } from './sft-jsonl.ts';
import { RATINGS_JSONL_PATH, ratingsJsonlExport } from './ratings-jsonl.ts';

/**
 * The four files for conversation items (label-bundle-v1, "Item kind conversation"), in every
 * bundle that has conversation items, empty when nobody answered yet. Ties and other answers a
 * file cannot hold go to `warnings` once (openai-preference repeats preference's pairs).
 */
export function conversationExports(view: ExportView, warnings: ExportWarning[]): ExportedFile[] {
  if (view.conversationItems.length === 0) return [];
  return [
    { path: PREFERENCE_JSONL_PATH, data: utf8Lines(preferenceJsonlExport(view, warnings)) },
    { path: OPENAI_PREFERENCE_PATH, data: utf8Lines(openaiPreferenceExport(view, [])) },
    { path: SFT_JSONL_PATH, data: utf8Lines(sftJsonlExport(view, warnings)) },
    { path: RATINGS_JSONL_PATH, data: utf8Lines(ratingsJsonlExport(view, warnings)) },
  ];
}
