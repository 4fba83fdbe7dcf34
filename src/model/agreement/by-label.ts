import { compare, type LabelTally, type Tally } from './matching.ts';

// Agreement figures for each label and for all labels together (micro: pooled counts).

export interface ByLabel<T> {
  overall: T;
  /** One entry per label either annotator used, in code-unit order of the label ids. */
  labels: ({ label: string } & T)[];
}

export function byLabel<T>(tally: Tally, scores: (t: LabelTally) => T): ByLabel<T> {
  const sum: LabelTally = { matched: 0, reference: 0, compared: 0, scoreSum: 0 };
  for (const t of tally.values()) {
    sum.matched += t.matched;
    sum.reference += t.reference;
    sum.compared += t.compared;
    sum.scoreSum += t.scoreSum;
  }
  return {
    overall: scores(sum),
    labels: [...tally.keys()]
      .sort(compare)
      .map((label) => ({ label, ...scores(tally.get(label)!) })),
  };
}
