import type { MatchCounts } from './f1.ts';

// One-to-one matching of two annotators' annotations, greedy: the best-scoring candidate
// pair is taken first, then the best of what is left, and so on. Greedy is what COCO's
// evaluation does; where similar shapes crowd together an optimal (Hungarian) assignment
// can occasionally pair one more, but greedy is deterministic, explainable to a reviewer
// and O(k log k) in the candidate pairs.

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
  for (let i = 0; i < reference.length; i++) {
    for (let j = 0; j < compared.length; j++) {
      const s = score(reference[i]!, compared[j]!);
      if (s !== undefined) candidates.push({ reference: i, compared: j, score: s });
    }
  }
  if (candidates.length <= 1) return candidates;
  candidates.sort(
    (x, y) => y.score - x.score || x.reference - y.reference || x.compared - y.compared,
  );
  const takenReference = new Uint8Array(reference.length);
  const takenCompared = new Uint8Array(compared.length);
  const matches: Match[] = [];
  for (const c of candidates) {
    if (takenReference[c.reference] || takenCompared[c.compared]) continue;
    takenReference[c.reference] = 1;
    takenCompared[c.compared] = 1;
    matches.push(c);
  }
  return matches;
}

type Matchable = { itemId: string; label: string; id: string };

/** The annotations of one item and one label: only these can pair. */
export interface Group<T> {
  label: string;
  /** Ordered by id. */
  reference: T[];
  /** Ordered by id. */
  compared: T[];
}

/** Both annotators' annotations by item and label, in item, label and id order. */
export function groupsOf<T extends Matchable>(
  reference: readonly T[],
  compared: readonly T[],
): Group<T>[] {
  const ours = [...reference].sort(byItemLabelId);
  const theirs = [...compared].sort(byItemLabelId);
  const groups: Group<T>[] = [];
  let i = 0;
  let j = 0;
  // Merge the two ordered lists, a group at a time.
  while (i < ours.length || j < theirs.length) {
    const a = ours[i];
    const b = theirs[j];
    const first = a && (!b || sameGroupOrder(a, b) <= 0) ? a : b!;
    const group: Group<T> = { label: first.label, reference: [], compared: [] };
    while (i < ours.length && sameGroupOrder(ours[i]!, first) === 0)
      group.reference.push(ours[i++]!);
    while (j < theirs.length && sameGroupOrder(theirs[j]!, first) === 0)
      group.compared.push(theirs[j++]!);
    groups.push(group);
  }
  return groups;
}

function sameGroupOrder(a: Matchable, b: Matchable): number {
  return compare(a.itemId, b.itemId) || compare(a.label, b.label);
}

function byItemLabelId(a: Matchable, b: Matchable): number {
  return sameGroupOrder(a, b) || compare(a.id, b.id);
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

/** Counts of one label, and the sum of its matched pairs' scores (for a mean). */
export interface LabelTally extends MatchCounts {
  scoreSum: number;
}

/** Per label id. */
export type Tally = Map<string, LabelTally>;

export interface LabelMatching<T> {
  pairs: Paired<T>[];
  tally: Tally;
}

/**
 * Matches two annotators' annotations one to one within each item and label: annotations on
 * different items or with different labels never pair.
 */
export function matchWithinLabels<T extends Matchable>(
  reference: readonly T[],
  compared: readonly T[],
  score: (reference: T, compared: T) => number | undefined,
): LabelMatching<T> {
  return matchGroups(groupsOf(reference, compared), score);
}

/** Matches within groups already made (one grouping can serve several rules). */
export function matchGroups<T>(
  groups: readonly Group<T>[],
  score: (reference: T, compared: T) => number | undefined,
): LabelMatching<T> {
  const pairs: Paired<T>[] = [];
  const tally: Tally = new Map();
  for (const { label, reference, compared } of groups) {
    let t = tally.get(label);
    if (!t) tally.set(label, (t = { matched: 0, reference: 0, compared: 0, scoreSum: 0 }));
    t.reference += reference.length;
    t.compared += compared.length;
    for (const m of greedyMatch(reference, compared, score)) {
      t.matched++;
      t.scoreSum += m.score;
      pairs.push({
        reference: reference[m.reference]!,
        compared: compared[m.compared]!,
        score: m.score,
      });
    }
  }
  return { pairs, tally };
}

/** Adds `from` into `into`. */
export function mergeTally(into: Tally, from: Tally): void {
  for (const [label, t] of from) {
    const sum = into.get(label);
    if (!sum) into.set(label, { ...t });
    else {
      sum.matched += t.matched;
      sum.reference += t.reference;
      sum.compared += t.compared;
      sum.scoreSum += t.scoreSum;
    }
  }
}

/** True when every annotation of either side found a partner. */
export function allMatched(tally: Tally): boolean {
  for (const t of tally.values()) {
    if (t.matched !== t.reference || t.matched !== t.compared) return false;
  }
  return true;
}
