import type { ExportView, ExportWarning } from './export-input.ts';
import { assistant, decidedPairs, promptMessages } from './conversation-pairs.ts';

export const OPENAI_PREFERENCE_PATH = 'exports/openai-preference.jsonl';

/**
 * OpenAI's preference fine-tuning format, one line per decided pair and nothing else on it
 * (its validator takes exactly these keys): {"input": {"messages": [context]},
 * "preferred_output": [assistant], "non_preferred_output": [assistant]}.
 */
export function* openaiPreferenceExport(
  view: ExportView,
  warnings: ExportWarning[],
): Generator<string> {
  for (const p of decidedPairs(view, OPENAI_PREFERENCE_PATH, warnings))
    yield (
      JSON.stringify({
        input: { messages: promptMessages(p.item) },
        preferred_output: [assistant(p.chosen)],
        non_preferred_output: [assistant(p.rejected)],
      }) + '\n'
    );
}
