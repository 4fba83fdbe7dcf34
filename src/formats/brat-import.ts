import {
  Problems,
  type ImportProblem,
  type ImportedAnnotation,
  type ImportedRecord,
  type ParseResult,
} from './import-records.ts';
import type { TextFile } from './yolo-import.ts';
import { CodePointIndex } from '../model/offsets.ts';
import { firstLoneSurrogate } from '../text/utf8.ts';
import type { AttributeValues } from '../model/attributes.ts';

// Reads brat standoff (see brat.ts for the lines): each `.ann` with the `.txt` of the same
// path. A discontinuous span `T1<TAB>Type 0 5;9 14<TAB>…` has no equal here (a span is one
// range): it comes in as the range from its first start to its last end, and a note counts
// them. Events (E), normalizations (N) and equivalences (*) have no equal either: skipped and
// counted. A `visual.conf` in the selection turns types back into label names.

const isAnn = (path: string) => /\.ann$/i.test(path);
const isConf = (path: string) => /(^|\/)(visual|annotation|tools|kb_shortcuts)\.conf$/i.test(path);
const stemOf = (path: string) => path.replace(/\.[^./]*$/, '');

/** Whether a selection is brat standoff: it holds an .ann file. */
export function looksLikeBrat(paths: readonly string[]): boolean {
  return paths.some(isAnn);
}

/** Whether a file of the selection belongs to a brat import (.ann, .txt, .conf). */
export function isBratFile(path: string): boolean {
  return isAnn(path) || isConf(path) || /\.txt$/i.test(path);
}

