import { describe, expect, it } from 'vitest';
import { exportFormats, formatExports } from '../../../src/formats/exports.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { TextItem } from '../../../src/model/item.ts';
import { CodePointIndex } from '../../../src/model/offsets.ts';
import { tokenize } from '../../../src/formats/tokenizer.ts';
import {
  hashed,
  label,
  project,
  relation,
  span,
  textClass,
  textItem,
} from '../../factories/annotations.ts';
import { asTextFiles, essence, mustImport } from '../../factories/import-pipeline.ts';
import { seeded, type Random } from '../../factories/random.ts';
import { offsetCases } from '../model/offset-cases.ts';

// Property-style round trips over seeded random texts mixing the tricky cases of
// offset-cases.ts (emoji sequences, flags, combining marks, CJK, RTL, CRLF) with plain words,
// and random spans: export, import the export, export again.

const SEEDS = Array.from({ length: Number(process.env.ROUND_TRIP_SEEDS ?? 12) }, (_, i) => i + 1);
const PIECES = offsetCases
  .filter((c) => c.codePoints > 0 && !/lone/.test(c.name))
  .map((c) => c.text);
const WORDS = [
  'Ada',
  'met',
  'Grace',
  'in',
  'Zürich',
  '—',
  'naïve',
  '3.5',
  "don't",
  '(ok)',
  'שלום',
  'مرحبا',
];
const GAPS = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00A0', '\u3000'];

function randomText(random: Random): string {
  let text = random.pick(WORDS);
  for (let i = random.int(3, 25); i > 0; i--)
    text += random.pick(GAPS) + (random.chance(0.3) ? random.pick(PIECES) : random.pick(WORDS));
  return text;
}

const labels = [
  label('Person', ['span']),
  label('Place of birth', ['span']),
  label('Urgent', ['text_class']),
  label('Knows', ['relation']),
];
const [person, place, urgent, knows] = labels as [
  (typeof labels)[0],
  (typeof labels)[0],
  (typeof labels)[0],
  (typeof labels)[0],
];
const proj = project(labels);

function distinctSpans(list: Annotation[]): Annotation[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = JSON.stringify(essence(a, []));
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** Any spans: any code point range, overlapping, nested. */
function randomSpans(random: Random, item: TextItem): Annotation[] {
  const length = new CodePointIndex(item.text).length;
  return distinctSpans(
    Array.from({ length: random.int(0, 8) }, () => {
      const a = random.int(0, length - 1);
      const b = random.int(a + 1, Math.min(length, a + 20));
      return span(item, random.pick([person, place]).id, a, b);
    }),
  );
}

/** Spans CoNLL can hold: whole tokens, no overlaps. */
function tokenSpans(random: Random, item: TextItem): Annotation[] {
  const tokens = tokenize(item.text);
  const out: Annotation[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!random.chance(0.3)) continue;
    const last = Math.min(tokens.length - 1, i + random.int(0, 3));
    out.push(span(item, random.pick([person, place]).id, tokens[i]!.start, tokens[last]!.end));
    i = last;
  }
  return out;
}

const sorted = (list: readonly Annotation[]) =>
  list
    .filter((a) => a.type === 'span' || a.type === 'class')
    .map((a) => essence(a, labels))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const textOf = (files: { path: string; data: Uint8Array }[], path: string) =>
  asTextFiles(files, path)[0]?.text;

