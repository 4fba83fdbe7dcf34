// Splitting a project's items into batches for several labelers. An overlap set (items every
// batch gets) is what agreement is computed on; the rest is dealt out in turn so batches
// differ in size by at most one.

export interface BatchPlan {
  /** Item ids per batch, in the project's order. */
  batches: string[][];
  /** The ids every batch shares. */
  overlap: string[];
}

export function splitIntoBatches(
  ids: readonly string[],
  count: number,
  overlap: number,
): BatchPlan {
  const n = Math.max(1, Math.floor(count));
  const shared = Math.max(0, Math.min(Math.floor(overlap), ids.length));
  // Spread the shared items over the whole project rather than taking the first ones, so
  // agreement is measured on a fair sample.
  const sharedIndexes = new Set(
    Array.from({ length: shared }, (_, k) => Math.floor((k * ids.length) / shared)),
  );
  const batches: string[][] = Array.from({ length: n }, () => []);
  let turn = 0;
  ids.forEach((id, index) => {
    if (sharedIndexes.has(index)) for (const batch of batches) batch.push(id);
    else batches[turn++ % n]!.push(id);
  });
  return { batches, overlap: ids.filter((_, index) => sharedIndexes.has(index)) };
}
