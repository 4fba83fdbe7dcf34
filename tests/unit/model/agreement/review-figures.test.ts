import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../src/model/annotation.ts';
import { agree, unanimousItems } from '../../../../src/model/agreement/unanimous.ts';
import { matrices, matrixRows } from '../../../../src/model/agreement/matrix.ts';
import { labelerFigures } from '../../../../src/model/agreement/labeler-figures.ts';
import { agreementReport } from '../../../../src/model/agreement/report.ts';
import type { Label } from '../../../../src/model/label.ts';
import {
  conversation,
  flag,
  preference,
  ranking,
  rating,
  words,
} from '../../../factories/conversations.ts';

const base = { projectId: 'p', createdAt: 't', updatedAt: 't' };
const span = (
  who: string,
  item: string,
  start: number,
  end: number,
  id = `${who}${start}`,
): Annotation => ({
  ...base,
  id,
  itemId: item,
  annotator: who,
  type: 'span',
  label: 'person',
  start,
  end,
  text: 'x'.repeat(end - start),
});
const box = (who: string, x: number): Annotation => ({
  ...base,
  id: `${who}b${x}`,
  itemId: 'img',
  annotator: who,
  type: 'box',
  label: 'car',
  x,
  y: 0,
  w: 10,
  h: 10,
});
const cls = (who: string, item: string, label: string): Annotation => ({
  ...base,
  id: `${who}${label}`,
  itemId: item,
  annotator: who,
  type: 'class',
  label,
});
const labels: Label[] = [
  { id: 'person', name: 'Person', color: '#000000', kinds: ['span'] },
  { id: 'car', name: 'Car', color: '#000001', kinds: ['box'] },
  { id: 'pos', name: 'Positive', color: '#000002', kinds: ['text_class'] },
];
const rule = { threshold: 0.5, pointRadius: 10 };

describe('unanimous items', () => {
  it('agree on the same classes and on spans and boxes that overlap at the threshold', () => {
    expect(agree([span('A', 't', 0, 10)], [span('B', 't', 1, 10)], rule)).toBe(true); // 0.9
    expect(agree([span('A', 't', 0, 10)], [span('B', 't', 6, 10)], rule)).toBe(false); // 0.4
    expect(agree([box('A', 0)], [box('B', 2)], rule)).toBe(true); // IoU 80/120
    expect(agree([box('A', 0)], [box('B', 6)], rule)).toBe(false); // IoU 40/160
    expect(agree([cls('A', 't', 'pos')], [], rule)).toBe(false);
  });

  it('agree on answers by their verdict, whatever order each labeler saw', () => {
    const item = conversation(
      'q',
      [{ role: 'user', content: 'Hi' }],
      [
        { id: 'a', content: 'Hello' },
        { id: 'b', content: 'Hey' },
      ],
    );
    const ada = [
      preference(item, 'better', ['a', 'b'], 'a', 2, 'A'),
      ranking(item, 'rank', [['a'], ['b']], 'A'),
      rating(item, 'helpful', 4, 'a', 'A'),
      { ...words(item, 'why', 'Warmer'), annotator: 'A' },
      { ...flag(item, 'refusal', 'b'), annotator: 'A' },
    ];
    const bob = [
      preference(item, 'better', ['b', 'a'], 'a', 2, 'B'),
      ranking(item, 'rank', [['a'], ['b']], 'B'),
      rating(item, 'helpful', 4, 'a', 'B'),
      // Another rationale: free text is not compared.
      { ...words(item, 'why', 'Friendlier'), annotator: 'B' },
      { ...flag(item, 'refusal', 'b'), annotator: 'B' },
    ];
    expect(agree(ada, bob, rule)).toBe(true);
    const differs = (changed: Annotation) =>
      agree(
        ada,
        bob.map((a) => (a.label === changed.label ? changed : a)),
        rule,
      );
    expect(differs(preference(item, 'better', ['b', 'a'], 'a', 1, 'B'))).toBe(false);
    expect(differs(ranking(item, 'rank', [['a', 'b']], 'B'))).toBe(false);
    expect(differs(rating(item, 'helpful', 3, 'a', 'B'))).toBe(false);
    // The same flag on the other response.
    expect(differs({ ...flag(item, 'refusal', 'a'), annotator: 'B' })).toBe(false);
  });

  it('lists items where two or more labelers all agree', () => {
    const work = new Map([
      [
        't1',
        new Map([
          ['A', [span('A', 't1', 0, 3)]],
          ['B', [span('B', 't1', 0, 3)]],
        ]),
      ],
      [
        't2',
        new Map([
          ['A', [span('A', 't2', 0, 3)]],
          ['B', []],
        ]),
      ],
      ['t3', new Map([['A', [span('A', 't3', 0, 3)]]])],
    ]);
    expect(unanimousItems(work, rule)).toEqual(['t1']);
  });
});

