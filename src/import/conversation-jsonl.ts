import type { Message, Response } from '../model/conversation.ts';
import { ImportRejected, type Rejection } from './rejection.ts';
import {
  LineProblem,
  isObject,
  recordName,
  type ConversationRecord,
  type JsonObject,
} from './conversation-record.ts';
import { trlRecord } from './conversation-trl.ts';
import { hhRecord, looksLikeHh } from './conversation-hh.ts';
import { messagesRecord, promptResponsesRecord } from './conversation-messages.ts';
import { nonBlankLines } from './jsonl.ts';

// JSONL of conversations, in the shapes labs have (one shape per line is recognised on its own):
//   {"prompt", "<responses field>": [...]}              candidates in a field
//   {"messages": [...], "<responses field>": [...]}     context as messages, candidates in a field
//   {"messages": [...]}                                 OpenAI chat: the last assistant turn is judged
//   {"prompt"?, "chosen", "rejected"}                   TRL, standard or conversational
//   {"chosen": "\n\nHuman: …", "rejected": "…"}         HH-RLHF dialogue strings
// A file lands whole or not at all: every bad line is named with its reason.

export interface ConversationLine {
  /** 1-based physical line number. */
  line: number;
  /** The line's id when it has one, else file:line. */
  name: string;
  context: Message[];
  responses: Response[];
  /** The record's bytes as imported (the line, without its line ending), for its SHA-256. */
  source: string;
}

/** Bad lines reported at most, so a wholly wrong file does not flood the summary. */
export const MAX_BAD_LINES = 20;

/** A file refused with every bad line (up to MAX_BAD_LINES) named. */
export class ConversationFileRejected extends ImportRejected {
  constructor(
    file: string,
    readonly lines: Rejection[],
    readonly more: number,
  ) {
    super(file, lines[0]?.reason ?? 'has bad lines', lines[0]?.line);
  }
}

const WELL_KNOWN = ['responses', 'candidates', 'completions', 'outputs'];

/**
 * Top-level fields holding lists (other than the context's own) in the first lines: the choices
 * for "which field holds the responses?". '' in the answer means "none: the last assistant
 * message of messages".
 */
export function responseFields(text: string, sampleLines = 100): string[] {
  const fields = new Set<string>();
  let seen = 0;
  for (const { content } of nonBlankLines(text)) {
    if (seen++ >= sampleLines) break;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch {
      continue;
    }
    if (!isObject(value)) continue;
    for (const [key, v] of Object.entries(value)) {
      if (Array.isArray(v) && !['messages', 'prompt', 'chosen', 'rejected'].includes(key)) {
        fields.add(key);
      }
    }
  }
  return [...fields].sort((a, b) => rank(a) - rank(b));
}

function rank(field: string): number {
  const i = WELL_KNOWN.indexOf(field);
  return i === -1 ? WELL_KNOWN.length : i;
}

/** Which shape a line is, read from the fields it has. */
export function conversationOf(object: JsonObject, field: string): ConversationRecord {
  const has = (key: string) => Object.hasOwn(object, key);
  if (has('chosen') && has('rejected') && !(field !== '' && has(field))) {
    return !has('prompt') && looksLikeHh(object.chosen) ? hhRecord(object) : trlRecord(object);
  }
  if (has('messages')) return messagesRecord(object, field);
  if (has('prompt')) return promptResponsesRecord(object, field === '' ? 'responses' : field);
  throw new LineProblem(
    'is not a conversation (expected "prompt" with responses, "messages", or "chosen" and "rejected")',
  );
}

/** Every line as a conversation; any bad line refuses the whole file (nothing half-imported). */
export function parseConversations(file: string, text: string, field: string): ConversationLine[] {
  const out: ConversationLine[] = [];
  const bad: Rejection[] = [];
  let more = 0;
  for (const { number, content } of nonBlankLines(text)) {
    try {
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch (e) {
        throw new LineProblem(`is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      }
      if (!isObject(value)) throw new LineProblem('is not a JSON object');
      const record = conversationOf(value, field);
      out.push({
        line: number,
        name: recordName(value) ?? `${file}:${number}`,
        ...record,
        source: content,
      });
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      if (bad.length < MAX_BAD_LINES) bad.push({ file, line: number, reason: error.message });
      else more++;
    }
  }
  if (bad.length > 0) throw new ConversationFileRejected(file, bad, more);
  if (out.length === 0) throw new ImportRejected(file, 'has no conversations to import');
  return out;
}
