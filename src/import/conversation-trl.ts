import type { Message } from '../model/conversation.ts';
import {
  LineProblem,
  checkedText,
  messagesOf,
  promptOf,
  type ConversationRecord,
  type JsonObject,
} from './conversation-record.ts';

// TRL's preference datasets: {"prompt", "chosen", "rejected"}, standard (strings) or
// conversational (lists of messages), also with an implicit prompt (no "prompt": the chosen and
// rejected conversations share every turn but the last). Chosen becomes r1, rejected r2: the
// source's own verdict is not shown to the labeler (responses are shuffled anyway).

/** The conversation before the last turn, and the last turn, which must be the assistant's. */
function split(value: unknown, where: string): { before: Message[]; last: string } {
  if (typeof value === 'string') return { before: [], last: checkedText(value, where) };
  const messages = messagesOf(value, where);
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'assistant') {
    throw new LineProblem(`"${where}" does not end with an assistant message`);
  }
  return { before: messages.slice(0, -1), last: last.content };
}

function sameMessages(a: readonly Message[], b: readonly Message[]): boolean {
  return (
    a.length === b.length && a.every((m, i) => m.role === b[i]!.role && m.content === b[i]!.content)
  );
}

export function trlRecord(object: JsonObject): ConversationRecord {
  const prompt = Object.hasOwn(object, 'prompt') ? promptOf(object.prompt) : [];
  const chosen = split(object.chosen, 'chosen');
  const rejected = split(object.rejected, 'rejected');
  if (!sameMessages(chosen.before, rejected.before)) {
    throw new LineProblem('"chosen" and "rejected" differ before their last turn');
  }
  const context = [...prompt, ...chosen.before];
  if (context.length === 0) throw new LineProblem('has no prompt');
  return {
    context,
    responses: [
      { id: 'r1', content: chosen.last },
      { id: 'r2', content: rejected.last },
    ],
  };
}
