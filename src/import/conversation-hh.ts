import type { Message } from '../model/conversation.ts';
import {
  LineProblem,
  checkedText,
  type ConversationRecord,
  type JsonObject,
} from './conversation-record.ts';

// Anthropic's HH-RLHF: "chosen" and "rejected" are whole dialogues in one string,
// "\n\nHuman: …\n\nAssistant: …". Turn text is kept exactly as it stands between the markers.

const MARKER = /\n\n(Human|Assistant):(?: |(?=\n\n)|$)/g;

export function looksLikeHh(value: unknown): boolean {
  return typeof value === 'string' && /^(?:\n\n)?Human:/.test(value);
}

export function hhTurns(text: string, where: string): Message[] {
  const turns: Message[] = [];
  // Some copies drop the leading blank line; the markers are found the same way.
  if (text.startsWith('Human:')) text = `\n\n${text}`;
  const marks = [...text.matchAll(MARKER)];
  if (marks.length === 0 || text.slice(0, marks[0]!.index).trim() !== '') {
    throw new LineProblem(`"${where}" does not start with "\\n\\nHuman:"`);
  }
  marks.forEach((mark, i) => {
    const start = mark.index + mark[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    turns.push({
      role: mark[1] === 'Human' ? 'user' : 'assistant',
      content: checkedText(text.slice(start, end), where),
    });
  });
  return turns;
}

function lastAssistant(turns: Message[], where: string): { before: Message[]; last: string } {
  const last = turns[turns.length - 1];
  if (!last || last.role !== 'assistant') {
    throw new LineProblem(`"${where}" does not end with an Assistant turn`);
  }
  return { before: turns.slice(0, -1), last: last.content };
}

export function hhRecord(object: JsonObject): ConversationRecord {
  if (typeof object.chosen !== 'string' || typeof object.rejected !== 'string') {
    throw new LineProblem('"chosen" and "rejected" must both be dialogue strings');
  }
  const chosen = lastAssistant(hhTurns(object.chosen, 'chosen'), 'chosen');
  const rejected = lastAssistant(hhTurns(object.rejected, 'rejected'), 'rejected');
  const same =
    chosen.before.length === rejected.before.length &&
    chosen.before.every(
      (m, i) => m.role === rejected.before[i]!.role && m.content === rejected.before[i]!.content,
    );
  if (!same) throw new LineProblem('"chosen" and "rejected" differ before their last turn');
  return {
    context: chosen.before,
    responses: [
      { id: 'r1', content: chosen.last },
      { id: 'r2', content: rejected.last },
    ],
  };
}
