import type { ExportView, ExportWarning, ExportedFile } from './export-input.ts';
import { utf8 } from './export-input.ts';
import { CodePointIndex } from '../model/offsets.ts';
import type { AttributeValue } from '../model/attributes.ts';
import { imageStems } from './stems.ts';

// brat standoff (brat.nlplab.org/standoff.html): per document `<stem>.txt` (the text, byte for
// byte) and `<stem>.ann`, one annotation a line, tab-separated:
//   T1<TAB>Type start end<TAB>covered text      a span; offsets are Python str offsets, i.e.
//                                               code points of the .txt, as ours
//   R1<TAB>Type Arg1:T1 Arg2:T2                 a relation between two spans
//   A1<TAB>Name T1 [Value]                      an attribute: binary without a value
//   #1<TAB>AnnotatorNotes T1<TAB>note           a note on a span (our span comment)
// Type and attribute names cannot hold whitespace (it separates the fields), so it becomes `_`;
// visual.conf maps such a type back to the label's name, and the import reads it.

export const BRAT_DIR = 'exports/brat/';

/** A label or attribute name as a brat type: no whitespace, none of the .conf separators. */
export function bratType(name: string): string {
  const safe = name.trim().replace(/[\s|:,=<>]+/g, '_');
  return safe === '' ? '_' : safe;
}

/** A brat attribute value, or undefined when brat has no way to write it. */
function attributeValue(value: AttributeValue): string | null | undefined {
  if (value === true) return null; // binary: present means yes
  if (value === false) return undefined; // binary: absent means no
  const text = String(value);
  return text === '' || /\s/.test(text) ? undefined : text;
}

/** The .txt and .ann of every text item, plus annotation.conf and visual.conf for the collection. */
export function bratExport(view: ExportView, warnings: ExportWarning[]): ExportedFile[] {
  const files: ExportedFile[] = [];
  const types = new TypeNames();
  const entities = new Set<string>();
  const relations = new Set<string>();
  const attributes = new Map<string, Set<string>>();
  const stems = imageStems(view.textItems);

  for (const item of view.textItems) {
    const stem = stems.get(item.id)!;
    const annPath = `${BRAT_DIR}${stem}.ann`;
    const warn = (annotationId: string, reason: string) =>
      warnings.push({ path: annPath, itemId: item.id, itemName: item.name, annotationId, reason });
    const index = new CodePointIndex(item.text);
    const lines: string[] = [];
    const tOf = new Map<string, string>();
    let notes = 0;
    let attrs = 0;
    for (const a of view.annotationsOf(item.id)) {
      const label = view.label(a.label);
      if (a.type === 'class') {
        warn(a.id, 'brat standoff has no document classes, so this class was left out');
        continue;
      }
      if (a.type !== 'span' || a.field !== undefined) continue;
      if (!label) {
        warn(a.id, 'its label no longer exists, so it was left out');
        continue;
      }
      if (a.end > index.length || a.start >= a.end) {
        warn(a.id, `its offsets [${a.start}, ${a.end}) are outside the text, so it was left out`);
        continue;
      }
      const type = types.of(label.name);
      entities.add(type);
      const t = `T${tOf.size + 1}`;
      tOf.set(a.id, t);
      // The text column is for people; a line break in it would end the line.
      const covered = index.slice(a.start, a.end).replace(/[\r\n\t]/g, ' ');
      lines.push(`${t}\t${type} ${a.start} ${a.end}\t${covered}`);
      for (const [name, value] of Object.entries(a.attributes ?? {})) {
        const written = attributeValue(value);
        if (written === undefined) {
          if (value !== false)
            warn(
              a.id,
              `its attribute "${name}" = ${JSON.stringify(value)} has whitespace or is empty, which brat cannot write, so it was left out`,
            );
          continue;
        }
        const attr = types.attribute(name);
        const values = attributes.get(attr) ?? new Set<string>();
        if (written !== null) values.add(written);
        attributes.set(attr, values);
        lines.push(`A${++attrs}\t${attr} ${t}${written === null ? '' : ` ${written}`}`);
      }
      if (a.comment) {
        lines.push(`#${++notes}\tAnnotatorNotes ${t}\t${a.comment.replace(/[\r\n\t]+/g, ' ')}`);
      }
    }
    let r = 0;
    for (const a of view.ofType(item.id, 'relation')) {
      const label = view.label(a.label);
      const from = tOf.get(a.from);
      const to = tOf.get(a.to);
      if (!label || from === undefined || to === undefined) {
        warn(
          a.id,
          'it does not link two exported spans (or its label is gone), so it was left out',
        );
        continue;
      }
      const type = types.of(label.name);
      relations.add(type);
      lines.push(`R${++r}\t${type} Arg1:${from} Arg2:${to}`);
    }
    files.push({ path: `${BRAT_DIR}${stem}.txt`, data: utf8(item.text) });
    files.push({ path: annPath, data: utf8(lines.map((l) => `${l}\n`).join('')) });
  }
  if (files.length === 0) return files;
  files.push({
    path: `${BRAT_DIR}annotation.conf`,
    data: utf8(annotationConf(entities, relations, attributes)),
  });
  const renamed = types.renamed();
  if (renamed.length > 0) {
    const labels = renamed.map(([type, name]) => `${type} | ${name}\n`).join('');
    files.push({ path: `${BRAT_DIR}visual.conf`, data: utf8(`[labels]\n${labels}`) });
  }
  return files;
}

/** Label names to brat types, unique: a second name with the same type gets `-2`, `-3`, … */
class TypeNames {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Set<string>();

  of(name: string): string {
    let type = this.byName.get(name);
    if (type !== undefined) return type;
    const base = bratType(name);
    type = base;
    for (let n = 2; this.taken.has(type); n++) type = `${base}-${n}`;
    this.taken.add(type);
    this.byName.set(name, type);
    return type;
  }

  attribute(name: string): string {
    return bratType(name);
  }

  /** [type, label name] where they differ, sorted by type. */
  renamed(): [string, string][] {
    return [...this.byName]
      .filter(([name, type]) => name !== type)
      .map(([name, type]): [string, string] => [type, name])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
}

function annotationConf(
  entities: Set<string>,
  relations: Set<string>,
  attributes: Map<string, Set<string>>,
): string {
  const sorted = (s: Iterable<string>) => [...s].sort();
  const out = ['[entities]', ...sorted(entities), '', '[relations]'];
  for (const r of sorted(relations)) out.push(`${r}\tArg1:<ENTITY>, Arg2:<ENTITY>`);
  out.push('', '[events]', '', '[attributes]');
  for (const name of sorted(attributes.keys())) {
    const values = sorted(attributes.get(name)!);
    out.push(`${name}\tArg:<ENTITY>${values.length > 0 ? `, Value:${values.join('|')}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
