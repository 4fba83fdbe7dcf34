import { describe, expect, it } from 'vitest';
import { parseSpansJsonl } from '../../../src/formats/spans-jsonl-import.ts';
import { project } from '../../factories/annotations.ts';
import { mustImport } from '../../factories/import-pipeline.ts';

// Issue 17.6: doccano's and Prodigy's JSONL come in with their labels, and Prodigy's rejected
// and ignored examples do not come in as labels.

const line = (value: unknown) => JSON.stringify(value);

describe('doccano and Prodigy JSONL', () => {
  it('reads doccano sequence labels [[start, end, name]] and relation-project entities', async () => {
    const text = [
      line({
        id: 7,
        text: 'Ada Lovelace met Babbage in London.',
        label: [
          [0, 12, 'PER'],
          [28, 34, 'LOC'],
        ],
      }),
      line({
        id: 8,
        text: 'Grace 👩🏽‍💻 wrote COBOL',
        entities: [
          { id: 1, start_offset: 0, end_offset: 5, label: 'PER' },
          { id: 2, start_offset: 17, end_offset: 22, label: 'LANG' },
        ],
        relations: [],
      }),
      line({ id: 9, text: 'Great product, would buy again', label: ['positive'] }),
    ].join('\n');
    const imported = await mustImport(
      'spans-jsonl',
      [{ path: 'doccano.jsonl', text }],
      project([]),
      [],
    );
    const texts = new Map(imported.items.map((i) => [i.id, i.kind === 'text' ? i.text : '']));
    expect(
      imported.annotations.map((a) => [
        texts.get(a.itemId)!.slice(0, 5),
        imported.labels.find((l) => l.id === a.label)!.name,
        a.type === 'span' ? a.text : a.type,
      ]),
    ).toEqual([
      ['Ada L', 'PER', 'Ada Lovelace'],
      ['Ada L', 'LOC', 'London'],
      ['Grace', 'PER', 'Grace'],
      ['Grace', 'LANG', 'COBOL'],
      ['Great', 'positive', 'class'],
    ]);
    expect(imported.items.map((i) => i.name)).toEqual(['7', '8', '9']);
    expect(imported.notes).toContain('doccano.jsonl: 3 line(s) read as doccano JSONL.');
  });

  it("skips and counts Prodigy's reject and ignore answers; accept comes in", () => {
    const text = [
      line({
        text: 'Apple hired Tim',
        spans: [{ start: 0, end: 5, label: 'ORG', token_start: 0, token_end: 0 }],
        answer: 'accept',
      }),
      line({
        text: 'Apple pie is good',
        spans: [{ start: 0, end: 5, label: 'ORG' }],
        answer: 'reject',
      }),
      line({ text: 'asdf qwer', spans: [], answer: 'ignore' }),
      line({ text: 'I love it', label: 'POSITIVE', answer: 'accept' }),
      line({ text: 'Choose one', accept: ['SPORTS'], answer: 'accept' }),
    ].join('\n');
    const parsed = parseSpansJsonl('prodigy.jsonl', text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.records.map((r) => r.annotations.map((a) => a.category))).toEqual([
      ['ORG'],
      ['POSITIVE'],
      ['SPORTS'],
    ]);
    expect(parsed.notes).toEqual([
      'prodigy.jsonl: 3 line(s) read as Prodigy JSONL.',
      'prodigy.jsonl: 2 Prodigy line(s) answered "reject" (1) or "ignore" (1) were skipped: they hold no labels.',
    ]);
  });

  it('names the line and field of a doccano label that is not [start, end, name]', () => {
    const parsed = parseSpansJsonl('bad.jsonl', line({ text: 'abc', label: [[0, 2]] }));
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { file: 'bad.jsonl', where: 'line 1, label[0]', reason: 'is not [start, end, "label"]' },
      ],
    });
  });
});
