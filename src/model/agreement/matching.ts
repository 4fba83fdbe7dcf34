// One-to-one matching of two annotators' annotations, greedy: the best-scoring candidate
// pair is taken first, then the best of what is left, and so on. Greedy is what COCO's
// evaluation does; it can pair fewer than an optimal (Hungarian) assignment would in
// contrived layouts, but it is deterministic, explainable to a reviewer and O(k log k) in
// the candidate pairs.

export interface Match {
  /** Index into the reference list. */
  reference: number;
  /** Index into the compared list. */
  compared: number;
  score: number;
}

/**
 * Pairs `reference[i]` with `compared[j]` where `score` gives a number (undefined: they can
 * never pair), highest score first. Ties go to the lower reference index, then the lower
 * compared index, so the same ordered input always gives the same pairs.
 */
export function greedyMatch<A, B>(
  reference: readonly A[],
  compared: readonly B[],
  score: (reference: A, compared: B) => number | undefined,
): Match[] {
  const candidates: Match[] = [];
  reference.forEach((a, i) =>
    compared.forEach((b, j) => {
      const s = score(a, b);
      if (s !== undefined) candidates.push({ reference: i, compared: j, score: s });
    }),
  );
  candidates.sort(
    (x, y) => y.score - x.score || x.reference - y.reference || x.compared - y.compared,
  );
  const takenReference = new Set<number>();
  const takenCompared = new Set<number>();
  const matches: Match[] = [];
  for (const c of candidates) {
    if (takenReference.has(c.reference) || takenCompared.has(c.compared)) continue;
    takenReference.add(c.reference);
    takenCompared.add(c.compared);
    matches.push(c);
  }
  return matches;
}

/** Groups annotations by item and label (only those can match), each group ordered by id. */
export function byItemAndLabel<T extends { itemId: string; label: string; id: string }>(
  annotations: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const a of annotations) {
    const key = JSON.stringify([a.itemId, a.label]);
    const group = groups.get(key);
    if (group) group.push(a);
    else groups.set(key, [a]);
  }
  for (const group of groups.values()) group.sort((x, y) => compare(x.id, y.id));
  return groups;
}

/** Code-unit order, the same in every locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Paired<T> {
  reference: T;
  compared: T;
  score: number;
}

export interface LabelMatching<T> {
  pairs: Paired<T>[];
  /** Per label id, in code-unit order of the ids. */
  counts: Map<string, { matched: number; reference: number; compared: number }>;
}

/**
 * Matches two annotators' annotations one to one within each item and label: annotations on
 * different items or with different labels never pair.
 */
export function matchWithinLabels<T extends { itemId: string; label: string; id: string }>(
  reference: readonly T[],
  compared: readonly T[],
  score: (reference: T, compared: T) => number | undefined,
): LabelMatching<T> {
  const ours = byItemAndLabel(reference);
  const theirs = byItemAndLabel(compared);
  const pairs: Paired<T>[] = [];
  const counts = new Map<string, { matched: number; reference: number; compared: number }>();
  const labels = [...new Set([...reference, ...compared].map((a) => a.label))].sort(compare);
  for (const label of labels) counts.set(label, { matched: 0, reference: 0, compared: 0 });
  for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
    const a = ours.get(key) ?? [];
    const b = theirs.get(key) ?? [];
    const label = (a[0] ?? b[0])!.label;
    const count = counts.get(label)!;
    count.reference += a.length;
    count.compared += b.length;
    for (const m of greedyMatch(a, b, score)) {
      count.matched++;
      pairs.push({ reference: a[m.reference]!, compared: b[m.compared]!, score: m.score });
    }
  }
  return { pairs, counts };
}
