import { scored, unscored, type Score } from './score.ts';

// Chance-corrected agreement on class decisions: each unit (an item, or an item and one
// question about it) gets at most one category from each annotator.
//
// Missing data: `undefined` where an annotator did not decide on a unit.
// - Krippendorff's α uses every pairable value, that is every unit with two or more values.
// - Fleiss' κ needs the same number of decisions per unit, so it skips every unit that not
//   all annotators decided on.
// - Cohen's κ skips every unit that not both annotators decided on.
// The `n` of each score is the number of units it used.

/** One annotator's category for one unit, or undefined when they did not decide on it. */
export type Rating = string | undefined;

/** Units × annotators: `units[u][c]` is annotator c's category for unit u. */
export type Ratings = readonly (readonly Rating[])[];

const ONE_CATEGORY =
  'every decision was the same category, so agreement beyond chance is undefined';

/** Cohen's κ (1960) for two annotators: (pₒ − pₑ) / (1 − pₑ) over units both decided on. */
export function cohenKappa(units: readonly (readonly [Rating, Rating])[]): Score {
  const both = units.filter(
    (u): u is readonly [string, string] => u[0] !== undefined && u[1] !== undefined,
  );
  const n = both.length;
  if (n === 0) return unscored('no unit was decided on by both annotators', 0);
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agreed = 0;
  for (const [a, b] of both) {
    if (a === b) agreed++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  let chance = 0;
  for (const [category, count] of first) chance += (count / n) * ((second.get(category) ?? 0) / n);
  if (chance >= 1) return unscored(ONE_CATEGORY, n);
  return scored((agreed / n - chance) / (1 - chance), n);
}

/** Fleiss' κ (1971) over the units every annotator decided on. */
export function fleissKappa(units: Ratings): Score {
  const raters = units[0]?.length ?? 0;
  if (raters < 2) return unscored('fewer than two annotators', 0);
  const complete = units.filter((u): u is readonly string[] => u.every((r) => r !== undefined));
  const n = complete.length;
  if (n === 0) return unscored('no unit was decided on by every annotator', 0);
  const totals = new Map<string, number>();
  let observed = 0;
  for (const unit of complete) {
    const counts = tally(unit);
    let sameCategoryPairs = 0;
    for (const [category, count] of counts) {
      totals.set(category, (totals.get(category) ?? 0) + count);
      sameCategoryPairs += count * (count - 1);
    }
    observed += sameCategoryPairs / (raters * (raters - 1));
  }
  observed /= n;
  let chance = 0;
  for (const count of totals.values()) chance += (count / (n * raters)) ** 2;
  if (chance >= 1) return unscored(ONE_CATEGORY, n);
  return scored((observed - chance) / (1 - chance), n);
}

/**
 * Krippendorff's α for nominal data, from the coincidence matrix:
 * α = [(n − 1) Σ o_cc − Σ n_c (n_c − 1)] / [n (n − 1) − Σ n_c (n_c − 1)],
 * where a unit with m values adds 1/(m − 1) to o_ck for each ordered pair of its values and
 * n counts the pairable values (units with a single value are left out).
 */
export function krippendorffAlpha(units: Ratings): Score {
  let pairable = 0;
  let usedUnits = 0;
  let matching = 0; // Σ_c o_cc
  const totals = new Map<string, number>(); // n_c
  for (const unit of units) {
    const values = unit.filter((r): r is string => r !== undefined);
    const m = values.length;
    if (m < 2) continue;
    usedUnits++;
    pairable += m;
    for (const [category, count] of tally(values)) {
      totals.set(category, (totals.get(category) ?? 0) + count);
      matching += (count * (count - 1)) / (m - 1);
    }
  }
  if (usedUnits === 0) return unscored('no unit was decided on by two or more annotators', 0);
  let expected = 0; // Σ_c n_c (n_c − 1)
  for (const count of totals.values()) expected += count * (count - 1);
  const denominator = pairable * (pairable - 1) - expected;
  if (denominator <= 0) return unscored(ONE_CATEGORY, usedUnits);
  return scored(((pairable - 1) * matching - expected) / denominator, usedUnits);
}

function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
