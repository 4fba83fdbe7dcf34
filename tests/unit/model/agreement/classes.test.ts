import { describe, expect, it } from 'vitest';
import {
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  type Rating,
  type Ratings,
} from '../../../../src/model/agreement/classes.ts';

/** Two annotators' decisions from a 2 × 2 table of counts [[yy, yn], [ny, nn]] (first = rows). */
function fromTable(table: number[][], categories: string[]): [Rating, Rating][] {
  const units: [Rating, Rating][] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let k = 0; k < count; k++) units.push([categories[i], categories[j]]);
    }),
  );
  return units;
}

/**
 * Decisions of `raters` anonymous annotators from a subjects × categories table of counts
 * ("Fleiss form"); which annotator said what does not matter to Fleiss' κ.
 */
function fromCounts(counts: number[][]): Ratings {
  return counts.map((row) =>
    row.flatMap((count, category) => Array<Rating>(count).fill(`c${category + 1}`)),
  );
}

describe("Cohen's κ", () => {
  // Wikipedia, "Cohen's kappa", worked example: 50 grant proposals read by A and B.
  //                B yes  B no
  //        A yes    20     5
  //        A no     10    15
  // pₒ = (20 + 15) / 50 = 0.7
  // A says yes 25/50 = 0.5, B says yes 30/50 = 0.6
  // pₑ = 0.5 · 0.6 + 0.5 · 0.4 = 0.5
  // κ = (0.7 − 0.5) / (1 − 0.5) = 0.4
  const proposals = fromTable(
    [
      [20, 5],
      [10, 15],
    ],
    ['yes', 'no'],
  );

  it('matches the worked 2 × 2 example', () => {
    const kappa = cohenKappa(proposals);
    expect(kappa.value).toBeCloseTo(0.4, 12);
    expect(kappa.n).toBe(50);
  });

  it('is 1 for full agreement and 0 when agreement is what chance predicts', () => {
    expect(
      cohenKappa([
        ['a', 'a'],
        ['b', 'b'],
        ['a', 'a'],
      ]).value,
    ).toBe(1);
    // Each says yes half the time, independently: pₒ = 2/4 = pₑ = 0.5, so κ = 0.
    const chance = fromTable(
      [
        [1, 1],
        [1, 1],
      ],
      ['yes', 'no'],
    );
    expect(cohenKappa(chance).value).toBe(0);
  });

  it('is negative when annotators disagree more than chance', () => {
    // Always opposite: pₒ = 0, pₑ = 0.5 · 0.5 + 0.5 · 0.5 = 0.5, κ = −0.5 / 0.5 = −1.
    expect(
      cohenKappa([
        ['yes', 'no'],
        ['no', 'yes'],
      ]).value,
    ).toBe(-1);
  });

  it('skips units either annotator did not decide on', () => {
    const withGaps: [Rating, Rating][] = [...proposals, ['yes', undefined], [undefined, 'no']];
    expect(cohenKappa(withGaps)).toEqual(cohenKappa(proposals));
  });

  it('gives a reason instead of NaN when there is nothing to compare or one category only', () => {
    expect(cohenKappa([])).toEqual({
      value: undefined,
      n: 0,
      reason: 'no unit was decided on by both annotators',
    });
    expect(cohenKappa([['yes', undefined]]).value).toBeUndefined();
    const same = cohenKappa([
      ['yes', 'yes'],
      ['yes', 'yes'],
    ]);
    expect(same.value).toBeUndefined();
    expect(same.n).toBe(2);
    expect(same.reason).toMatch(/same category/);
  });
});

