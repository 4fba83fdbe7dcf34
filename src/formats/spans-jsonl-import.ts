import {
  Problems,
  result,
  type ImportedAnnotation,
  type ImportedRecord,
  type ParseResult,
} from './import-records.ts';
import { isObject, parseJson } from './json-source.ts';
import { CodePointIndex } from '../model/offsets.ts';
import { firstLoneSurrogate } from '../text/utf8.ts';
import { lineLabels } from './doccano-prodigy.ts';

/**
 * Reads spans JSONL as Airlock writes it: per line `{"id", "text", "spans": [{"start", "end",
 * "label", "text"?}], "classes": [...]}`, offsets in code points — and doccano's and Prodigy's
 * JSONL (doccano-prodigy.ts). A span's `text`, when given, must equal the text it covers: this
 * is what catches offsets counted in UTF-16 or bytes.
 */
export function parseSpansJsonl(file: string, text: string): ParseResult {
  const problems = new Problems(file);
  const records: ImportedRecord[] = [];
  const skipped = { reject: 0, ignore: 0 };
  const dialects = { doccano: 0, prodigy: 0 };
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if (problems.full) return;
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (content.trim() === '') return;
    const where = `line ${i + 1}`;
    const parsed = parseJson(file, content);
    if (!parsed.ok) return problems.add(where, parsed.problem.reason);
    const line = parsed.value;
    if (!isObject(line)) return problems.add(where, 'is not a JSON object');
    // doccano 1.x wrote the text as "data".
    if (line.text === undefined && typeof line.data === 'string') line.text = line.data;
    if (typeof line.text !== 'string')
      return problems.add(`${where}, "text"`, 'is missing or not a string');
    if (line.text.trim() === '') return problems.add(`${where}, "text"`, 'is empty');
    const lone = firstLoneSurrogate(line.text);
    if (lone >= 0)
      return problems.add(
        `${where}, "text"`,
        `has a lone surrogate at code unit ${lone}, which is not valid Unicode`,
      );
    const id =
      typeof line.id === 'string' && line.id !== ''
        ? line.id
        : typeof line.id === 'number'
          ? String(line.id)
          : `${file}:${i + 1}`;
    const found = lineLabels(line);
    if (found.skipped) return void skipped[found.skipped]++;
    if (found.problem) return problems.add(`${where}, ${found.problem.at}`, found.problem.reason);
    if (found.dialect) dialects[found.dialect]++;
    const index = new CodePointIndex(line.text);
    const annotations: ImportedAnnotation[] = [];
    found.spans.forEach((span) => {
      const at = `${where}, ${span.at}`;
      const { start, end, label } = span;
      if (typeof label !== 'string' || label.trim() === '')
        return problems.add(`${at}.label`, 'is missing or empty');
      if (!Number.isInteger(start) || !Number.isInteger(end))
        return problems.add(at, '"start" and "end" must be whole numbers');
      const s = start as number;
      const e = end as number;
      if (s < 0 || e <= s || e > index.length) {
        return problems.add(
          at,
          `[${s}, ${e}) is not a non-empty range inside the text (${index.length} code points)`,
        );
      }
      const covered = index.slice(s, e);
      if (span.text !== undefined && span.text !== covered) {
        return problems.add(
          `${at}.text`,
          `is ${JSON.stringify(span.text)} but text[${s}:${e}] is ${JSON.stringify(covered)}; offsets must count Unicode code points`,
        );
      }
      annotations.push({
        category: label,
        where: at,
        geometry: { type: 'span', start: s, end: e },
      });
    });
    found.classes.forEach(({ name, at }) => {
      if (typeof name !== 'string' || name.trim() === '')
        return problems.add(`${where}, ${at}`, 'is not a class name');
      annotations.push({ category: name, where: `${where}, ${at}`, geometry: { type: 'class' } });
    });
    records.push({ file, where, target: { kind: 'text', text: line.text, name: id }, annotations });
  });
  const answered = skipped.reject + skipped.ignore;
  if (records.length === 0 && !problems.any && answered === 0)
    problems.add(undefined, 'has no lines to import');
  const notes: string[] = [];
  if (dialects.doccano > 0)
    notes.push(`${file}: ${dialects.doccano} line(s) read as doccano JSONL.`);
  if (dialects.prodigy > 0)
    notes.push(`${file}: ${dialects.prodigy} line(s) read as Prodigy JSONL.`);
  if (answered > 0)
    notes.push(
      `${file}: ${answered} Prodigy line(s) answered "reject" (${skipped.reject}) or "ignore" (${skipped.ignore}) were skipped: they hold no labels.`,
    );
  return result(problems, records, notes);
}
