import { describe, expect, it } from 'vitest';
import { exportFormats } from '../../../src/formats/exports.ts';
import { detectFormat, parseAnnotationFiles } from '../../../src/formats/annotation-formats.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { TextItem } from '../../../src/model/item.ts';
import { CodePointIndex } from '../../../src/model/offsets.ts';
import {
  hashed,
  label,
  project,
  relation,
  span,
  spanOver,
  textClass,
  textItem,
} from '../../factories/annotations.ts';
import { asTextFiles, mustImport, runImport } from '../../factories/import-pipeline.ts';
import { seeded, type Random } from '../../factories/random.ts';
import { offsetCases } from '../model/offset-cases.ts';

// brat standoff: .ann next to .txt; offsets are Python str offsets (code points).

/** As brat itself writes a document annotated in its UI, with the quirks real collections have. */
const TXT = 'Dr. 👩🏽‍⚕️ Ada Lovelace met\nCharles Babbage in 🇬🇧 London.\n';
const ANN = [
  // An attribute and a note written before the span they are on.
  'A1\tNegated T2',
  '#1\tAnnotatorNotes T1\tcheck the title',
  'T1\tPerson 10 22\tAda Lovelace',
  // Crossing the line break: brat's text column has a space there.
  'T2\tPerson 23 42\tmet Charles Babbage',
  // Discontinuous: "Ada" … "London", fragments joined by a space in the text column.
  'T3\tPlace_of_birth 10 13;49 55\tAda London',
  'M2\tCertainty T3 Low',
  'R1\tKnows Arg1:T1 Arg2:T2\t',
  'E1\tMeeting:T2 Agent:T1',
  'A3\tSpeculation E1',
  '*\tEquiv T1 T2',
  '',
].join('\n');
const VISUAL =
  '[labels]\nPlace_of_birth | Place of birth | POB\n\n[drawing]\nPerson\tbgColor:#ffccaa\n';

const cp = (text: string, words: string) => {
  const at = text.indexOf(words);
  return new CodePointIndex(text).toCodePoint(at);
};

