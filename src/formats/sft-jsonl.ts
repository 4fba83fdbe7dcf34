import type { ExportView, ExportWarning } from './export-input.ts';
import { promptMessages } from './conversation-pairs.ts';

export const SFT_JSONL_PATH = 'exports/sft.jsonl';

/**
 * Supervised fine-tuning data: one line per rewrite, {"messages": [context…, {"role":
 * "assistant", "content": <rewrite>}]}. An empty rewrite teaches nothing: left out, reported.
 */
export function* sftJsonlExport(view: ExportView, warnings: ExportWarning[]): Generator<string> {
  for (const item of view.conversationItems) {
    for (const a of view.annotationsOf(item.id)) {
      if (a.type !== 'text' || !view.label(a.label)?.kinds.includes('rewrite')) continue;
      if (a.text.trim() === '') {
        warnings.push({
          path: SFT_JSONL_PATH,
          itemId: item.id,
          itemName: item.name,
          annotationId: a.id,
          reason: 'the rewrite is empty, so it was left out',
        });
        continue;
      }
      const messages = [...promptMessages(item), { role: 'assistant', content: a.text }];
      yield JSON.stringify({ messages }) + '\n';
    }
  }
}
