import { describe, expect, it } from 'vitest';
import { exportFormats } from '../../../src/formats/exports.ts';
import { fileText, label, project, span, spanOver, textItem } from '../../factories/annotations.ts';

const person = label('Person', ['span']);
const org = label('Research org', ['span']);

describe('CoNLL export', () => {
  it('writes token -X- -X- tag lines in IOB2 with a DOCSTART per text and blank lines at line breaks', () => {
    const memo = textItem('memo', 'Ada Lovelace met\nAcme Research 🚀.');
    const empty = textItem('empty', '   ');
    const { files, warnings } = exportFormats({
      project: project([person, org]),
      items: [memo, empty],
      annotations: [
        spanOver(memo, org.id, 'Acme Research'),
        spanOver(memo, person.id, 'Ada Lovelace'),
      ],
    });
    expect(fileText(files, 'exports/conll.txt')).toBe(
      [
        '-DOCSTART- -X- -X- O',
        '',
        'Ada -X- -X- B-Person',
        'Lovelace -X- -X- I-Person',
        'met -X- -X- O',
        '',
        'Acme -X- -X- B-Research_org',
        'Research -X- -X- I-Research_org',
        '🚀 -X- -X- O',
        '. -X- -X- O',
        '',
        '-DOCSTART- -X- -X- O',
        '',
        '',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
  });

  it('reports a span that cuts through a token and leaves it out rather than moving it', () => {
    const item = textItem('cut', 'Lovelace wrote');
    const cut = span(item, person.id, 0, 4);
    const { files, warnings } = exportFormats({
      project: project([person]),
      items: [item],
      annotations: [cut],
    });
    expect(fileText(files, 'exports/conll.txt')).toContain('Lovelace -X- -X- O\n');
    // Said once per file that leaves it out: conll.txt here, hf/ner.jsonl too (hf-tokens.test.ts).
    expect(warnings.filter((w) => w.path === 'exports/conll.txt')).toEqual([
      {
        path: 'exports/conll.txt',
        itemId: item.id,
        itemName: 'cut',
        annotationId: cut.id,
        reason:
          'span "Love" [0, 4) cuts through the token "Lovelace" [0, 8) (tokenizer airlock-basic-v1)',
      },
    ]);
  });

  it('keeps the longer of two overlapping spans and reports the other', () => {
    const item = textItem('nested', 'New York City');
    const inner = spanOver(item, person.id, 'York');
    const outer = spanOver(item, org.id, 'New York City');
    const { files, warnings } = exportFormats({
      project: project([person, org]),
      items: [item],
      annotations: [inner, outer],
    });
    expect(fileText(files, 'exports/conll.txt')).toContain(
      'New -X- -X- B-Research_org\nYork -X- -X- I-Research_org\nCity -X- -X- I-Research_org\n',
    );
    const conll = warnings.filter((w) => w.path === 'exports/conll.txt');
    expect(conll.map((w) => w.annotationId)).toEqual([inner.id]);
    expect(conll[0]!.reason).toMatch(/overlaps another span/);
  });

  it('is written only when there are spans', () => {
    const { files } = exportFormats({
      project: project([person]),
      items: [textItem('plain', 'no spans')],
      annotations: [],
    });
    expect(files.map((f) => f.path)).toEqual(['exports/label-studio.json', 'exports/spans.jsonl']);
  });
});
