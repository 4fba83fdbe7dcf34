import type { ExportView, ExportWarning } from './export-input.ts';
import type { ConversationItem } from '../model/item.ts';
import { fieldResponse } from '../model/conversation.ts';
import { promptMessages } from './conversation-pairs.ts';

export const RATINGS_JSONL_PATH = 'exports/ratings.jsonl';

interface Judgement {
  ratings: Record<string, number>;
  flags: string[];
  rationale?: string;
}

/**
 * Ratings, flags and rationales, one line per conversation item that has any:
 * {"id", "prompt": [context], "responses": [{"id", "content", "ratings": {"<criterion>": value},
 * "flags": [...], "rationale"}]}, responses in the source's order, criteria and flags by label
 * name. What was said of the item as a whole goes in the same keys on the line itself.
 */
export function* ratingsJsonlExport(
  view: ExportView,
  warnings: ExportWarning[],
): Generator<string> {
  for (const item of view.conversationItems) {
    const line = judgements(view, item, warnings);
    if (!line) continue;
    yield JSON.stringify(line) + '\n';
  }
}

function judgements(view: ExportView, item: ConversationItem, warnings: ExportWarning[]) {
  const whole: Judgement = { ratings: {}, flags: [] };
  const per = new Map(item.responses.map((r) => [r.id, { ratings: {}, flags: [] }]));
  let any = false;
  const target = (response: string | undefined, annotationId: string): Judgement | undefined => {
    if (response === undefined) return whole;
    const found = per.get(response);
    if (!found)
      warnings.push({
        path: RATINGS_JSONL_PATH,
        itemId: item.id,
        itemName: item.name,
        annotationId,
        reason: `response "${response}" is not in the item, so the answer was left out`,
      });
    return found;
  };
  for (const a of view.annotationsOf(item.id)) {
    const label = view.label(a.label);
    if (!label) continue;
    if (a.type === 'rating') {
      const j = target(a.response, a.id);
      if (j) j.ratings[label.name] = a.value;
    } else if (a.type === 'class' && label.kinds.includes('flag')) {
      const j = target(fieldResponse(a.field), a.id);
      if (j && !j.flags.includes(label.name)) j.flags.push(label.name);
    } else if (a.type === 'text' && label.kinds.includes('rationale')) {
      const j = target(a.response, a.id);
      if (j) j.rationale = j.rationale === undefined ? a.text : `${j.rationale}\n\n${a.text}`;
    } else continue;
    any = true;
  }
  if (!any) return undefined;
  return {
    id: item.name,
    prompt: promptMessages(item),
    responses: item.responses.map((r) => ({ id: r.id, content: r.content, ...per.get(r.id)! })),
    ...(Object.keys(whole.ratings).length > 0 ? { ratings: whole.ratings } : {}),
    ...(whole.flags.length > 0 ? { flags: whole.flags } : {}),
    ...(whole.rationale !== undefined ? { rationale: whole.rationale } : {}),
  };
}