describe.each(SEEDS)('text formats round trip, seed %i', (seed) => {
  it('spans JSONL: the same spans and classes onto the same texts, or as new texts, and the same file', async () => {
    const random = seeded(seed);
    const items = await hashed(
      Array.from({ length: 5 }, (_, i) =>
        textItem(`doc-${seed}-${i}`, randomText(random), 100 + i),
      ),
    );
    const annotations = items.flatMap((i) => [
      ...randomSpans(random, i),
      ...(random.chance(0.5) ? [textClass(i, urgent.id)] : []),
    ]);
    const first = formatExports({ project: proj, items, annotations });
    const jsonl = asTextFiles(first, 'exports/spans.jsonl');

    const onto = await mustImport('spans-jsonl', jsonl, proj, items);
    expect(onto.newTexts).toBe(0);
    expect(sorted(onto.annotations)).toEqual(sorted(annotations));
    expect(
      textOf(
        formatExports({ project: proj, items, annotations: onto.annotations }),
        'exports/spans.jsonl',
      ),
    ).toBe(jsonl[0]!.text);

    const fresh = await mustImport('spans-jsonl', jsonl, project([]), []);
    expect(fresh.items.map((i) => [i.name, i.kind === 'text' ? i.text : ''])).toEqual(
      items.map((i) => [i.name, i.text]),
    );
    const again = formatExports({
      project: { ...proj, labels: fresh.labels },
      items: fresh.items,
      annotations: fresh.annotations,
    });
    expect(textOf(again, 'exports/spans.jsonl')).toBe(jsonl[0]!.text);
  });

  it('CoNLL: whole-token spans come back onto the same texts, and the same file', async () => {
    const random = seeded(seed);
    const items = await hashed(
      Array.from({ length: 4 }, (_, i) =>
        textItem(`conll-${seed}-${i}`, randomText(random), 200 + i),
      ),
    );
    const annotations = items.flatMap((i) => tokenSpans(random, i));
    // One more span, on the first character: it may cut a token or overlap another span.
    const extra = span(items[0]!, person.id, 0, 1);
    const { files: first, warnings } = exportFormats({
      project: proj,
      items,
      annotations: [...annotations, extra],
    });
    expect(warnings.filter((w) => w.path === 'exports/conll.txt').length).toBeLessThanOrEqual(1);
    const conll = asTextFiles(first, 'exports/conll.txt');
    const onto = await mustImport('conll', conll, proj, items);
    expect(onto.newTexts).toBe(0);
    // Whatever CoNLL could not hold (a span cutting a token or overlapping) is reported, and only that is lost.
    const left = new Set(warnings.map((w) => w.annotationId));
    const kept = [...annotations, extra].filter((a) => !left.has(a.id));
    expect(sorted(onto.annotations)).toEqual(sorted(kept));
    const again = formatExports({ project: proj, items, annotations: onto.annotations });
    expect(textOf(again, 'exports/conll.txt')).toBe(conll[0]!.text);
  });

  it('CoNLL into an empty project: texts rebuilt from tokens keep every span and export the same tags', async () => {
    const random = seeded(seed);
    const items = await hashed(
      Array.from({ length: 3 }, (_, i) =>
        textItem(`new-${seed}-${i}`, randomText(random), 300 + i),
      ),
    );
    const annotations = items.flatMap((i) => tokenSpans(random, i));
    const conll = asTextFiles(
      formatExports({ project: proj, items, annotations }),
      'exports/conll.txt',
    );
    const fresh = await mustImport('conll', conll, project([]), []);
    expect(fresh.newTexts).toBe(items.length);
    expect(fresh.annotations).toHaveLength(annotations.length);
    for (const a of fresh.annotations) {
      const item = fresh.items.find((i) => i.id === a.itemId)!;
      if (a.type === 'span' && item.kind === 'text')
        expect(new CodePointIndex(item.text).slice(a.start, a.end)).toBe(a.text);
    }
    const again = formatExports({
      project: { ...proj, labels: fresh.labels },
      items: fresh.items,
      annotations: fresh.annotations,
    });
    const tags = (t: string | undefined) =>
      (t ?? '')
        .split('\n')
        .filter((l) => l && !l.startsWith('-DOCSTART-'))
        .map((l) => l.split(' ').at(-1));
    expect(tags(textOf(again, 'exports/conll.txt'))).toEqual(tags(conll[0]!.text));
  });

  it('Label Studio: spans, classes and relations come back onto the same texts', async () => {
    const random = seeded(seed);
    const items = await hashed(
      Array.from({ length: 3 }, (_, i) => textItem(`ls-${seed}-${i}`, randomText(random), 400 + i)),
    );
    const annotations = items.flatMap((i) => {
      const spans = randomSpans(random, i);
      const links = spans.length >= 2 ? [relation(spans[0]!, spans[1]!, knows.id)] : [];
      return [...spans, ...links, ...(random.chance(0.5) ? [textClass(i, urgent.id)] : [])];
    });
    const first = formatExports({ project: proj, items, annotations });
    const onto = await mustImport(
      'label-studio',
      asTextFiles(first, 'exports/label-studio.json'),
      proj,
      items,
    );
    expect(sorted(onto.annotations)).toEqual(sorted(annotations));
    const ends = (list: Annotation[]) =>
      list.flatMap((r) => {
        if (r.type !== 'relation') return [];
        const at = (id: string) =>
          essence(
            list.find((a) => a.id === id)!,
            labels,
          );
        return [[at(r.from), at(r.to)]];
      });
    expect(ends(onto.annotations)).toEqual(ends(annotations));
  });
});
