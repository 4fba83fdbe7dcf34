import type { ExportView, ExportWarning } from './export-input.ts';
import type { ConversationItem } from '../model/item.ts';
import type { Message, Response } from '../model/conversation.ts';

// The decided pairs behind preference.jsonl and openai-preference.jsonl: one per preference
// that is not a tie, and one per pair of responses in different tiers of a ranking (better
// first). Ties carry no preference: they are left out and reported.

export interface DecidedPair {
  item: ConversationItem;
  annotationId: string;
  annotator: string;
  chosen: Response;
  rejected: Response;
  /** The preference's strength; rankings have none. */
  strength: number | null;
}

/** The item's context as chat messages, exactly as imported. */
export function promptMessages(item: ConversationItem): Message[] {
  return item.context.map((m) => ({ role: m.role, content: m.content }));
}

export function assistant(response: Response): Message {
  return { role: 'assistant', content: response.content };
}

export function decidedPairs(
  view: ExportView,
  path: string,
  warnings: ExportWarning[],
): DecidedPair[] {
  const pairs: DecidedPair[] = [];
  for (const item of view.conversationItems) {
    const byId = new Map(item.responses.map((r) => [r.id, r]));
    const warn = (annotationId: string, reason: string) =>
      warnings.push({ path, itemId: item.id, itemName: item.name, annotationId, reason });
    for (const a of view.annotationsOf(item.id)) {
      if (a.type === 'preference') {
        if (a.choice === 'tie') {
          warn(a.id, 'a tie prefers neither response, so it was left out');
          continue;
        }
        const other = a.shown[0] === a.choice ? a.shown[1] : a.shown[0];
        const chosen = byId.get(a.choice);
        const rejected = byId.get(other);
        if (!chosen || !rejected) {
          warn(a.id, 'it names a response the item does not have, so it was left out');
          continue;
        }
        pairs.push({
          item,
          annotationId: a.id,
          annotator: a.annotator,
          chosen,
          rejected,
          strength: a.strength ?? 1,
        });
      } else if (a.type === 'ranking') {
        const tiers = a.order.map((tier) => tier.map((id) => byId.get(id)));
        if (tiers.some((tier) => tier.some((r) => r === undefined))) {
          warn(a.id, 'it names a response the item does not have, so it was left out');
          continue;
        }
        const known = tiers as Response[][];
        if (known.some((tier) => tier.length > 1)) {
          warn(
            a.id,
            'responses ranked equal (a tie) give no pair with each other; those pairs were left out',
          );
        }
        for (let i = 0; i < known.length; i++) {
          for (let j = i + 1; j < known.length; j++) {
            for (const chosen of known[i]!) {
              for (const rejected of known[j]!) {
                pairs.push({
                  item,
                  annotationId: a.id,
                  annotator: a.annotator,
                  chosen,
                  rejected,
                  strength: null,
                });
              }
            }
          }
        }
      }
    }
  }
  return pairs;
}
