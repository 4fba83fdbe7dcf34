import { describe, expect, it } from 'vitest';
import {
  agreementReport,
  disagreement,
  type AgreementInput,
  type AgreementRow,
} from '../../../../src/model/agreement/report.ts';
import type { Label, LabelKind } from '../../../../src/model/label.ts';
import { annotator, scrambled } from '../../../factories/agreement.ts';
import type { Annotation } from '../../../../src/model/annotation.ts';
import { conversation, flag, preference, words } from '../../../factories/conversations.ts';

const label = (id: string, kind: LabelKind, group?: string): Label => ({
  id,
  name: id,
  color: '#000000',
  kinds: [kind],
  ...(group !== undefined && { group }),
});

const labels = [
  label('positive', 'text_class', 'tone'),
  label('negative', 'text_class', 'tone'),
  label('PER', 'span'),
  label('car', 'box'),
];
const ann = annotator('ann');
const bob = annotator('bob');

// Four texts and an image, both annotators labeled everything.
//   tone   t1 P/P  t2 N/N  t3 P/N  t4 N/N
//   spans  t1: Ann PER [0, 5); Bob PER [0, 5) and PER [10, 12)
//   boxes  img: Ann car [0, 0] 10 × 10; Bob car [5, 0] 10 × 10 (IoU 1/3)
const project: AgreementInput = {
  labels,
  classGroups: [{ id: 'tone', name: 'Tone', choice: 'one' }],
  annotators: ['ann', 'bob'],
  items: [
    { id: 't1', kind: 'text' },
    { id: 't2', kind: 'text' },
    { id: 't3', kind: 'text' },
    { id: 't4', kind: 'text' },
    { id: 'img', kind: 'image' },
  ],
  annotations: [
    ann.chose('t1', 'positive'),
    bob.chose('t1', 'positive'),
    ann.chose('t2', 'negative'),
    bob.chose('t2', 'negative'),
    ann.chose('t3', 'positive'),
    bob.chose('t3', 'negative'),
    ann.chose('t4', 'negative'),
    bob.chose('t4', 'negative'),
    ann.span('t1', 'PER', 0, 5),
    bob.span('t1', 'PER', 0, 5),
    bob.span('t1', 'PER', 10, 12),
    ann.box('img', 'car', 0, 0, 10, 10),
    bob.box('img', 'car', 5, 0, 10, 10),
  ],
};

function find(rows: AgreementRow[], where: Partial<AgreementRow>): AgreementRow {
  const found = rows.filter((r) =>
    Object.entries(where).every(
      ([k, v]) => JSON.stringify(r[k as keyof AgreementRow]) === JSON.stringify(v),
    ),
  );
  const exact = found.filter((r) => (where.label === undefined ? r.label === undefined : true));
  const scoped = exact.filter((r) => (where.group === undefined ? r.group === undefined : true));
  if (scoped.length !== 1) throw new Error(`${scoped.length} rows match ${JSON.stringify(where)}`);
  return scoped[0]!;
}

