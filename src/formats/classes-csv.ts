import type { ExportView } from './export-input.ts';
import { csvLines } from './csv-text.ts';

export const CLASSES_CSV_PATH = 'exports/classes.csv';

/**
 * Document and image classes as a table: one row per item (item_name, item_id, kind), then one
 * column per class label of the project, in its order, holding 1 when the item has the class
 * and 0 when not. csvLines escapes every cell (CSV injection).
 */
export function classesCsvExport(view: ExportView): string {
  const labels = view.labelsOfKinds(['text_class', 'image_class']);
  const header = ['item_name', 'item_id', 'kind', ...labels.map((l) => l.name)];
  const rows = view.items.map((item) => {
    const chosen = new Set(view.ofType(item.id, 'class').map((a) => a.label));
    return [item.name, item.id, item.kind, ...labels.map((l) => (chosen.has(l.id) ? '1' : '0'))];
  });
  return csvLines([header, ...rows]);
}
