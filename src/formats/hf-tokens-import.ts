import {
  Problems,
  result,
  type ImportedAnnotation,
  type ImportedRecord,
  type ParseResult,
} from './import-records.ts';
import { isObject, parseJson } from './json-source.ts';
import { firstLoneSurrogate } from '../text/utf8.ts';
import type { TextFile } from './yolo-import.ts';

/** Whether a JSONL file holds token classification lines (`tokens` and `ner_tags`). */
export function looksLikeHfTokens(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '');
  if (!first) return false;
  try {
    const line: unknown = JSON.parse(first);
    return isObject(line) && Array.isArray(line.tokens) && Array.isArray(line.ner_tags);
  } catch {
    return false;
  }
}

/** Whether a JSON file is a list of tag names (the ClassLabel names of `ner_tags`). */
export function isTagList(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}

const TAG = /^(?:O|([BI])-(.+))$/;

/**
 * Reads Hugging Face token classification JSONL (`{"id"?, "tokens": [...], "ner_tags": [...]}`
 * per line), with the tag names from a JSON list of strings chosen with it (ner_tags.json)
 * when the tags are numbers; tags written as names need none. Tags are IOB2 (an I- after O or
 * another type starts a span, as IOB1 would). As with CoNLL, the text is rebuilt with one
 * space between tokens and matches a text item with the same tokens.
 */
export function parseHfTokens(files: readonly TextFile[]): ParseResult {
  const lists = files.filter((f) => !/\.(jsonl|ndjson)$/i.test(f.path));
  const problems = new Problems(lists[0]?.path ?? 'the selection');
  if (lists.length > 1) {
    problems.add(undefined, `is one of ${lists.length} tag name lists; choose one`);
    return result(problems, []);
  }
  let names: string[] | undefined;
  if (lists[0]) {
    const parsed = parseJson(lists[0].path, lists[0].text);
    if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
    const value = parsed.value;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && TAG.test(v))) {
      problems.add(undefined, 'is not a list of tag names ("O", "B-…", "I-…")');
      return result(problems, []);
    }
    names = value as string[];
  }
  const records: ImportedRecord[] = [];
  const all: ImportedRecord[][] = [];
  const found: Problems[] = [problems];
  for (const file of files.filter((f) => !lists.includes(f))) {
    const p = new Problems(file.path);
    found.push(p);
    all.push(fileRecords(file, names, p));
  }
  for (const list of all) records.push(...list);
  return result(
    found.flatMap((p) => p.list),
    records,
  );
}

function fileRecords(file: TextFile, names: string[] | undefined, problems: Problems) {
  const records: ImportedRecord[] = [];
  file.text.split('\n').forEach((raw, i) => {
    if (problems.full || raw.trim() === '') return;
    const where = `line ${i + 1}`;
    const parsed = parseJson(file.path, raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (!parsed.ok) return problems.add(where, parsed.problem.reason);
    const line = parsed.value;
    if (!isObject(line)) return problems.add(where, 'is not a JSON object');
    const { tokens, ner_tags: tags } = line;
    if (
      !Array.isArray(tokens) ||
      !tokens.every((t) => typeof t === 'string' && t !== '' && !/\s/u.test(t))
    )
      return problems.add(`${where}, "tokens"`, 'is not a list of tokens without whitespace');
    if (!Array.isArray(tags) || tags.length !== tokens.length)
      return problems.add(`${where}, "ner_tags"`, `is not a list of ${tokens.length} tags`);
    const words = tokens as string[];
    if (words.length === 0) return problems.add(`${where}, "tokens"`, 'is empty');
    const text = words.join(' ');
    if (firstLoneSurrogate(text) >= 0)
      return problems.add(`${where}, "tokens"`, 'has a lone surrogate');
    const annotations: ImportedAnnotation[] = [];
    let open: { start: number; first: number; type: string } | undefined;
    let at = 0;
    const close = (endToken: number, end: number) => {
      if (open)
        annotations.push({
          category: open.type,
          where,
          geometry: { type: 'span', start: open.start, end, tokens: [open.first, endToken] },
        });
      open = undefined;
    };
    for (let k = 0; k < words.length; k++) {
      const raw: unknown = tags[k];
      const tag =
        typeof raw === 'string'
          ? raw
          : Number.isInteger(raw) && names
            ? names[raw as number]
            : undefined;
      const m = tag === undefined ? null : TAG.exec(tag);
      if (!m) {
        const why =
          names || typeof raw === 'string'
            ? 'is not a tag'
            : 'is a number, but no tag name list (ner_tags.json) was chosen with the file';
        return problems.add(`${where}, "ner_tags"[${k}]`, `${JSON.stringify(raw)} ${why}`);
      }
      const start = at;
      const end = at + [...words[k]!].length;
      if (!m[1]) close(k, lastEnd(open, at));
      else if (m[1] === 'B' || open?.type !== m[2]) {
        close(k, lastEnd(open, at));
        open = { start, first: k, type: m[2]! };
      }
      at = end + 1;
    }
    close(words.length, at - 1);
    const id = line.id;
    const name =
      typeof id === 'string' && id !== ''
        ? id
        : typeof id === 'number'
          ? String(id)
          : `${file.path}:${i + 1}`;
    records.push({
      file: file.path,
      where,
      target: { kind: 'text', text, name, tokens: words },
      annotations,
    });
  });
  return records;
}

/** Where the open span ends: just before the space in front of token k. */
const lastEnd = (open: unknown, at: number) => (open ? at - 1 : at);
