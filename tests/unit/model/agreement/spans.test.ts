import { describe, expect, it } from 'vitest';
import { spanAgreement, spanPairs } from '../../../../src/model/agreement/spans.ts';
import { annotator, scrambled } from '../../../factories/agreement.ts';

describe('span agreement', () => {
  const ann = annotator('ann');
  const bob = annotator('bob');
  // Ann (reference)          Bob (compared)
  // PER [0, 5)               PER [0, 5)        same span: exact and overlap match
  // ORG [10, 20)             ORG [10, 18)      overlap 8: overlap match only
  // PER [30, 35)             PER [32, 40)      overlap 3: overlap match only
  // LOC [40, 50)             ORG [40, 50)      same place, other label: no match
  //                          PER [60, 65)      Ann has nothing there
  const reference = [
    ann.span('t1', 'PER', 0, 5),
    ann.span('t1', 'ORG', 10, 20),
    ann.span('t1', 'PER', 30, 35),
    ann.span('t1', 'LOC', 40, 50),
  ];
  const compared = [
    bob.span('t1', 'PER', 0, 5),
    bob.span('t1', 'ORG', 10, 18),
    bob.span('t1', 'PER', 32, 40),
    bob.span('t1', 'ORG', 40, 50),
    bob.span('t1', 'PER', 60, 65),
  ];

  it('scores exact matches overall: 1 of 4 and 5', () => {
    // precision 1/5, recall 1/4, F1 = 2 · 1 / (4 + 5) = 2/9
    const { exact } = spanAgreement(reference, compared).overall;
    expect(exact).toMatchObject({ matched: 1, reference: 4, compared: 5 });
    expect(exact.precision).toEqual({ value: 1 / 5, n: 5 });
    expect(exact.recall).toEqual({ value: 1 / 4, n: 4 });
    expect(exact.f1).toEqual({ value: 2 / 9, n: 9 });
  });

  it('scores overlap matches overall: 3 of 4 and 5', () => {
    // precision 3/5, recall 3/4, F1 = 2 · 3 / 9 = 2/3
    const { overlap } = spanAgreement(reference, compared).overall;
    expect(overlap).toMatchObject({ matched: 3, reference: 4, compared: 5 });
    expect(overlap.precision.value).toBeCloseTo(3 / 5, 12);
    expect(overlap.recall.value).toBeCloseTo(3 / 4, 12);
    expect(overlap.f1.value).toBeCloseTo(2 / 3, 12);
  });

  it('scores each label on its own', () => {
    const labels = spanAgreement(reference, compared).labels;
    expect(labels.map((l) => l.label)).toEqual(['LOC', 'ORG', 'PER']);
    const [loc, org, per] = labels;
    // LOC: Ann 1, Bob 0. Nothing of Bob's to be precise about; F1 = 0 / 1.
    expect(loc!.exact.f1).toEqual({ value: 0, n: 1 });
    expect(loc!.exact.recall).toEqual({ value: 0, n: 1 });
    expect(loc!.exact.precision.value).toBeUndefined();
    expect(loc!.exact.precision.reason).toBe('the compared annotator made none');
    // ORG: Ann 1, Bob 2; exact 0 → F1 0; overlap 1 → F1 2 · 1 / 3.
    expect(org!.exact.f1.value).toBe(0);
    expect(org!.overlap.f1.value).toBeCloseTo(2 / 3, 12);
    // PER: Ann 2, Bob 3; exact 1 → F1 2/5; overlap 2 → F1 4/5.
    expect(per!.exact.f1.value).toBeCloseTo(2 / 5, 12);
    expect(per!.overlap.f1.value).toBeCloseTo(4 / 5, 12);
  });

  it('has a symmetric F1, with precision and recall swapping', () => {
    const forward = spanAgreement(reference, compared).overall;
    const backward = spanAgreement(compared, reference).overall;
    expect(backward.exact.f1).toEqual(forward.exact.f1);
    expect(backward.overlap.f1).toEqual(forward.overlap.f1);
    expect(backward.exact.precision).toEqual(forward.exact.recall);
    expect(backward.overlap.recall).toEqual(forward.overlap.precision);
  });

  it('does not depend on the order annotations come in', () => {
    expect(spanAgreement(scrambled(reference), scrambled(compared))).toEqual(
      spanAgreement(reference, compared),
    );
  });

  it('never matches spans of different items', () => {
    const other = [bob.span('t2', 'PER', 0, 5)];
    const { exact, overlap } = spanAgreement([reference[0]!], other).overall;
    expect(exact.matched).toBe(0);
    expect(overlap.matched).toBe(0);
    expect(exact.f1.value).toBe(0);
  });

  it('pairs one to one, the longest overlap first', () => {
    const wide = ann.span('t1', 'PER', 0, 10);
    const short = bob.span('t1', 'PER', 0, 4); // shares 4
    const long = bob.span('t1', 'PER', 3, 10); // shares 7: taken
    const pairs = spanPairs([wide], [short, long], 'overlap');
    expect(pairs).toEqual([{ reference: wide, compared: long, score: 7 }]);
    expect(spanAgreement([wide], [short, long]).overall.overlap.f1.value).toBeCloseTo(2 / 3, 12);
  });

  it('breaks equal overlaps by id, whatever the input order', () => {
    const wide = ann.span('t1', 'PER', 0, 10);
    const left = bob.span('t1', 'PER', 0, 5); // id bob-…, built first: the lower id
    const right = bob.span('t1', 'PER', 5, 10);
    expect(spanPairs([wide], [right, left], 'overlap')[0]!.compared).toBe(left);
  });

  it('counts touching spans as not overlapping (offsets are half-open)', () => {
    const a = ann.span('t1', 'PER', 0, 5);
    const b = bob.span('t1', 'PER', 5, 9);
    expect(spanPairs([a], [b], 'overlap')).toEqual([]);
  });

  it('pairs duplicates one to one in exact matching', () => {
    const twice = [ann.span('t1', 'PER', 0, 5), ann.span('t1', 'PER', 0, 5)];
    const once = [bob.span('t1', 'PER', 0, 5)];
    const { exact } = spanAgreement(twice, once).overall;
    expect(exact).toMatchObject({ matched: 1, reference: 2, compared: 1 });
    expect(exact.f1.value).toBeCloseTo(2 / 3, 12);
  });

  it('has no F1 when neither annotator made a span', () => {
    const { overall, labels } = spanAgreement([], []);
    expect(labels).toEqual([]);
    expect(overall.exact.f1).toEqual({
      value: undefined,
      n: 0,
      reason: 'neither annotator made any',
    });
  });
});