describe('agreement report', () => {
  const report = agreementReport(project);

  it('scores a "choose one" group with κ and α', () => {
    // Cohen: pₒ = 3/4; Ann P 2/4, Bob P 1/4: pₑ = 1/2 · 1/4 + 1/2 · 3/4 = 1/2; κ = 1/4 / 1/2 = 1/2.
    // Fleiss (two annotators: Scott's π): pooled P = 3/8, pₑ = 9/64 + 25/64 = 17/32;
    //   κ = (3/4 − 17/32) / (1 − 17/32) = 7/15.
    // α: o_PP = 2, o_NN = 4; n_P = 3, n_N = 5: (7 · 6 − 26) / (8 · 7 − 26) = 16/30 = 8/15.
    const tone = { kind: 'classes', group: 'tone' } as const;
    expect(find(report.rows, { ...tone, metric: 'cohen-kappa' })).toStrictEqual({
      ...tone,
      metric: 'cohen-kappa',
      pair: ['ann', 'bob'],
      value: 0.5,
      n: 4,
    });
    expect(find(report.rows, { ...tone, metric: 'fleiss-kappa' }).value).toBeCloseTo(7 / 15, 12);
    expect(find(report.rows, { ...tone, metric: 'krippendorff-alpha' }).value).toBeCloseTo(
      8 / 15,
      12,
    );
  });

  it('scores each class label as present or absent, and all of them pooled', () => {
    // positive: t1 yes/yes, t2 no/no, t3 yes/no, t4 no/no. Ann yes 2/4, Bob 1/4: κ = 1/2 as above.
    const positive = find(report.rows, {
      kind: 'classes',
      label: 'positive',
      metric: 'cohen-kappa',
    });
    expect(positive.value).toBeCloseTo(0.5, 12);
    // Pooled: the 8 present/absent decisions of positive and negative, 6 agreed; Ann and Bob
    // each say present 4 times of 8: pₑ = 1/2, κ = (3/4 − 1/2) / (1/2) = 1/2.
    const overall = find(report.rows, { kind: 'classes', metric: 'cohen-kappa' });
    expect(overall).toMatchObject({ value: 0.5, n: 8 });
  });

  it('scores spans pairwise, overall and per label', () => {
    // exact: 1 pair of 1 and 2: F1 2/3, precision (Bob) 1/2, recall 1
    const where = { kind: 'spans', pair: ['ann', 'bob'] } as const;
    expect(find(report.rows, { ...where, metric: 'exact-f1' })).toMatchObject({ n: 3 });
    expect(find(report.rows, { ...where, metric: 'exact-f1' }).value).toBeCloseTo(2 / 3, 12);
    expect(find(report.rows, { ...where, metric: 'exact-precision' }).value).toBe(0.5);
    expect(find(report.rows, { ...where, metric: 'exact-recall' }).value).toBe(1);
    expect(find(report.rows, { ...where, label: 'PER', metric: 'overlap-f1' }).value).toBeCloseTo(
      2 / 3,
      12,
    );
  });

  it('scores boxes at the IoU threshold it is given', () => {
    const f1 = { kind: 'boxes', metric: 'f1', pair: ['ann', 'bob'] } as const;
    expect(find(report.rows, f1).value).toBe(0);
    expect(find(report.rows, { kind: 'boxes', metric: 'mean-iou' })).toMatchObject({
      n: 0,
      reason: 'no shapes were matched',
    });
    const lenient = agreementReport(project, { iouThreshold: 0.3 });
    expect(lenient.iouThreshold).toBe(0.3);
    expect(find(lenient.rows, f1).value).toBe(1);
    expect(find(lenient.rows, { kind: 'boxes', metric: 'mean-iou' }).value).toBeCloseTo(1 / 3, 12);
  });

  it('has no rows for kinds nobody annotated', () => {
    expect(report.rows.some((r) => r.kind === 'polygons' || r.kind === 'points')).toBe(false);
  });

  it('flags the items annotators differ on, and what they differ on', () => {
    expect(report.items).toStrictEqual({
      t1: ['spans'],
      t2: [],
      t3: ['classes'],
      t4: [],
      img: ['boxes'],
    });
    expect(disagreement(report, 't3')).toBe(true);
    expect(disagreement(report, 't4')).toBe(false);
    expect(disagreement(report, 'no-such-item')).toBe(false);
    expect(disagreement(report, 'constructor')).toBe(false);
    expect(agreementReport(project, { iouThreshold: 0.3 }).items['img']).toStrictEqual([]);
  });

  it('flags conversations whose labelers differ on a verdict, not on the order they saw', () => {
    const item = conversation(
      'q',
      [{ role: 'user', content: 'Hi' }],
      [
        { id: 'a', content: 'Hello' },
        { id: 'b', content: 'Hey' },
      ],
    );
    const input = (bobs: Annotation[]): AgreementInput => ({
      labels: [label('better', 'preference'), label('refusal', 'flag'), label('why', 'rationale')],
      classGroups: [],
      annotators: ['ann', 'bob'],
      items: [{ id: item.id, kind: 'conversation' }],
      annotations: [
        preference(item, 'better', ['a', 'b'], 'a', 2, 'ann'),
        { ...flag(item, 'refusal', 'b'), annotator: 'ann' },
        { ...words(item, 'why', 'Warmer'), annotator: 'ann' },
        ...bobs,
      ],
    });
    const bobFlag = { ...flag(item, 'refusal', 'b'), annotator: 'bob' };
    const same = [preference(item, 'better', ['b', 'a'], 'a', 2, 'bob'), bobFlag];
    expect(agreementReport(input(same)).items[item.id]).toStrictEqual([]);
    const opposite = [preference(item, 'better', ['b', 'a'], 'b', 2, 'bob'), bobFlag];
    expect(agreementReport(input(opposite)).items[item.id]).toStrictEqual(['answers']);
    const otherFlag = [same[0]!, { ...flag(item, 'refusal', 'a'), annotator: 'bob' }];
    expect(agreementReport(input(otherFlag)).items[item.id]).toStrictEqual(['answers']);
  });

  it('is plain data that survives JSON', () => {
    expect(JSON.parse(JSON.stringify(report))).toStrictEqual(report);
  });

  it('does not depend on the order annotations come in', () => {
    expect(
      agreementReport({ ...project, annotations: scrambled(project.annotations) }),
    ).toStrictEqual(report);
  });

  it('ignores annotations of other annotators and items, and relations', () => {
    const cy = annotator('cy');
    const extra = [
      cy.chose('t1', 'negative'),
      ann.chose('elsewhere', 'negative'),
      { ...ann.span('t1', 'PER', 20, 25), type: 'relation' as const, from: 'a', to: 'b' },
    ];
    const withExtra = agreementReport({
      ...project,
      annotations: [...project.annotations, ...extra],
    });
    expect(withExtra).toStrictEqual(report);
  });

  it('orders rows: classes overall, groups, labels; then spans and shapes, overall before labels', () => {
    const order = report.rows.map((r) => `${r.kind} ${r.group ?? r.label ?? '*'} ${r.metric}`);
    expect(order.slice(0, 3)).toEqual([
      'classes * fleiss-kappa',
      'classes * krippendorff-alpha',
      'classes * cohen-kappa',
    ]);
    const firstOf = (prefix: string) => order.findIndex((o) => o.startsWith(prefix));
    expect(firstOf('classes tone')).toBeLessThan(firstOf('classes positive'));
    expect(firstOf('classes positive')).toBeLessThan(firstOf('classes negative'));
    expect(firstOf('classes negative')).toBeLessThan(firstOf('spans * '));
    expect(firstOf('spans * ')).toBeLessThan(firstOf('spans PER'));
    expect(firstOf('spans PER')).toBeLessThan(firstOf('boxes * '));
  });
});

