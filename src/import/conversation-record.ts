import type { Message, Response, Role } from '../model/conversation.ts';
import { firstLoneSurrogate } from '../text/utf8.ts';

// What every conversation shape parses to, and the checks they share. A shape's parser gets
// one JSON object (one JSONL line) and throws LineProblem with the reason when it cannot
// read it; the caller adds the file and line.

export interface ConversationRecord {
  context: Message[];
  responses: Response[];
}

export class LineProblem extends Error {
  override name = 'LineProblem';
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Roles as labs write them; OpenAI's "developer" is a system message, "function" a tool's. */
const ROLE_NAMES: Record<string, Role> = {
  system: 'system',
  developer: 'system',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  tool: 'tool',
  function: 'tool',
  ipython: 'tool',
};

export function checkedText(value: string, where: string): string {
  const at = firstLoneSurrogate(value);
  if (at !== -1) throw new LineProblem(`${where} contains a lone surrogate at code unit ${at}`);
  return value;
}

/**
 * A message's content: a string, or OpenAI's list of parts when every part is text (the parts
 * are joined as they are, nothing added). Images and audio cannot be judged here: refused.
 */
export function contentOf(value: unknown, where: string): string {
  if (typeof value === 'string') return checkedText(value, where);
  if (Array.isArray(value)) {
    let text = '';
    for (const [i, part] of value.entries()) {
      if (!isObject(part) || part.type !== 'text' || typeof part.text !== 'string') {
        throw new LineProblem(`${where} part ${i + 1} is not a text part`);
      }
      text += part.text;
    }
    return checkedText(text, where);
  }
  throw new LineProblem(`${where} has no text content`);
}

export function messageOf(value: unknown, where: string): Message {
  if (!isObject(value)) throw new LineProblem(`${where} is not a message object`);
  const role = typeof value.role === 'string' ? ROLE_NAMES[value.role.toLowerCase()] : undefined;
  if (!role) throw new LineProblem(`${where} has an unknown role ${JSON.stringify(value.role)}`);
  return { role, content: contentOf(value.content, where) };
}

export function messagesOf(value: unknown, where: string): Message[] {
  if (!Array.isArray(value)) throw new LineProblem(`"${where}" is not a list of messages`);
  return value.map((m, i) => messageOf(m, `${where} message ${i + 1}`));
}

/** A prompt: a string (one user message) or a list of messages. */
export function promptOf(value: unknown, where = 'prompt'): Message[] {
  if (typeof value === 'string') return [{ role: 'user', content: checkedText(value, where) }];
  return messagesOf(value, where);
}

const CONTENT_KEYS = ['content', 'text', 'response', 'completion', 'output'];
const ID_KEYS = ['id', 'response_id'];
const MODEL_KEYS = ['model', 'model_name', 'model_id'];

function firstString(object: JsonObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/**
 * Candidate responses: strings, or objects with the text under content/text/response/
 * completion/output, an optional id and model. Ids kept from the source, else r1, r2, …;
 * two responses with one id are refused (answers refer to responses by id).
 */
export function responsesOf(value: unknown, where: string): Response[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new LineProblem(`"${where}" is not a non-empty list of responses`);
  }
  const responses = value.map((entry, i): Response => {
    const at = `${where} ${i + 1}`;
    const fallback = `r${i + 1}`;
    if (typeof entry === 'string') return { id: fallback, content: checkedText(entry, at) };
    if (!isObject(entry)) throw new LineProblem(`${at} is neither text nor an object`);
    const key = CONTENT_KEYS.find((k) => Object.hasOwn(entry, k));
    if (key === undefined) throw new LineProblem(`${at} has no content`);
    const content =
      Array.isArray(entry[key]) && key === 'content'
        ? contentOf(entry[key], at)
        : typeof entry[key] === 'string'
          ? checkedText(entry[key], at)
          : undefined;
    if (content === undefined) throw new LineProblem(`${at} "${key}" is not text`);
    const model = firstString(entry, MODEL_KEYS);
    return {
      id: firstString(entry, ID_KEYS) ?? fallback,
      content,
      ...(model !== undefined ? { model } : {}),
    };
  });
  return withUniqueIds(responses);
}

export function withUniqueIds(responses: Response[]): Response[] {
  const ids = new Set<string>();
  for (const r of responses) {
    if (ids.has(r.id)) throw new LineProblem(`two responses have the id "${r.id}"`);
    ids.add(r.id);
  }
  return responses;
}

/** The line's own id, when it has a usable one, so answers can be joined back to the source. */
export function recordName(object: JsonObject): string | undefined {
  return firstString(object, ['id', 'prompt_id', 'conversation_id', 'uid']);
}
