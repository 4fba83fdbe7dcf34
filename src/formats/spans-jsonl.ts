import type { ExportView, ExportWarning } from './export-input.ts';
import { CodePointIndex } from '../model/offsets.ts';

export const SPANS_JSONL_PATH = 'exports/spans.jsonl';

export interface SpansLine {
  /** The item's name: the id its source gave it (a JSONL `id`, a file name). */
  id: string;
  text: string;
  spans: { start: number; end: number; label: string; text: string }[];
  /** Names of the item's document classes. */
  classes: string[];
}

/**
 * One line per text item, in item order: the text, its spans (half-open code point offsets,
 * label name, covered text) sorted by start then end, and its document classes.
 */
export function spansJsonlExport(view: ExportView, warnings: ExportWarning[]): string {
  const lines: string[] = [];
  for (const item of view.textItems) {
    const index = new CodePointIndex(item.text);
    const warn = (annotationId: string, reason: string) =>
      warnings.push({
        path: SPANS_JSONL_PATH,
        itemId: item.id,
        itemName: item.name,
        annotationId,
        reason,
      });
    const spans: SpansLine['spans'] = [];
    for (const a of sortedSpans(view.ofType(item.id, 'span'))) {
      const label = view.label(a.label);
      if (!label) {
        warn(a.id, 'its label no longer exists, so it was left out');
        continue;
      }
      if (a.end > index.length || a.start >= a.end) {
        warn(a.id, `its offsets [${a.start}, ${a.end}) are outside the text, so it was left out`);
        continue;
      }
      spans.push({
        start: a.start,
        end: a.end,
        label: label.name,
        text: index.slice(a.start, a.end),
      });
    }
    const classes = view.ofType(item.id, 'class').flatMap((a) => {
      const label = view.label(a.label);
      return label ? [label.name] : [];
    });
    const line: SpansLine = { id: item.name, text: item.text, spans, classes };
    lines.push(JSON.stringify(line));
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** Spans by start, then end, then creation: the order a reader of the text meets them. */
export function sortedSpans<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
  return [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
}
