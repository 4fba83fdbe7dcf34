import type { ImportProblem } from './import-records.ts';

// Reads the class names of a YOLO dataset: `names` in data.yaml (a block list, a block map
// from index to name, or a flow list), or classes.txt (one name per line, darknet style).
// Only this much YAML: plain, single- and double-quoted scalars and comments.

type Names = { ok: true; names: string[] } | { ok: false; problem: ImportProblem };

function unquote(raw: string): string | undefined {
  const s = raw.trim();
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) return undefined;
    try {
      return JSON.parse(s.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')) as string;
    } catch {
      return undefined;
    }
  }
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) return undefined;
    return s.slice(1, -1).replace(/''/g, "'");
  }
  return s;
}

/** Drops a comment: `#` at the start or after whitespace, outside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** Splits a flow list `[a, "b, c", 'd']` at top-level commas. */
function flowItems(body: string): string[] | undefined {
  const items: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      items.push(body.slice(start, i));
      start = i + 1;
    }
  }
  if (quote) return undefined;
  const last = body.slice(start);
  if (last.trim() !== '' || items.length > 0) items.push(last);
  return items;
}

export function parseDataYaml(file: string, text: string): Names {
  const lines = text.split(/\r\n|\r|\n/).map(stripComment);
  const fail = (line: number, reason: string): Names => ({
    ok: false,
    problem: { file, where: `line ${line}`, reason },
  });
  const at = lines.findIndex((l) => /^names\s*:/.test(l));
  if (at < 0)
    return { ok: false, problem: { file, reason: 'has no "names:" list of class names' } };
  const inline = lines[at]!.replace(/^names\s*:/, '').trim();
  if (inline.startsWith('[')) {
    if (!inline.endsWith(']'))
      return fail(at + 1, 'has a names list that does not end with "]" on the same line');
    const items = flowItems(inline.slice(1, -1));
    const names = items?.map(unquote);
    if (!names || names.some((n) => n === undefined))
      return fail(at + 1, 'has a names list with an unclosed quote');
    return { ok: true, names: names as string[] };
  }
  if (inline !== '') return fail(at + 1, 'has "names:" followed by something other than a list');
  const names: string[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) break;
    const item = /^\s+-\s?(.*)$/.exec(line);
    const entry = /^\s+(\d+)\s*:\s?(.*)$/.exec(line);
    if (item) {
      const name = unquote(item[1]!);
      if (name === undefined) return fail(i + 1, 'has a class name with an unclosed quote');
      names.push(name);
    } else if (entry) {
      const index = Number(entry[1]);
      const name = unquote(entry[2]!);
      if (name === undefined) return fail(i + 1, 'has a class name with an unclosed quote');
      if (index !== names.length)
        return fail(i + 1, `lists class ${index} where class ${names.length} was expected`);
      names.push(name);
    } else return fail(i + 1, 'is neither "- name" nor "<index>: name" under names');
  }
  if (names.length === 0) return fail(at + 1, 'has an empty names list');
  return { ok: true, names };
}

export function parseClassesTxt(file: string, text: string): Names {
  const names = text.split(/\r\n|\r|\n/).map((l) => l.trim());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  const blank = names.indexOf('');
  if (blank >= 0)
    return {
      ok: false,
      problem: { file, where: `line ${blank + 1}`, reason: 'has an empty class name' },
    };
  if (names.length === 0) return { ok: false, problem: { file, reason: 'lists no class names' } };
  return { ok: true, names };
}