describe('brat standoff import', () => {
  it('fixture offsets are code points, as brat (Python) counts them', () => {
    expect(cp(TXT, 'Ada Lovelace')).toBe(10);
    expect(cp(TXT, 'London')).toBe(49);
    // UTF-16 would put them elsewhere: the emoji and the flag are several code units.
    expect(TXT.indexOf('London')).toBe(53);
  });

  it('reads spans, relations, attributes and notes, and counts what has no equal', async () => {
    const files = [
      { path: 'collection/doc1.ann', text: ANN },
      { path: 'collection/doc1.txt', text: TXT },
      { path: 'collection/visual.conf', text: VISUAL },
    ];
    expect(detectFormat(files)).toBe('brat');
    const imported = await mustImport('brat', files, project([]), []);
    const name = (id: string) => imported.labels.find((l) => l.id === id)?.name;
    const spans = imported.annotations.filter((a) => a.type === 'span');
    expect(
      spans.map((a) => [name(a.label), a.start, a.end, a.text, a.attributes, a.comment]),
    ).toEqual([
      ['Person', 10, 22, 'Ada Lovelace', undefined, 'check the title'],
      ['Person', 23, 42, 'met\nCharles Babbage', { Negated: true }, undefined],
      [
        'Place of birth',
        10,
        55,
        TXT.slice(TXT.indexOf('Ada'), TXT.indexOf('London') + 6),
        { Certainty: 'Low' },
        undefined,
      ],
    ]);
    const link = imported.annotations.find((a) => a.type === 'relation');
    expect(link && link.type === 'relation' && [name(link.label), link.from, link.to]).toEqual([
      'Knows',
      spans[0]!.id,
      spans[1]!.id,
    ]);
    // Multi-valued attributes are declared as text, binary ones as yes/no.
    const place = imported.labels.find((l) => l.name === 'Place of birth')!;
    expect(place.attributes).toEqual([{ name: 'Certainty', type: 'text' }]);
    expect(imported.labels.find((l) => l.name === 'Person')!.attributes).toEqual([
      { name: 'Negated', type: 'boolean' },
    ]);
    expect(imported.items.map((i) => i.name)).toEqual(['collection/doc1.txt']);
    expect(imported.notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining('1 discontinuous span(s)'),
        expect.stringContaining('3 event, normalization or equivalence line(s)'),
      ]),
    );
  });

  it('refuses offsets counted in UTF-16, naming the file, line and reason', () => {
    const at = TXT.indexOf('Ada Lovelace');
    const parsed = parseAnnotationFiles('brat', [
      { path: 'doc.ann', text: `T1\tPerson ${at} ${at + 12}\tAda Lovelace\n` },
      { path: 'doc.txt', text: TXT },
    ]);
    expect(parsed.ok).toBe(false);
    const problem = parsed.ok ? undefined : parsed.problems[0];
    expect([problem?.file, problem?.where]).toEqual(['doc.ann', 'line 1']);
    expect(problem?.reason).toBe(
      'says "Ada Lovelace" but doc.txt has "a Lovelace m" there; offsets must count Unicode code points',
    );
  });

  it('names the .txt a lone .ann needs, a malformed line, and a span past the text', () => {
    const lone = parseAnnotationFiles('brat', [{ path: 'a/b.ann', text: 'T1\tX 0 1\tD\n' }]);
    expect(!lone.ok && lone.problems[0]).toEqual({
      file: 'a/b.ann',
      reason: 'has no text next to it; choose a/b.txt too',
    });
    const bad = parseAnnotationFiles('brat', [
      { path: 'b.ann', text: 'T1\tX zero 1\tD\nT2\tX 0 99\tD\nQ1\tX\n' },
      { path: 'b.txt', text: 'Dover' },
    ]);
    expect(!bad.ok && bad.problems.map((p) => [p.where, p.reason.slice(0, 24)])).toEqual([
      ['line 1', 'is not "T<n><TAB>Type st'],
      ['line 2', 'has a range outside the '],
      ['line 3', 'starts with "Q1", which '],
    ]);
  });

  it('is not mixed with other formats in one selection', () => {
    const mixed = detectFormat([
      { path: 'a.ann', text: '' },
      { path: 'a.txt', text: 'x' },
      { path: 'b.jsonl', text: '{}' },
    ]);
    expect(mixed).toMatchObject({ file: 'b.jsonl' });
  });
});

const PIECES = offsetCases
  .filter((c) => c.codePoints > 0 && !/lone/.test(c.name))
  .map((c) => c.text);
const WORDS = ['Ada', 'met', 'Zürich', '—', 'naïve', "don't", 'שלום', '(ok)'];
const GAPS = [' ', '  ', '\t', '\n', '\r\n', '\u00A0'];

function randomText(random: Random): string {
  let text = random.pick(WORDS);
  for (let i = random.int(3, 20); i > 0; i--)
    text += random.pick(GAPS) + (random.chance(0.3) ? random.pick(PIECES) : random.pick(WORDS));
  return text;
}

const labels = [
  label('Person', ['span']),
  label('Place of birth', ['span']),
  label('Knows', ['relation']),
  label('Urgent', ['text_class']),
];
const [person, place, knows, urgent] = labels as [
  (typeof labels)[0],
  (typeof labels)[0],
  (typeof labels)[0],
  (typeof labels)[0],
];
const proj = project(labels);

function randomAnnotations(random: Random, item: TextItem): Annotation[] {
  const length = new CodePointIndex(item.text).length;
  const seen = new Set<string>();
  const spans: Annotation[] = [];
  for (let n = random.int(0, 6); n > 0; n--) {
    const a = random.int(0, length - 1);
    const b = random.int(a + 1, Math.min(length, a + 15));
    const which = random.pick([person, place]);
    if (seen.has(`${a} ${b} ${which.id}`)) continue;
    seen.add(`${a} ${b} ${which.id}`);
    const s = span(item, which.id, a, b);
    if (random.chance(0.3)) s.attributes = { Negated: true };
    if (random.chance(0.3))
      s.attributes = { ...s.attributes, Certainty: random.pick(['Low', 'High']) };
    if (random.chance(0.2)) s.comment = random.pick(['check', 'a longer note, with words']);
    spans.push(s);
  }
  const links = spans.length >= 2 ? [relation(spans[0]!, spans[1]!, knows.id)] : [];
  return [...spans, ...links];
}

