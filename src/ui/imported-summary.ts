import type { ImportedSummary } from '../import/annotation-importer.ts';
import { plural } from './format.ts';

/** One sentence on what an annotation import added. */
export function describeImported(s: ImportedSummary): string {
  const skipped =
    s.duplicates > 0 ? `; ${plural(s.duplicates, 'duplicate')} already there, skipped` : '';
  if (s.annotations === 0 && s.newItems === 0) {
    return s.duplicates > 0
      ? `Nothing new, 0 added: all ${plural(s.duplicates, 'annotation')} in these files are already there.`
      : 'These files hold no annotations.';
  }
  const items = s.newItems > 0 ? `; ${plural(s.newItems, 'new item')}` : '';
  return `${plural(s.annotations, 'annotation')} added to ${plural(s.items, 'item')}${items}${skipped}.`;
}
