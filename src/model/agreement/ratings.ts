import { scored, unscored, type Score } from './score.ts';

// Krippendorff's α for ratings on a scale, where a near miss is less of a disagreement than a
// far one. Units × annotators of integers, `undefined` where an annotator gave no rating.
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
//   α = 1 − (n − 1) Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck
// with o_ck the coincidences (each ordered pair of values in a unit of m values adds
// 1/(m − 1)), n_c the pairable values of c, and δ² the metric: interval (c − k)²; ordinal
// (Σ_{g from c to k} n_g − (n_c + n_k)/2)².

export type Metric = 'interval' | 'ordinal';

export function krippendorffAlphaScale(
  units: readonly (readonly (number | undefined)[])[],
  metric: Metric,
): Score {
  const coincidence = new Map<string, number>();
  const totals = new Map<number, number>();
  let pairable = 0;
  let used = 0;
  for (const unit of units) {
    const values = unit.filter((v): v is number => v !== undefined);
    const m = values.length;
    if (m < 2) continue;
    used++;
    pairable += m;
    for (const v of values) totals.set(v, (totals.get(v) ?? 0) + 1);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const key = `${values[i]},${values[j]}`;
        coincidence.set(key, (coincidence.get(key) ?? 0) + 1 / (m - 1));
      }
    }
  }
  if (used === 0) return unscored('no response was rated by two or more annotators', 0);
  const values = [...totals.keys()].sort((a, b) => a - b);
  const delta = (c: number, k: number): number => {
    if (metric === 'interval') return (c - k) ** 2;
    const [lo, hi] = c <= k ? [c, k] : [k, c];
    let sum = 0;
    for (const g of values) if (g >= lo && g <= hi) sum += totals.get(g)!;
    return (sum - (totals.get(c)! + totals.get(k)!) / 2) ** 2;
  };
  let observed = 0;
  for (const [key, o] of coincidence) {
    const [c, k] = key.split(',').map(Number) as [number, number];
    observed += o * delta(c, k);
  }
  let expected = 0;
  for (const c of values)
    for (const k of values) expected += totals.get(c)! * totals.get(k)! * delta(c, k);
  if (expected === 0)
    return unscored('every rating was the same, so agreement beyond chance is undefined', used);
  return scored(1 - ((pairable - 1) * observed) / expected, used);
}
