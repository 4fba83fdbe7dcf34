import {
  Problems,
  result,
  type ImportedAnnotation,
  type ImportedRecord,
  type ParseResult,
} from './import-records.ts';

import type { ConllSource } from '../model/conll-source.ts';

interface Doc {
  line: number;
  /** The -DOCSTART- line as written, when the file has them. */
  docstart?: string;
  /** Sentences of [token, tag, line, the columns between token and tag]. */
  sentences: [string, string, number, string][][];
}

const TAG = /^(?:O|([BI])-(.+))$/;

/**
 * Reads CoNLL-style BIO: one token per line, columns split by spaces or tabs, the token
 * first and the tag last (2-column and CoNLL-2003's 4-column files alike); blank lines end
 * sentences. `-DOCSTART-` lines separate documents; a file without any makes each sentence a
 * document. Tags are IOB2 or IOB1 (an I- after O or another type starts a span).
 *
 * The file does not keep the original spacing, so each document's text is rebuilt with one
 * space between tokens and a line break between sentences. The tokens come along, so the
 * document also matches a text item that tokenizes to the same tokens (import-plan.ts). So
 * does what the text cannot hold (the -DOCSTART- line, the POS and chunk columns, IOB1 or
 * IOB2): a text item made from the document keeps it, and conll.ts writes it back as it was.
 */
export function parseConll(file: string, text: string): ParseResult {
  const problems = new Problems(file);
  const docs = documents(text, problems);
  if (problems.any) return result(problems, []);
  const scheme = startsWithI(docs) ? 'IOB1' : 'IOB2';
  const records: ImportedRecord[] = [];
  for (const doc of docs) {
    const tokens: string[] = [];
    const columns: string[] = [];
    const annotations: ImportedAnnotation[] = [];
    let out = '';
    let codePoints = 0;
    let open: { start: number; first: number; type: string; line: number } | undefined;
    const close = (endToken: number, end: number) => {
      if (!open) return;
      annotations.push({
        category: open.type,
        where: `line ${open.line}`,
        geometry: { type: 'span', start: open.start, end, tokens: [open.first, endToken] },
      });
      open = undefined;
    };
    let lastEnd = 0;
    doc.sentences.forEach((sentence, s) => {
      sentence.forEach(([token, tag, line, middle], k) => {
        const sep = k > 0 ? ' ' : s > 0 ? '\n' : '';
        out += sep + token;
        const start = codePoints + sep.length;
        codePoints = start + [...token].length;
        const m = TAG.exec(tag)!;
        const [, prefix, type] = m;
        if (!prefix || prefix === 'B' || !open || open.type !== type || k === 0) {
          // O ends a span; B- always starts one; so does an I- that cannot continue (IOB1).
          close(tokens.length, lastEnd);
        }
        if (prefix && type && !open) open = { start, first: tokens.length, type, line };
        tokens.push(token);
        columns.push(middle);
        lastEnd = codePoints;
      });
      close(tokens.length, lastEnd);
    });
    if (tokens.length === 0) continue;
    const conll: ConllSource =
      doc.docstart === undefined
        ? { scheme, columns }
        : { docstart: doc.docstart, scheme, columns };
    records.push({
      file,
      where: `line ${doc.line}`,
      target: { kind: 'text', text: out, name: `${file}:${doc.line}`, tokens, conll },
      annotations,
    });
  }
  if (records.length === 0) problems.add(undefined, 'has no tokens to import');
  return result(problems, records);
}

function documents(text: string, problems: Problems): Doc[] {
  const lines = text.split(/\r\n|\r|\n/);
  const hasDocstart = lines.some((l) => l.startsWith('-DOCSTART-'));
  const docs: Doc[] = [];
  let doc: Doc | undefined;
  let sentence: [string, string, number, string][] | undefined;
  lines.forEach((raw, i) => {
    if (problems.full) return;
    const line = i + 1;
    if (raw.startsWith('-DOCSTART-')) {
      doc = {
        line,
        docstart: raw
          .trim()
          .split(/[ \t]+/)
          .join(' '),
        sentences: [],
      };
      docs.push(doc);
      sentence = undefined;
      return;
    }
    if (raw.trim() === '') {
      sentence = undefined;
      return;
    }
    const columns = raw.trim().split(/[ \t]+/);
    if (columns.length < 2)
      return problems.add(`line ${line}`, 'has a token but no tag (expected "token … tag")');
    const tag = columns[columns.length - 1]!;
    if (!TAG.test(tag))
      return problems.add(
        `line ${line}`,
        `tag ${JSON.stringify(tag)} is not O, B-<label> or I-<label>`,
      );
    if (!doc || (!hasDocstart && !sentence)) {
      doc = { line, sentences: [] };
      docs.push(doc);
    }
    if (!sentence) {
      sentence = [];
      doc.sentences.push(sentence);
    }
    sentence.push([columns[0]!, tag, line, columns.slice(1, -1).join(' ')]);
  });
  return docs;
}

/** IOB1 shows itself by a span that starts with I- (after O, another type, or a sentence break). */
function startsWithI(docs: readonly Doc[]): boolean {
  for (const doc of docs) {
    for (const sentence of doc.sentences) {
      let before = 'O';
      for (const [, tag] of sentence) {
        if (tag.startsWith('I-') && (before === 'O' || before.slice(2) !== tag.slice(2)))
          return true;
        before = tag;
      }
    }
  }
  return false;
}
