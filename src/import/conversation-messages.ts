import {
  LineProblem,
  messagesOf,
  promptOf,
  responsesOf,
  type ConversationRecord,
  type JsonObject,
} from './conversation-record.ts';

// Shapes with the candidates in a field of their own: {"prompt", "responses": [...]} and
// {"messages": [...], "<field>": [...]}; and OpenAI chat {"messages": [...]} alone, where the
// last assistant message is the one response (rating a single answer).

export function promptResponsesRecord(object: JsonObject, field: string): ConversationRecord {
  if (!Object.hasOwn(object, field)) throw new LineProblem(`has no "${field}" field`);
  return { context: promptOf(object.prompt), responses: responsesOf(object[field], field) };
}

export function messagesRecord(object: JsonObject, field: string): ConversationRecord {
  const messages = messagesOf(object.messages, 'messages');
  if (field !== '' && Object.hasOwn(object, field)) {
    if (messages.length === 0) throw new LineProblem('"messages" is empty');
    return { context: messages, responses: responsesOf(object[field], field) };
  }
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'assistant') {
    throw new LineProblem(
      field === ''
        ? '"messages" does not end with an assistant message to judge'
        : `has no "${field}" field and "messages" does not end with an assistant message`,
    );
  }
  if (messages.length === 1) throw new LineProblem('"messages" has no context before the answer');
  const model = typeof object.model === 'string' && object.model !== '' ? object.model : undefined;
  return {
    context: messages.slice(0, -1),
    responses: [{ id: 'r1', content: last.content, ...(model !== undefined ? { model } : {}) }],
  };
}
