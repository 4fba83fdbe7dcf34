import { describe, expect, it } from 'vitest';
import { exportFormats, formatExports } from '../../../src/formats/exports.ts';
import { detectFormat, parseAnnotationFiles } from '../../../src/formats/annotation-formats.ts';
import { tokenize } from '../../../src/formats/tokenizer.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { TextItem } from '../../../src/model/item.ts';
import {
  fileText,
  hashed,
  label,
  project,
  span,
  spanOver,
  textItem,
} from '../../factories/annotations.ts';
import { asTextFiles, essence, mustImport } from '../../factories/import-pipeline.ts';
import { seeded, type Random } from '../../factories/random.ts';
import { offsetCases } from '../model/offset-cases.ts';

// Hugging Face token classification JSONL: `{"id", "tokens", "ner_tags"}` per text item with
// ClassLabel numbers, their names in ner_tags.json, loadable with
// datasets.load_dataset("json", …, features=…ClassLabel(names=…)).

const person = label('Person', ['span']);
const place = label('Place of birth', ['span']);
const unused = label('Org', ['span']);
const proj = project([person, place, unused]);

describe('Hugging Face token JSONL export', () => {
  it('writes tokens, IOB2 tag numbers and every span label’s names, used or not', () => {
    const item = textItem('memo-1', 'Ada Lovelace met Grace in Zürich.');
    const { files, warnings } = exportFormats({
      project: proj,
      items: [item],
      annotations: [spanOver(item, person.id, 'Ada Lovelace'), spanOver(item, place.id, 'Zürich')],
    });
    expect(JSON.parse(fileText(files, 'exports/hf/ner_tags.json'))).toEqual([
      'O',
      'B-Person',
      'I-Person',
      'B-Place_of_birth',
      'I-Place_of_birth',
      'B-Org',
      'I-Org',
    ]);
    expect(fileText(files, 'exports/hf/ner.jsonl')).toBe(
      '{"id":"memo-1","tokens":["Ada","Lovelace","met","Grace","in","Zürich","."],"ner_tags":[1,2,0,0,0,3,0]}\n',
    );
    expect(warnings.filter((w) => w.path.startsWith('exports/hf/'))).toEqual([]);
  });

  it('warns a span that cuts a token, or widens it when asked, as conll.txt does', () => {
    const item = textItem('t', 'unbelievable news');
    const cut = span(item, person.id, 2, 6); // "beli"
    const left = exportFormats({ project: proj, items: [item], annotations: [cut] });
    expect(fileText(left.files, 'exports/hf/ner.jsonl')).toContain('"ner_tags":[0,0]');
    expect(left.warnings.filter((w) => w.path === 'exports/hf/ner.jsonl')).toMatchObject([
      {
        annotationId: cut.id,
        reason: expect.stringContaining('cuts through the token "unbelievable"') as unknown,
      },
    ]);
    const widened = exportFormats({
      project: proj,
      items: [item],
      annotations: [cut],
      widenSpans: true,
    });
    expect(fileText(widened.files, 'exports/hf/ner.jsonl')).toContain('"ner_tags":[1,0]');
    expect(
      widened.warnings.filter((w) => w.path === 'exports/hf/ner.jsonl').map((w) => w.reason),
    ).toEqual([expect.stringContaining('widened to [0, 12)')]);
  });
});