describe('agreement report with three annotators and overlapping batches', () => {
  const cy = annotator('cy');
  // t1 labeled by all three; t2 by Ann and Bob; t3 by Bob and Cy.
  const input: AgreementInput = {
    labels,
    classGroups: [{ id: 'tone', name: 'Tone', choice: 'one' }],
    annotators: ['ann', 'bob', 'cy'],
    items: [
      { id: 't1', kind: 'text' },
      { id: 't2', kind: 'text', annotators: ['ann', 'bob'] },
      { id: 't3', kind: 'text', annotators: ['bob', 'cy'] },
    ],
    annotations: [
      ann.chose('t1', 'positive'),
      bob.chose('t1', 'positive'),
      cy.chose('t1', 'negative'),
      ann.chose('t2', 'negative'),
      bob.chose('t2', 'negative'),
      bob.chose('t3', 'positive'),
      cy.chose('t3', 'positive'),
      // Ann's span on t3 is not compared: she did not label t3 (it came from elsewhere).
      ann.span('t3', 'PER', 0, 4),
      bob.span('t1', 'PER', 0, 4),
      cy.span('t1', 'PER', 0, 4),
      cy.span('t3', 'PER', 0, 4),
    ],
  };
  const report = agreementReport(input);
  const tone = { kind: 'classes', group: 'tone' } as const;

  it('uses only items all annotators labeled for Fleiss, every pairable one for α', () => {
    expect(find(report.rows, { ...tone, metric: 'fleiss-kappa' }).n).toBe(1);
    expect(find(report.rows, { ...tone, metric: 'krippendorff-alpha' }).n).toBe(3);
  });

  it("computes Cohen's κ for each pair on the items both labeled", () => {
    const kappas = report.rows.filter((r) => r.group === 'tone' && r.metric === 'cohen-kappa');
    expect(kappas.map((r) => [r.pair, r.n])).toEqual([
      [['ann', 'bob'], 2],
      [['ann', 'cy'], 1],
      [['bob', 'cy'], 2],
    ]);
  });

  it('compares spans only on items both of a pair labeled', () => {
    const exact = (pair: [string, string]) =>
      find(report.rows, { kind: 'spans', pair, metric: 'exact-f1' });
    // Ann–Bob share t1, t2: Ann none, Bob 1 → F1 0 of 1.
    expect(exact(['ann', 'bob'])).toMatchObject({ value: 0, n: 1 });
    // Ann–Cy share t1 only: Ann none, Cy 1 (her t3 span is not compared).
    expect(exact(['ann', 'cy'])).toMatchObject({ value: 0, n: 1 });
    // Bob–Cy share t1 and t3: Bob 1, Cy 2, 1 pair → 2/3.
    expect(exact(['bob', 'cy']).value).toBeCloseTo(2 / 3, 12);
  });

  it('flags an item by the annotators who labeled it', () => {
    // t1: Cy chose otherwise, and Ann has no span where Bob and Cy have one.
    expect(report.items['t1']).toEqual(['classes', 'spans']);
    expect(report.items['t2']).toEqual([]);
    // t3: Bob has no span where Cy has one; Ann's span does not count.
    expect(report.items['t3']).toEqual(['spans']);
  });

  it('flags nothing on an item only one annotator labeled', () => {
    const solo = agreementReport({
      ...input,
      items: [{ id: 't3', kind: 'text', annotators: ['cy'] }],
    });
    expect(solo.items).toEqual({ t3: [] });
  });
});