describe("Fleiss' κ", () => {
  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
  // Pᵢ = (Σⱼ nᵢⱼ² − 14) / (14 · 13); Σᵢⱼ nᵢⱼ² = 828, so P̄ = (828 − 140) / 1820 = 172/455 = 0.378.
  // Column totals 20, 28, 39, 21, 32 of 140: P̄ₑ = Σ pⱼ² = (20² + 28² + 39² + 21² + 32²) / 140² = 4170/19600 = 0.213.
  // κ = (172/455 − 417/1960) / (1 − 417/1960) = 4211/20059 = 0.2099…
  const wikipedia = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];

  it('matches the Wikipedia worked example (κ ≈ 0.210)', () => {
    const kappa = fleissKappa(fromCounts(wikipedia));
    expect(kappa.value).toBeCloseTo(4211 / 20059, 12);
    expect(kappa.value).toBeCloseTo(0.21, 3);
    expect(kappa.n).toBe(10);
  });

  // Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological
  // Bulletin 76(5), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses (depression,
  // personality disorder, schizophrenia, neurosis, other). The paper reports κ = .430; R's
  // irr::kappam.fleiss(diagnoses) prints 0.43 too.
  const fleiss1971 = [
    [0, 0, 0, 6, 0],
    [0, 3, 0, 0, 3],
    [0, 1, 4, 0, 1],
    [0, 0, 0, 0, 6],
    [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0],
    [0, 0, 4, 0, 2],
    [2, 0, 3, 1, 0],
    [2, 0, 0, 4, 0],
    [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0],
    [1, 1, 0, 4, 0],
    [0, 3, 3, 0, 0],
    [1, 0, 0, 5, 0],
    [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1],
    [3, 0, 0, 1, 2],
    [5, 1, 0, 0, 0],
    [0, 2, 0, 4, 0],
    [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6],
    [0, 1, 0, 5, 0],
    [0, 2, 0, 1, 3],
    [2, 0, 0, 4, 0],
    [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0],
    [4, 0, 0, 0, 2],
    [0, 2, 0, 4, 0],
    [1, 0, 5, 0, 0],
    [0, 0, 0, 0, 6],
  ];

  it("matches Fleiss (1971)'s psychiatric diagnoses (κ = .430)", () => {
    const kappa = fleissKappa(fromCounts(fleiss1971));
    expect(kappa.value).toBeCloseTo(0.43, 3);
    expect(kappa.n).toBe(30);
  });

  it('skips units not every annotator decided on', () => {
    const complete = fromCounts(wikipedia);
    const withGap = [...complete, [...complete[0]!.slice(1), undefined]];
    expect(fleissKappa(withGap)).toEqual(fleissKappa(complete));
  });

  it("equals Scott's π for two annotators", () => {
    // The 2 × 2 proposals table above, pooled: yes = (25 + 30) / 100 = 0.55,
    // pₑ = 0.55² + 0.45² = 0.505, π = (0.7 − 0.505) / (1 − 0.505) = 0.195 / 0.495.
    const units = fromTable(
      [
        [20, 5],
        [10, 15],
      ],
      ['yes', 'no'],
    );
    expect(fleissKappa(units).value).toBeCloseTo(0.195 / 0.495, 12);
  });

  it('gives a reason instead of NaN', () => {
    expect(fleissKappa([]).reason).toBe('fewer than two annotators');
    expect(fleissKappa([['a']]).reason).toBe('fewer than two annotators');
    expect(fleissKappa([['a', undefined, 'b']]).reason).toBe(
      'no unit was decided on by every annotator',
    );
    expect(fleissKappa([['a', 'a', 'a']]).value).toBeUndefined();
  });
});

describe("Krippendorff's α (nominal)", () => {
  // Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example C: four
  // observers, twelve units, values 1–5, missing data (.). Nominal α = 0.743.
  //   unit  1 2 3 4 5 6 7 8 9 10 11 12
  //   A     1 2 3 3 2 1 4 1 2 .  .  .
  //   B     1 2 3 3 2 2 4 1 2 5  .  3
  //   C     . 3 3 3 2 3 4 2 2 5  1  .
  //   D     1 2 3 3 2 4 4 1 2 5  1  .
  // Unit 12 has one value and is not pairable: n = 40 pairable values.
  // Coincidences o_cc (each unit adds, per ordered pair of equal values, 1/(m − 1)):
  //   o_11 = 6/2 (unit 1) + 6/3 (unit 8) + 2/1 (unit 11) = 7
  //   o_22 = 6/3 (2) + 12/3 (5) + 12/3 (9) = 10
  //   o_33 = 12/3 (3) + 12/3 (4) = 8
  //   o_44 = 12/3 (7) = 4
  //   o_55 = 6/2 (10) = 3                        Σ o_cc = 32
  // Value totals n_c: 1 → 9, 2 → 13, 3 → 10, 4 → 5, 5 → 3 (sum 40);
  //   Σ n_c (n_c − 1) = 72 + 156 + 90 + 20 + 6 = 344
  // α = [(n − 1) Σ o_cc − Σ n_c (n_c − 1)] / [n (n − 1) − Σ n_c (n_c − 1)]
  //   = (39 · 32 − 344) / (40 · 39 − 344) = 904 / 1216 = 0.7434…
  const _ = undefined;
  const reliability: Ratings = [
    [1, 1, _, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [_, 5, 5, 5],
    [_, _, 1, 1],
    [_, 3, _, _],
  ].map((unit) => unit.map((v) => (v === undefined ? undefined : String(v))));

  it("matches Krippendorff's reliability data example (α ≈ 0.743)", () => {
    const alpha = krippendorffAlpha(reliability);
    expect(alpha.value).toBeCloseTo(904 / 1216, 12);
    expect(alpha.n).toBe(11);
  });

  it('matches a hand computation on two annotators without gaps', () => {
    // The proposals table above as coincidences: o_yy = 2 · 20 = 40, o_nn = 2 · 15 = 30,
    // o_yn = o_ny = 5 + 10 = 15; n_yes = 55, n_no = 45, n = 100.
    // α = (99 · 70 − (55 · 54 + 45 · 44)) / (100 · 99 − (55 · 54 + 45 · 44)) = 1980 / 4950 = 0.4
    const units = fromTable(
      [
        [20, 5],
        [10, 15],
      ],
      ['yes', 'no'],
    );
    expect(krippendorffAlpha(units).value).toBeCloseTo(0.4, 12);
  });

  it('leaves out units with fewer than two values, and says when nothing is pairable', () => {
    const lone: Ratings = [['a', undefined, undefined]];
    expect(krippendorffAlpha([...reliability, ...lone])).toEqual(krippendorffAlpha(reliability));
    expect(krippendorffAlpha(lone)).toEqual({
      value: undefined,
      n: 0,
      reason: 'no unit was decided on by two or more annotators',
    });
  });

  it('has no value when every pairable value is the same category', () => {
    const alpha = krippendorffAlpha([
      ['a', 'a'],
      ['a', 'a', undefined],
    ]);
    expect(alpha.value).toBeUndefined();
    expect(alpha.n).toBe(2);
  });
});