describe('Hugging Face token JSONL import', () => {
  it('reads numbered tags with their names, and named tags alone', async () => {
    const lines = [
      '{"id":"a","tokens":["EU","rejects","German","call"],"ner_tags":[3,0,7,0]}',
      '{"id":"b","tokens":["Peter","Blackburn"],"ner_tags":[1,2]}',
    ].join('\n');
    // CoNLL-2003's names as the datasets hub lists them.
    const names = JSON.stringify([
      'O',
      'B-PER',
      'I-PER',
      'B-ORG',
      'I-ORG',
      'B-LOC',
      'I-LOC',
      'B-MISC',
      'I-MISC',
    ]);
    const files = [
      { path: 'conll2003/train.jsonl', text: lines },
      { path: 'conll2003/ner_tags.json', text: names },
    ];
    expect(detectFormat(files)).toBe('hf-tokens');
    const imported = await mustImport('hf-tokens', files, project([]), []);
    const texts = imported.items.map((i) => (i.kind === 'text' ? [i.name, i.text] : []));
    expect(texts).toEqual([
      ['a', 'EU rejects German call'],
      ['b', 'Peter Blackburn'],
    ]);
    expect(
      imported.annotations.map((a) => [
        essence(a, imported.labels).label,
        a.type === 'span' && a.text,
      ]),
    ).toEqual([
      ['ORG', 'EU'],
      ['MISC', 'German'],
      ['PER', 'Peter Blackburn'],
    ]);
    const named = await mustImport(
      'hf-tokens',
      [{ path: 'x.jsonl', text: '{"tokens":["Ada","Lovelace"],"ner_tags":["I-PER","I-PER"]}' }],
      project([]),
      [],
    );
    expect(named.annotations.map((a) => a.type === 'span' && [a.start, a.end])).toEqual([[0, 12]]);
    expect(named.items[0]!.name).toBe('x.jsonl:1');
  });

  it('names the line and tag it cannot read', () => {
    const out = parseAnnotationFiles('hf-tokens', [
      {
        path: 'a.jsonl',
        text: '{"tokens":["a","b"],"ner_tags":[0,1]}\n{"tokens":["a"],"ner_tags":["X-1"]}\n{"tokens":["a b"],"ner_tags":["O"]}',
      },
    ]);
    expect(out.ok ? [] : out.problems.map((p) => `${p.where}: ${p.reason}`)).toEqual([
      'line 1, "ner_tags"[0]: 0 is a number, but no tag name list (ner_tags.json) was chosen with the file',
      'line 2, "ner_tags"[0]: "X-1" is not a tag',
      'line 3, "tokens": is not a list of tokens without whitespace',
    ]);
    expect(
      detectFormat([
        { path: 'a.jsonl', text: '{"tokens":["a"],"ner_tags":[0]}' },
        { path: 'coco.json', text: '{"images":[]}' },
      ]),
    ).toMatchObject({ file: 'coco.json' });
  });
});

// Seeded round trips over texts mixing the tricky cases of offset-cases.ts with plain words.

const SEEDS = Array.from({ length: Number(process.env.ROUND_TRIP_SEEDS ?? 12) }, (_, i) => i + 1);
const PIECES = offsetCases
  .filter((c) => c.codePoints > 0 && !/lone/.test(c.name))
  .map((c) => c.text);
const WORDS = ['Ada', 'met', 'Grace', 'in', 'Zürich', '—', 'naïve', '3.5', "don't", 'שלום'];
const GAPS = [' ', '  ', '\t', '\n', '\r\n', '\u00A0', '\u3000'];

function randomText(random: Random): string {
  let text = random.pick(WORDS);
  for (let i = random.int(3, 25); i > 0; i--)
    text += random.pick(GAPS) + (random.chance(0.3) ? random.pick(PIECES) : random.pick(WORDS));
  return text;
}

/** Spans BIO can hold: whole tokens, no overlaps. */
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
    .map((a) => essence(a, proj.labels))
    .map((a) => JSON.stringify([a.itemId, a.label, a.start, a.end, a.text]))
    .sort();

describe.each(SEEDS)('Hugging Face tokens round trip, seed %i', (seed) => {
  it('onto the same texts adds nothing new; as new texts gives the same file', async () => {
    const random = seeded(seed);
    const items = await hashed(
      Array.from({ length: 5 }, (_, i) => textItem(`hf-${seed}-${i}`, randomText(random), 300 + i)),
    );
    const annotations = items.flatMap((i) => tokenSpans(random, i));
    const first = formatExports({ project: proj, items, annotations });
    const hf = asTextFiles(first, 'exports/hf/');
    expect(hf.map((f) => f.path)).toEqual(['exports/hf/ner.jsonl', 'exports/hf/ner_tags.json']);

    // Onto the project's own texts (matched by their tokens): the same spans, then nothing new.
    const onto = await mustImport('hf-tokens', hf, proj, items);
    expect(onto.newTexts).toBe(0);
    expect(sorted(onto.annotations)).toEqual(sorted(annotations));
    const back = await mustImport('hf-tokens', hf, proj, items, annotations);
    expect([back.annotations.length, back.duplicates]).toEqual([0, annotations.length]);

    // Into a project without the texts: new texts of the same tokens, and the same file again.
    const fresh = await mustImport('hf-tokens', hf, proj, []);
    expect(fresh.newTexts).toBe(items.length);
    const again = formatExports({
      project: proj,
      items: fresh.items,
      annotations: fresh.annotations,
    });
    expect(asTextFiles(again, 'exports/hf/')).toEqual(hf);
  });
});
