import { describe, expect, it } from 'vitest';
import { exportFormats } from '../../../src/formats/exports.ts';
import { parseConll } from '../../../src/formats/conll-import.ts';
import { fileText, project, span } from '../../factories/annotations.ts';
import { mustImport } from '../../factories/import-pipeline.ts';
import type { TextItem } from '../../../src/model/item.ts';

// CoNLL-2003 as eng.testa writes it: IOB1 tags (a span starts with I-, B- only right after a
// span of the same type), POS and chunk columns, -DOCSTART- lines, and tokens Airlock's own
// tokenizer would cut differently ("Chester-le-Street", "1996-08-30", "'s", "n't").
const ENG = [
  '-DOCSTART- -X- -X- O',
  '',
  'CRICKET NNP I-NP O',
  '- : O O',
  'DURHAM NNP I-NP I-ORG',
  'HOLD VB I-VP O',
  'ON RP I-PRT O',
  '. . O O',
  '',
  'CHESTER-LE-STREET NNP I-NP I-LOC',
  '1996-08-30 CD I-NP O',
  '',
  'West NNP I-NP I-MISC',
  'Indian NNP I-NP I-MISC',
  'all-rounder NN I-NP O',
  'Phil NNP I-NP I-PER',
  'Simmons NNP I-NP I-PER',
  'did VBD I-VP O',
  "n't RB I-VP O",
  'bowl VB I-VP O',
  'at IN I-PP O',
  'Chester-le-Street NNP I-NP I-LOC',
  '( ( O O',
  'Durham NNP I-NP I-ORG',
  "'s POS B-NP O",
  'ground NN I-NP O',
  ') ) O O',
  '. . O O',
  '',
  '-DOCSTART- -X- -X- O',
  '',
  'SOCCER NN I-NP O',
  '- : O O',
  'Bolton NNP I-NP I-ORG',
  'Wigan NNP B-NP B-ORG',
  'draw VB I-VP O',
  '. . O O',
  '',
  '',
].join('\n');

const tokenLines = (text: string) =>
  text.split('\n').filter((l) => l !== '' && !l.startsWith('-DOCSTART-'));

async function imported(text = ENG) {
  const fresh = await mustImport('conll', [{ path: 'eng.testa', text }], project([]), []);
  const proj = project(fresh.labels);
  return { fresh, proj };
}

describe('CoNLL source kept', () => {
  it('reads the tokens, columns, -DOCSTART- line and IOB1 scheme of each document', () => {
    const parsed = parseConll('eng.testa', ENG);
    if (!parsed.ok) throw new Error('parse failed');
    const target = parsed.records[0]!.target;
    if (target.kind !== 'text') throw new Error('not a text');
    expect(target.tokens).toEqual(expect.arrayContaining(['Chester-le-Street', '1996-08-30']));
    expect(target.conll?.docstart).toBe('-DOCSTART- -X- -X- O');
    expect(target.conll?.scheme).toBe('IOB1');
    expect(target.conll?.columns.slice(0, 4)).toEqual(['NNP I-NP', ': O', 'NNP I-NP', 'VB I-VP']);
    expect(target.conll?.columns).toHaveLength(target.tokens!.length);
  });

  it('writes an imported file back byte for byte, tokens and all', async () => {
    const { fresh, proj } = await imported();
    const { files, warnings } = exportFormats({
      project: proj,
      items: fresh.items,
      annotations: fresh.annotations,
    });
    const out = fileText(files, 'exports/conll.txt');
    expect(warnings).toEqual([]);
    expect(out).toBe(ENG);
    expect(tokenLines(out)).toHaveLength(tokenLines(ENG).length);
  });

  it('export → import → export gives the same bytes, and the import into its own project adds nothing', async () => {
    const { fresh, proj } = await imported();
    const once = fileText(
      exportFormats({ project: proj, items: fresh.items, annotations: fresh.annotations }).files,
      'exports/conll.txt',
    );
    const again = await mustImport('conll', [{ path: 'conll.txt', text: once }], project([]), []);
    const twice = fileText(
      exportFormats({
        project: project(again.labels),
        items: again.items,
        annotations: again.annotations,
      }).files,
      'exports/conll.txt',
    );
    expect(twice).toBe(once);
    const back = await mustImport(
      'conll',
      [{ path: 'conll.txt', text: once }],
      proj,
      fresh.items,
      fresh.annotations,
    );
    expect([back.newTexts, back.annotations.length]).toEqual([0, 0]);
    expect(back.duplicates).toBe(fresh.annotations.length);
  });

  it('keeps a file without -DOCSTART- lines without them, and IOB2 as IOB2', async () => {
    const plain = 'Ada\tB-PER\nLovelace\tI-PER\nwrote\tO\n\nBoston\tB-LOC\n\n';
    const { fresh, proj } = await imported(plain);
    const out = fileText(
      exportFormats({ project: proj, items: fresh.items, annotations: fresh.annotations }).files,
      'exports/conll.txt',
    );
    expect(out).toBe('Ada B-PER\nLovelace I-PER\nwrote O\n\nBoston B-LOC\n\n');
  });

  it('reports a span that cuts one of the file’s tokens, and widens it to the token when asked', async () => {
    const { fresh, proj } = await imported();
    const doc = fresh.items[0] as TextItem;
    const loc = proj.labels.find((l) => l.name === 'LOC')!;
    const start = [...doc.text].join('').indexOf('1996-08-30');
    const cut = span(doc, loc.id, start, start + 4);
    const input = {
      project: proj,
      items: fresh.items,
      annotations: [...fresh.annotations, cut],
    };
    const left = exportFormats(input);
    const conll = (w: { path: string }) => w.path === 'exports/conll.txt';
    expect(left.warnings.filter(conll).map((w) => [w.annotationId, w.reason])).toEqual([
      [
        cut.id,
        `span "1996" [${start}, ${start + 4}) cuts through the token "1996-08-30" [${start}, ${start + 10}) (the CoNLL file it came from)`,
      ],
    ]);
    expect(fileText(left.files, 'exports/conll.txt')).toContain('1996-08-30 CD I-NP O\n');
    const widened = exportFormats({ ...input, widenSpans: true });
    expect(widened.warnings.filter(conll)[0]!.reason).toMatch(/; widened to \[\d+, \d+\)$/);
    // Right after the LOC "CHESTER-LE-STREET", IOB1 starts the next LOC with B-.
    expect(fileText(widened.files, 'exports/conll.txt')).toContain(
      'CHESTER-LE-STREET NNP I-NP I-LOC\n1996-08-30 CD I-NP B-LOC\n',
    );
  });
});