describe('agreement as matrices and per-labeler figures', () => {
  const annotations = [
    span('A', 't', 0, 3),
    span('A', 't', 5, 8),
    span('B', 't', 0, 3),
    span('C', 't', 0, 3),
    span('C', 't', 5, 8),
  ];
  const report = agreementReport({
    labels,
    classGroups: [],
    annotators: ['A', 'B', 'C'],
    items: [{ id: 't', kind: 'text', annotators: ['A', 'B', 'C'] }],
    annotations,
  });

  it('puts each pairwise measure in a labeler × labeler matrix, precision mirrored as recall', () => {
    const all = matrices(report.rows);
    const f1 = all.find((m) => m.kind === 'spans' && m.metric === 'exact-f1' && !m.label)!;
    expect(f1.cells.get('A')?.get('B')?.value).toBeCloseTo(2 / 3);
    expect(f1.cells.get('B')?.get('A')?.value).toBeCloseTo(2 / 3);
    expect(f1.cells.get('A')?.get('C')?.value).toBe(1);
    // B measured against A: precision 1/1; A measured against B: precision 1/2.
    const precision = all.find((m) => m.metric === 'exact-precision' && !m.label)!;
    expect(precision.cells.get('A')?.get('B')?.value).toBe(1);
    expect(precision.cells.get('B')?.get('A')?.value).toBe(0.5);
    const csv = matrixRows(
      [f1],
      () => ({ measure: 'F1', subject: 'All labels' }),
      (s) => s,
    );
    expect(csv[0]).toEqual(['kind', 'measure', 'label', 'reference', 'compared', 'value', 'n']);
    expect(csv).toContainEqual(['spans', 'F1', 'All labels', 'A', 'B', '0.666667', '3']);
  });

  it('gives each labeler items done and precision and recall against the result', () => {
    const figures = labelerFigures({
      labels,
      classGroups: [],
      signers: ['A', 'B'],
      labeledBy: new Map([
        ['t', ['A', 'B']],
        ['u', ['A']],
      ]),
      results: new Map([['t', [span('R', 't', 0, 3), span('R', 't', 5, 8), cls('R', 't', 'pos')]]]),
      kindOf: () => 'text',
      submitted: [...annotations.filter((a) => a.annotator !== 'C'), cls('B', 't', 'pos')],
      iouThreshold: 0.5,
    });
    expect(figures.map((f) => [f.signer, f.items, f.reviewed])).toEqual([
      ['A', 2, 1],
      ['B', 1, 1],
    ]);
    expect(figures[1]!.kinds).toEqual([
      { kind: 'classes', precision: 1, recall: 1, n: 2 },
      { kind: 'spans', precision: 1, recall: 0.5, n: 2 },
    ]);
    expect(figures[0]!.kinds).toEqual([
      // A chose no class where the result has one: recall 0, precision undefined.
      { kind: 'classes', recall: 0, n: 1 },
      { kind: 'spans', precision: 1, recall: 1, n: 2 },
    ]);
  });

  it('scores answers about model outputs by their verdicts against the result, flags apart from classes', () => {
    const item = conversation(
      'q',
      [{ role: 'user', content: 'Hi' }],
      [
        { id: 'a', content: 'Hello' },
        { id: 'b', content: 'Hey' },
      ],
    );
    const refusal = (who: string, response: string) => ({
      ...flag(item, 'refusal', response),
      annotator: who,
    });
    const figures = labelerFigures({
      labels: [
        { id: 'better', name: 'Better', color: '#000000', kinds: ['preference'] },
        { id: 'refusal', name: 'Refusal', color: '#000001', kinds: ['flag'] },
      ],
      classGroups: [],
      signers: ['A', 'B'],
      labeledBy: new Map([[item.id, ['A', 'B']]]),
      // The result: B's preference (a, strength 2) and a refusal flag on b.
      results: new Map([
        [item.id, [preference(item, 'better', ['a', 'b'], 'a', 2, 'R'), refusal('R', 'b')]],
      ]),
      kindOf: () => 'text',
      submitted: [
        preference(item, 'better', ['b', 'a'], 'b', 2, 'A'),
        refusal('A', 'a'),
        preference(item, 'better', ['b', 'a'], 'a', 2, 'B'),
        refusal('B', 'b'),
      ],
      iouThreshold: 0.5,
    });
    expect(figures.map((f) => f.kinds)).toEqual([
      // A's preference and flag are both other than the result's.
      [{ kind: 'answers', precision: 0, recall: 0, n: 4 }],
      [{ kind: 'answers', precision: 1, recall: 1, n: 4 }],
    ]);
  });
});
