import { describe, expect, it } from 'vitest';
import { krippendorffAlphaScale } from '../../../../src/model/agreement/ratings.ts';
import {
  kendallTauB,
  kendallW,
  meanPairwiseTau,
} from '../../../../src/model/agreement/rankings.ts';
import {
  directionKappa,
  leftWins,
  preferenceKappa,
} from '../../../../src/model/agreement/preferences.ts';
import { conversation, preference, ranking, rating } from '../../../factories/conversations.ts';
import { conversationAgreement } from '../../../../src/model/agreement/conversation-report.ts';

const _ = undefined;

describe("Krippendorff's α on a scale", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units,
  // missing values. Published: nominal 0.743, ordinal 0.815, interval 0.849.
  const byObserver = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];
  const units = byObserver[0]!.map((_v, u) => byObserver.map((o) => o[u]));

  it('matches the published ordinal and interval figures', () => {
    const ordinal = krippendorffAlphaScale(units, 'ordinal');
    const interval = krippendorffAlphaScale(units, 'interval');
    expect(ordinal.value).toBeCloseTo(0.815, 3);
    expect(interval.value).toBeCloseTo(0.849, 3);
    // Unit 12 has one value only: not pairable.
    expect(interval.n).toBe(11);
  });

  it('has no value when everyone gave the same rating', () => {
    expect(
      krippendorffAlphaScale(
        [
          [3, 3],
          [3, 3],
        ],
        'interval',
      ).value,
    ).toBeUndefined();
  });
});

describe("Kendall's W and τ", () => {
  it('W matches ProofWiki’s example (3 competitors, 4 judges: 1/16)', () => {
    // Columns are judges A–D; rows competitors X, Y, Z. W takes one ranking per judge.
    const judges = [
      [1, 3, 2],
      [1, 2, 3],
      [2, 3, 1],
      [3, 1, 2],
    ];
    expect(kendallW(judges).value).toBeCloseTo(1 / 16, 12);
  });

  it('W matches the 10 projects × 4 judges textbook example (Σ D² = 1048)', () => {
    const byProject = [
      [1, 2, 3, 4],
      [3, 1, 2, 2],
      [4, 4, 1, 3],
      [5, 5, 5, 1],
      [2, 6, 7, 6],
      [8, 3, 4, 7],
      [6, 8, 6, 5],
      [7, 7, 8, 9],
      [10, 10, 9, 8],
      [9, 9, 10, 10],
    ];
    const judges = [0, 1, 2, 3].map((j) => byProject.map((p) => p[j]!));
    expect(kendallW(judges).value).toBeCloseTo((12 * 1048) / (16 * 10 * 99), 12);
  });

  it('W is 1 when everyone agrees, and handles tied tiers as mid-ranks', () => {
    expect(
      kendallW([
        [1, 2, 3],
        [1, 2, 3],
      ]).value,
    ).toBe(1);
    expect(
      kendallW([
        [1, 1, 2],
        [1, 1, 2],
      ]).value,
    ).toBeCloseTo(1, 12);
  });

  it('τ-b matches SciPy’s documented example (−0.4714)', () => {
    expect(kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]).value).toBeCloseTo(
      -0.47140452079103173,
      12,
    );
  });

  it('mean pairwise τ averages over pairs and items, skipping who did not rank', () => {
    const tau = meanPairwiseTau([
      [[1, 2, 3], [1, 2, 3], undefined],
      [
        [1, 2, 3],
        [3, 2, 1],
        [1, 2, 3],
      ],
    ]);
    // Item 1: one pair, τ = 1. Item 2: pairs (1,2) −1, (1,3) 1, (2,3) −1.
    expect(tau.value).toBeCloseTo(0, 12);
    expect(tau.n).toBe(4);
  });
});

describe('preferences', () => {
  const item = conversation(
    'q',
    [{ role: 'user', content: 'hi' }],
    [
      { id: 'a', content: '1' },
      { id: 'b', content: '2' },
    ],
  );
  const p = (choice: string, shown: [string, string] = ['a', 'b']) =>
    preference(item, 'L', shown, choice, choice === 'tie' ? undefined : 1);

  it('κ on the choice counts a tie as a category; on direction drops the items with a tie', () => {
    const units = [
      [p('a'), p('a', ['b', 'a'])],
      [p('b'), p('b')],
      [p('tie'), p('tie')],
      [p('a'), p('b')],
    ];
    // pₒ = 3/4; category shares a 3/8, b 3/8, tie 2/8: pₑ = 22/64.
    expect(preferenceKappa(units).value).toBeCloseTo((0.75 - 22 / 64) / (1 - 22 / 64), 12);
    // Without the tied item: pₒ = 2/3, pₑ = 1/2.
    expect(directionKappa(units).value).toBeCloseTo(1 / 3, 12);
  });

  it('position bias is the share of decided preferences won by the left response', () => {
    const bias = leftWins([p('a'), p('a'), p('b'), p('tie'), p('a', ['b', 'a'])]);
    expect(bias.value).toBeCloseTo(2 / 4, 12);
    expect(bias.n).toBe(4);
  });
});

describe('the review rows', () => {
  it('give each question label its measures from two labelers’ answers', () => {
    const items = [1, 2].map((i) =>
      conversation(
        `q${i}`,
        [{ role: 'user', content: 'hi' }],
        [
          { id: 'a', content: '1' },
          { id: 'b', content: '2' },
        ],
      ),
    );
    const [one, two] = items as [(typeof items)[0], (typeof items)[0]];
    const labels = [
      { id: 'P', name: 'Better', color: '#000000', kinds: ['preference' as const] },
      { id: 'R', name: 'Helpful', color: '#000000', kinds: ['rating' as const] },
      { id: 'K', name: 'Order', color: '#000000', kinds: ['ranking' as const] },
    ];
    const rows = conversationAgreement(
      labels,
      ['u1', 'u2'],
      [
        preference(one, 'P', ['a', 'b'], 'a', 1, 'u1'),
        preference(one, 'P', ['b', 'a'], 'a', 2, 'u2'),
        preference(two, 'P', ['a', 'b'], 'b', 1, 'u1'),
        preference(two, 'P', ['b', 'a'], 'b', 1, 'u2'),
        rating(one, 'R', 4, 'a', 'u1'),
        rating(one, 'R', 4, 'a', 'u2'),
        rating(one, 'R', 1, 'b', 'u1'),
        rating(one, 'R', 2, 'b', 'u2'),
        ranking(one, 'K', [['a'], ['b']], 'u1'),
        ranking(one, 'K', [['a'], ['b']], 'u2'),
      ],
    );
    const value = (measure: string) => rows.find((r) => r.measure === measure)?.score.value;
    expect(rows.map((r) => `${r.label}: ${r.measure}`)).toHaveLength(7);
    expect(value('κ on choice (tie a category)')).toBe(1);
    expect(value('Left one wins (position bias)')).toBeCloseTo(0.5, 12);
    expect(value("Krippendorff's α (interval)")).toBeGreaterThan(0.8);
    expect(value("Kendall's W (mean over items)")).toBe(1);
    expect(value('Mean pairwise τ-b')).toBe(1);
  });
});