/** What survives an import, in a form that does not depend on ids. */
function essence(list: readonly Annotation[]): string[] {
  const spans = list.filter((a) => a.type === 'span');
  const at = (id: string) => {
    const s = spans.find((a) => a.id === id);
    return s && s.type === 'span' ? `${s.start}-${s.end}-${s.label}` : '?';
  };
  return list
    .map((a) =>
      a.type === 'span'
        ? JSON.stringify([a.itemId, a.label, a.start, a.end, a.text, a.attributes ?? {}, a.comment])
        : a.type === 'relation'
          ? JSON.stringify([a.itemId, a.label, at(a.from), at(a.to)])
          : a.type,
    )
    .sort();
}

const SEEDS = Array.from({ length: Number(process.env.ROUND_TRIP_SEEDS ?? 12) }, (_, i) => i + 1);

describe.each(SEEDS)('brat standoff round trip, seed %i', (seed) => {
  it('spans, relations, attributes and notes onto the same texts; the same files again', async () => {
    const random = seeded(seed);
    const items = await hashed(
      Array.from({ length: 4 }, (_, i) =>
        textItem(`docs/brat ${seed}-${i}.txt`, randomText(random), 100 + i),
      ),
    );
    const annotations = items.flatMap((i) => randomAnnotations(random, i));
    const first = exportFormats({ project: proj, items, annotations });
    const brat = asTextFiles(first.files, 'exports/brat/');
    if (annotations.length === 0) return expect(brat).toEqual([]);
    expect(first.warnings.filter((w) => w.path.startsWith('exports/brat/'))).toEqual([]);

    const onto = await mustImport('brat', brat, proj, items);
    expect(onto.newTexts).toBe(0);
    expect(essence(onto.annotations)).toEqual(essence(annotations));
    const again = exportFormats({ project: proj, items, annotations: onto.annotations });
    expect(asTextFiles(again.files, 'exports/brat/')).toEqual(brat);

    // Importing it again into the project it came from adds nothing.
    const twice = await runImport('brat', brat, proj, items, annotations);
    expect(twice.ok && twice.value.annotations.filter((a) => a.type === 'span')).toEqual([]);

    // Into an empty project: the texts come back byte for byte, the label names through visual.conf.
    const fresh = await mustImport('brat', brat, project([]), []);
    expect(fresh.items.map((i) => (i.kind === 'text' ? i.text : ''))).toEqual(
      items.map((i) => i.text),
    );
    expect(fresh.labels.map((l) => l.name).sort()).toEqual(
      [...new Set(annotations.map((a) => labels.find((l) => l.id === a.label)!.name))].sort(),
    );
  });
});

describe('brat standoff export', () => {
  it('writes the .txt byte for byte, code point offsets, and warns about what brat cannot hold', async () => {
    const [item] = await hashed([textItem('note.txt', 'Ada 👋🏽 met\r\nGrace in Zürich')]);
    const grace = spanOver(item!, place.id, 'Grace in');
    grace.attributes = { Certainty: 'very low', Negated: false };
    const { files, warnings } = exportFormats({
      project: proj,
      items: [item!],
      annotations: [spanOver(item!, person.id, 'met\r\nGrace'), grace, textClass(item!, urgent.id)],
    });
    const text = (p: string) => asTextFiles(files, p)[0]?.text;
    expect(text('exports/brat/note.txt')).toBe(item!.text);
    expect(text('exports/brat/note.ann')).toBe(
      'T1\tPerson 7 17\tmet  Grace\nT2\tPlace_of_birth 12 20\tGrace in\n',
    );
    expect(text('exports/brat/visual.conf')).toBe('[labels]\nPlace_of_birth | Place of birth\n');
    expect(text('exports/brat/annotation.conf')).toContain('[entities]\nPerson\nPlace_of_birth\n');
    expect(
      warnings
        .filter((w) => w.path.startsWith('exports/brat/'))
        .map((w) => [w.path, w.reason.slice(0, 40)]),
    ).toEqual([
      ['exports/brat/note.ann', 'its attribute "Certainty" = "very low" h'],
      ['exports/brat/note.ann', 'brat standoff has no document classes, s'],
    ]);
  });
});
