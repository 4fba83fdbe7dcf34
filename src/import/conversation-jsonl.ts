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

/** One non-blank line as a conversation; throws LineProblem with the reason when it is not one. */
export function parseConversationLine(
  file: string,
  number: number,
  content: string,
  field: string,
): ConversationLine {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (e) {
    throw new LineProblem(`is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(value)) throw new LineProblem('is not a JSON object');
  const record = conversationOf(value, field);
  return {
    line: number,
    name: recordName(value) ?? `${file}:${number}`,
    ...record,
    source: content,
  };
}

/** Collects a file's bad lines (up to MAX_BAD_LINES named, the rest counted). */
export class BadLines {
  readonly lines: Rejection[] = [];
  more = 0;

  constructor(readonly file: string) {}

  add(line: number, problem: LineProblem): void {
    if (this.lines.length < MAX_BAD_LINES)
      this.lines.push({ file: this.file, line, reason: problem.message });
    else this.more++;
  }

  get any(): boolean {
    return this.lines.length > 0;
  }

  rejection(): ConversationFileRejected {
    return new ConversationFileRejected(this.file, this.lines, this.more);
  }
}

/** Every line as a conversation; any bad line refuses the whole file (nothing half-imported). */
export function parseConversations(file: string, text: string, field: string): ConversationLine[] {
  const out: ConversationLine[] = [];
  const bad = new BadLines(file);
  for (const { number, content } of nonBlankLines(text)) {
    try {
      out.push(parseConversationLine(file, number, content, field));
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      bad.add(number, error);
    }
  }
  if (bad.any) throw bad.rejection();
  if (out.length === 0) throw new ImportRejected(file, 'has no conversations to import');
  return out;
}
