import { ImportRejected } from './rejection.ts';
import { checkText, type TextRecord } from './text-record.ts';

// JSON Lines: one JSON object per line, lines end at LF (a CR before it is allowed).
// Blank lines are skipped but still counted, so line numbers match the labeler's editor.

interface Line {
  /** 1-based physical line number. */
  number: number;
  content: string;
}

/** Non-blank lines, found with indexOf so sampling a huge file does not split all of it. */
export function* nonBlankLines(text: string): Generator<Line> {
  let start = 0;
  for (let number = 1; start <= text.length; number++) {
    const lf = text.indexOf('\n', start);
    const end = lf === -1 ? text.length : lf;
    const content = text.slice(start, text[end - 1] === '\r' ? end - 1 : end);
    if (content.trim() !== '') yield { number, content };
    if (lf === -1) return;
    start = lf + 1;
  }
}

function parseObject(line: string): Record<string, unknown> | undefined {
  const value: unknown = JSON.parse(line);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Top-level fields holding strings in the first `sampleLines` non-blank lines, in order of
 * first appearance: the choices offered for "which field is the text?". Bad lines are
 * skipped here; parseJsonl reports them.
 */
export function jsonlTextFields(text: string, sampleLines = 100): string[] {
  const fields = new Set<string>();
  let seen = 0;
  for (const { content } of nonBlankLines(text)) {
    if (seen++ >= sampleLines) break;
    let object: Record<string, unknown> | undefined;
    try {
      object = parseObject(content);
    } catch {
      continue;
    }
    for (const [key, value] of Object.entries(object ?? {})) {
      if (typeof value === 'string') fields.add(key);
    }
  }
  return [...fields];
}

/** One item per non-blank line; the first bad line rejects the whole file. */
export function parseJsonl(file: string, text: string, field: string): TextRecord[] {
  const records: TextRecord[] = [];
  for (const { number, content } of nonBlankLines(text)) {
    let object: Record<string, unknown> | undefined;
    try {
      object = parseObject(content);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new ImportRejected(file, `is not valid JSON (${why})`, number);
    }
    if (!object) throw new ImportRejected(file, 'is not a JSON object', number);
    if (!Object.hasOwn(object, field)) {
      throw new ImportRejected(file, `has no "${field}" field`, number);
    }
    const value = object[field];
    if (typeof value !== 'string') {
      throw new ImportRejected(file, `field "${field}" is not a string`, number);
    }
    checkText(file, number, value);
    records.push({ name: recordName(object.id) ?? `${file}:${number}`, text: value });
  }
  return records;
}

/** The line's own id, when it has a usable one, so labels can be joined back to the source. */
function recordName(id: unknown): string | undefined {
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}
