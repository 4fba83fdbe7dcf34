import { isObject } from './json-source.ts';

// The JSONL span formats of doccano and Prodigy, read next to Airlock's own spans JSONL (one
// object per line with a `text`). Their offsets are Python string offsets, i.e. code points,
// as ours. What each writes:
//   doccano sequence labeling:  {"text", "label": [[start, end, "NAME"], …]}
//   doccano (relation project): {"text", "entities": [{"start_offset", "end_offset", "label"}]}
//   doccano classification:     {"text", "label": ["NAME", …]}   (also "cats")
//   Prodigy ner / spans:        {"text", "spans": [{"start", "end", "label"}], "answer"}
//   Prodigy textcat:            {"text", "label": "NAME", "answer"} or {"accept": ["NAME"]}
// Prodigy's "reject" and "ignore" answers are not labels: those lines are skipped and counted.

/** A span as the line gives it, before checking it against the text. */
export interface RawSpan {
  start: unknown;
  end: unknown;
  label: unknown;
  text?: unknown;
  /** Where in the line, e.g. `label[2]`. */
  at: string;
}

export interface LineLabels {
  spans: RawSpan[];
  classes: { name: unknown; at: string }[];
  /** Which tool wrote the line, when not Airlock. */
  dialect?: 'doccano' | 'prodigy';
  /** Prodigy's answer when it is not "accept": the line carries no labels. */
  skipped?: 'reject' | 'ignore';
  /** A field that is there but not in a shape any of the three writes. */
  problem?: { at: string; reason: string };
}

export function lineLabels(line: Record<string, unknown>): LineLabels {
  const out: LineLabels = { spans: [], classes: [] };
  const answer = line.answer;
  if (answer === 'reject' || answer === 'ignore') return { ...out, skipped: answer };
  if (answer !== undefined) out.dialect = 'prodigy';

  if (line.spans !== undefined) {
    if (!Array.isArray(line.spans)) return problem(out, 'spans', 'is not a list');
    line.spans.forEach((s, k) => {
      const at = `spans[${k}]`;
      if (!isObject(s)) out.problem ??= { at, reason: 'is not an object' };
      else out.spans.push({ start: s.start, end: s.end, label: s.label, text: s.text, at });
    });
  }
  if (line.entities !== undefined) {
    if (!Array.isArray(line.entities)) return problem(out, 'entities', 'is not a list');
    out.dialect = 'doccano';
    line.entities.forEach((e, k) => {
      const at = `entities[${k}]`;
      if (!isObject(e)) out.problem ??= { at, reason: 'is not an object' };
      else out.spans.push({ start: e.start_offset, end: e.end_offset, label: e.label, at });
    });
  }
  const label = line.label;
  if (Array.isArray(label)) {
    out.dialect ??= 'doccano';
    label.forEach((l, k) => {
      const at = `label[${k}]`;
      if (Array.isArray(l)) {
        if (l.length !== 3) out.problem ??= { at, reason: 'is not [start, end, "label"]' };
        else out.spans.push({ start: l[0], end: l[1], label: l[2], at });
      } else out.classes.push({ name: l, at });
    });
  } else if (typeof label === 'string' && out.spans.length === 0 && line.spans === undefined) {
    // Prodigy's binary text classification: the label was accepted for the whole text.
    out.dialect ??= 'prodigy';
    out.classes.push({ name: label, at: 'label' });
  }
  for (const key of ['classes', 'accept', 'cats'] as const) {
    const list = line[key];
    if (list === undefined) continue;
    if (key === 'cats' && isObject(list)) {
      // doccano / spaCy style {"NAME": 1.0}: the classes that hold.
      out.dialect ??= 'doccano';
      for (const [name, v] of Object.entries(list))
        if (v === true || v === 1) out.classes.push({ name, at: `cats.${name}` });
      continue;
    }
    if (!Array.isArray(list)) return problem(out, key, 'is not a list');
    if (key === 'accept') out.dialect ??= 'prodigy';
    list.forEach((name, k) => out.classes.push({ name, at: `${key}[${k}]` }));
  }
  return out;
}

function problem(out: LineLabels, at: string, reason: string): LineLabels {
  return { ...out, problem: { at, reason } };
}