export function parseBrat(files: readonly TextFile[]): ParseResult {
  const problems: ImportProblem[] = [];
  const records: ImportedRecord[] = [];
  const notes: string[] = [];
  const texts = new Map(
    files.filter((f) => /\.txt$/i.test(f.path)).map((f) => [stemOf(f.path), f]),
  );
  const names = displayNames(files.filter((f) => /(^|\/)visual\.conf$/i.test(f.path)));
  const counts = { discontinuous: 0, skipped: 0 };
  const anns = files.filter((f) => isAnn(f.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  if (anns.length === 0) problems.push({ file: 'the selection', reason: 'has no .ann file' });
  for (const ann of anns) {
    const txt = texts.get(stemOf(ann.path));
    if (!txt) {
      problems.push({
        file: ann.path,
        reason: `has no text next to it; choose ${stemOf(ann.path)}.txt too`,
      });
      continue;
    }
    const parsed = parseAnn(ann, txt, names, counts);
    if (parsed.ok) {
      if (parsed.record) records.push(parsed.record);
    } else problems.push(...parsed.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  if (counts.discontinuous > 0)
    notes.push(
      `brat: ${counts.discontinuous} discontinuous span(s) came in as one span from their first start to their last end.`,
    );
  if (counts.skipped > 0)
    notes.push(
      `brat: ${counts.skipped} event, normalization or equivalence line(s), or attributes and notes on them or on relations, were skipped: Airlock has no equal for them.`,
    );
  return { ok: true, records, notes };
}

/** `Type | Display name | Short` lines of visual.conf's [labels] section. */
function displayNames(confs: readonly TextFile[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const conf of confs) {
    let inLabels = false;
    for (const raw of conf.text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line.startsWith('[')) inLabels = line === '[labels]';
      else if (inLabels && line !== '' && !line.startsWith('#')) {
        const [type, name] = line.split('|').map((s) => s.trim());
        if (type && name) names.set(type, name);
      }
    }
  }
  return names;
}

type Parsed =
  { ok: true; record: ImportedRecord | undefined } | { ok: false; problems: ImportProblem[] };

function parseAnn(
  ann: TextFile,
  txt: TextFile,
  names: ReadonlyMap<string, string>,
  counts: { discontinuous: number; skipped: number },
): Parsed {
  const problems = new Problems(ann.path);
  const lone = firstLoneSurrogate(txt.text);
  if (lone >= 0)
    return {
      ok: false,
      problems: [
        {
          file: txt.path,
          reason: `has a lone surrogate at code unit ${lone}, which is not valid Unicode`,
        },
      ],
    };
  const index = new CodePointIndex(txt.text);
  const name = (type: string) => names.get(type) ?? type;
  const spans = new Map<string, ImportedAnnotation>();
  const relations: ImportedAnnotation[] = [];
  const later: { where: string; kind: 'A' | '#'; fields: string[]; note?: string }[] = [];

  ann.text.split('\n').forEach((raw, i) => {
    if (problems.full) return;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const where = `line ${i + 1}`;
    const [id = '', middle = '', ...rest] = line.split('\t');
    const fields = middle.split(' ').filter((f) => f !== '');
    const kind = id[0];
    if (kind === 'T') {
      const [type, ...offsets] = fields;
      const fragments = offsets
        .join(' ')
        .split(';')
        .map((f) => f.trim().split(/\s+/).map(Number));
      if (!type || fragments.some((f) => f.length !== 2 || !f.every(Number.isInteger)))
        return problems.add(where, 'is not "T<n><TAB>Type start end<TAB>text"');
      const starts = fragments.map((f) => f[0]!);
      const ends = fragments.map((f) => f[1]!);
      const start = Math.min(...starts);
      const end = Math.max(...ends);
      if (fragments.some(([s, e]) => s! < 0 || e! <= s! || e! > index.length))
        return problems.add(
          where,
          `has a range outside the text of ${txt.path} (${index.length} code points) or an empty one`,
        );
      const written = rest.join('\t');
      const covered = fragments.map(([s, e]) => index.slice(s!, e!)).join(' ');
      // brat writes the fragments joined by a space; line breaks in the text column vary.
      if (rest.length > 0 && sameText(written) !== sameText(covered))
        return problems.add(
          where,
          `says ${JSON.stringify(written)} but ${txt.path} has ${JSON.stringify(covered)} there; offsets must count Unicode code points`,
        );
      if (fragments.length > 1) counts.discontinuous++;
      spans.set(id, {
        category: name(type),
        where,
        ref: id,
        geometry: { type: 'span', start, end },
      });
    } else if (kind === 'R') {
      const [type, ...args] = fields;
      const arg = (n: string) => args.find((a) => a.startsWith(`${n}:`))?.slice(n.length + 1);
      const from = arg('Arg1');
      const to = arg('Arg2');
      if (!type || from === undefined || to === undefined)
        return problems.add(where, 'is not "R<n><TAB>Type Arg1:T<a> Arg2:T<b>"');
      relations.push({ category: name(type), where, geometry: { type: 'relation', from, to } });
    } else if (kind === 'A' || kind === 'M') {
      later.push({ where, kind: 'A', fields });
    } else if (kind === '#') {
      later.push({ where, kind: '#', fields, note: rest.join('\t') });
    } else if (kind === 'E' || kind === 'N' || kind === '*') {
      counts.skipped++;
    } else problems.add(where, `starts with "${id}", which is not a brat annotation id`);
  });

  // Attributes and notes may come before the span they are on.
  for (const { where, kind, fields, note } of later) {
    const [what, target, value, ...extra] = fields;
    const span = target === undefined ? undefined : spans.get(target);
    if (target !== undefined && /^[ERN*#]/.test(target)) {
      counts.skipped++; // on an event, relation or note: nothing here holds it
      continue;
    }
    if (!what || !span || extra.length > 0 || (kind === '#' && value !== undefined)) {
      problems.add(where, `is not on a span of this file (${fields.join(' ')})`);
      continue;
    }
    if (kind === '#') {
      if (note) span.comment = span.comment ? `${span.comment}\n${note}` : note;
      continue;
    }
    const values: AttributeValues = span.attributes ?? {};
    values[name(what)] = value === undefined ? true : value;
    span.attributes = values;
  }
  if (problems.any) return { ok: false, problems: problems.list };
  const text = txt.text;
  if (text === '') return { ok: true, record: undefined };
  return {
    ok: true,
    record: {
      file: ann.path,
      where: txt.path,
      target: { kind: 'text', text, name: txt.path },
      annotations: [...spans.values(), ...relations],
    },
  };
}

const sameText = (s: string) => s.replace(/\s+/g, ' ').trim();
