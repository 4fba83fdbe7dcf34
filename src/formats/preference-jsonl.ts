import type { ExportView, ExportWarning } from './export-input.ts';
import { annotatorId } from './annotator-id.ts';
import { assistant, decidedPairs, promptMessages } from './conversation-pairs.ts';

export const PREFERENCE_JSONL_PATH = 'exports/preference.jsonl';

/**
 * TRL's conversational preference type, one line per decided pair: {"prompt": [context],
 * "chosen": [assistant], "rejected": [assistant]} plus "id" (the item's name, the id its source
 * gave it), "annotator" (key id) and "strength" (null for a pair from a ranking). Lines are
 * made one at a time: the file may be longer than any one string.
 */
export function* preferenceJsonlExport(
  view: ExportView,
  warnings: ExportWarning[],
): Generator<string> {
  for (const p of decidedPairs(view, PREFERENCE_JSONL_PATH, warnings))
    yield (
      JSON.stringify({
        id: p.item.name,
        prompt: promptMessages(p.item),
        chosen: [assistant(p.chosen)],
        rejected: [assistant(p.rejected)],
        annotator: annotatorId(p.annotator),
        strength: p.strength,
      }) + '\n'
    );
}