describe('agreement report on polygons and points', () => {
  const ell: [number, number][] = [
    [0, 0],
    [10, 0],
    [10, 4],
    [4, 4],
    [4, 10],
    [0, 10],
  ];
  const input: AgreementInput = {
    labels: [label('road', 'polygon'), label('eye', 'point')],
    classGroups: [],
    annotators: ['ann', 'bob'],
    items: [{ id: 'a' }, { id: 'b' }],
    annotations: [
      // a: the same L, and eyes 5 px apart
      ann.polygon('a', 'road', ell),
      bob.polygon('a', 'road', [...ell.slice(1), ell[0]!]),
      ann.point('a', 'eye', 0, 0),
      bob.point('a', 'eye', 3, 4),
      // b: the L against the square [2, 8]² (IoU 0.25), and eyes 20 px apart
      ann.polygon('b', 'road', ell),
      bob.polygon('b', 'road', [
        [2, 2],
        [8, 2],
        [8, 8],
        [2, 8],
      ]),
      ann.point('b', 'eye', 0, 0),
      bob.point('b', 'eye', 20, 0),
    ],
  };

  it('scores polygons by IoU and points by distance', () => {
    const report = agreementReport(input);
    expect(report.rows.some((r) => r.kind === 'classes' || r.kind === 'spans')).toBe(false);
    expect(find(report.rows, { kind: 'polygons', metric: 'f1' }).value).toBe(0.5);
    expect(find(report.rows, { kind: 'polygons', metric: 'mean-iou' }).value).toBeCloseTo(1, 12);
    expect(find(report.rows, { kind: 'points', metric: 'f1' }).value).toBe(0.5);
    expect(
      find(report.rows, { kind: 'points', label: 'eye', metric: 'mean-distance' }),
    ).toStrictEqual({
      kind: 'points',
      pair: ['ann', 'bob'],
      label: 'eye',
      metric: 'mean-distance',
      value: 5,
      n: 1,
    });
    expect(report.items).toStrictEqual({ a: [], b: ['polygons', 'points'] });
  });

  it('takes the IoU threshold and point radius it is given', () => {
    const report = agreementReport(input, { iouThreshold: 0.2, pointRadius: 25 });
    expect(report).toMatchObject({ iouThreshold: 0.2, pointRadius: 25 });
    expect(find(report.rows, { kind: 'polygons', metric: 'mean-iou' }).value).toBeCloseTo(
      (1 + 0.25) / 2,
      12,
    );
    expect(find(report.rows, { kind: 'points', metric: 'mean-distance' }).value).toBe(12.5);
    expect(report.items).toStrictEqual({ a: [], b: [] });
  });
});
