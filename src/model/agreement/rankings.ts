import { scored, unscored, type Score } from './score.ts';

// Agreement on rankings. A ranking is a rank number per response (1 = best; equal numbers
// are a tie), the same responses for every annotator of an item.

/**
 * Kendall's W (Kendall & Babington Smith 1939) of m annotators ranking the same n responses:
 * W = 12 S / (m² (n³ − n) − m Σ T), S the sum of squared deviations of the rank sums from their
 * mean, T = Σ (t³ − t) over each annotator's ties (no ties: the textbook 12 S / (m² n (n² − 1))).
 * Ranks are made mid-ranks first, so tiers 1, 2, 2 become 1, 2.5, 2.5.
 */
export function kendallW(rankings: readonly (readonly number[])[]): Score {
  const m = rankings.length;
  const n = rankings[0]?.length ?? 0;
  if (m < 2) return unscored('fewer than two annotators ranked these responses', m);
  if (n < 2) return unscored('fewer than two responses to rank', m);
  const mid = rankings.map(midRanks);
  const sums = Array.from({ length: n }, (_, i) => mid.reduce((s, r) => s + r[i]!, 0));
  const mean = (m * (n + 1)) / 2;
  const S = sums.reduce((s, r) => s + (r - mean) ** 2, 0);
  const T = rankings.reduce((s, r) => s + tieTerm(r), 0);
  const denominator = m * m * (n ** 3 - n) - m * T;
  if (denominator <= 0) return unscored('every annotator ranked every response equal', m);
  return scored((12 * S) / denominator, m);
}

/** Kendall's τ-b between two rankings of the same responses (ties in either are allowed). */
export function kendallTauB(a: readonly number[], b: readonly number[]): Score {
  let concordant = 0;
  let discordant = 0;
  let tiedA = 0;
  let tiedB = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const x = Math.sign(a[i]! - a[j]!);
      const y = Math.sign(b[i]! - b[j]!);
      if (x === 0 && y === 0) continue;
      if (x === 0) tiedA++;
      else if (y === 0) tiedB++;
      else if (x === y) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt(
    (concordant + discordant + tiedA) * (concordant + discordant + tiedB),
  );
  if (denominator === 0) return unscored('one of the rankings puts everything equal', a.length);
  return scored((concordant - discordant) / denominator, a.length);
}

/** τ-b averaged over every pair of annotators and every item they both ranked. */
export function meanPairwiseTau(
  items: readonly (readonly (readonly number[] | undefined)[])[],
): Score {
  let sum = 0;
  let n = 0;
  for (const annotators of items) {
    for (let i = 0; i < annotators.length; i++) {
      for (let j = i + 1; j < annotators.length; j++) {
        const a = annotators[i];
        const b = annotators[j];
        if (!a || !b) continue;
        const tau = kendallTauB(a, b);
        if (tau.value === undefined) continue;
        sum += tau.value;
        n++;
      }
    }
  }
  return n === 0 ? unscored('no two annotators ranked the same item', 0) : scored(sum / n, n);
}

function midRanks(ranks: readonly number[]): number[] {
  const order = ranks.map((r, i) => [r, i] as const).sort((x, y) => x[0] - y[0]);
  const out = new Array<number>(ranks.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    const mid = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]![1]] = mid;
    start = end + 1;
  }
  return out;
}

function tieTerm(ranks: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  let t = 0;
  for (const c of counts.values()) if (c > 1) t += c ** 3 - c;
  return t;
}
