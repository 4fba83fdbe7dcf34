import type { Change } from '../model/history.ts';
import type { Shape } from '../model/geometry.ts';

// Shape management: drawing order, locking. Pure functions over stored shapes, each giving
// one change (one undo step) for the annotator to commit.

/** Drawing order: by `z` (absent is 0), then oldest first, then by id — the same after a reload. */
export function byDrawingOrder(a: Shape, b: Shape): number {
  return (
    (a.z ?? 0) - (b.z ?? 0) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
  );
}

const stamped = (shapes: readonly Shape[], at: string) =>
  shapes.map((s) => ({ ...s, updatedAt: at }));

/** Puts `targets` above every other shape (or below, `front` false), keeping their own order. */
export function arrange(
  all: readonly Shape[],
  targets: readonly Shape[],
  front: boolean,
  at: string,
): Change {
  const ids = new Set(targets.map((s) => s.id));
  const others = all.filter((s) => !ids.has(s.id)).map((s) => s.z ?? 0);
  if (targets.length === 0 || others.length === 0) return { before: [], after: [] };
  const ordered = [...targets].sort(byDrawingOrder);
  const start = front ? Math.max(...others) + 1 : Math.min(...others) - ordered.length;
  const after = ordered.map((s, i) => ({ ...s, z: start + i }));
  // Already there: no step to undo.
  if (after.every((s, i) => s.z === (ordered[i]!.z ?? 0))) return { before: [], after: [] };
  return { before: ordered, after: stamped(after, at) };
}

/** Locks the shapes (or unlocks them all when every one is locked already). */
export function toggleLock(targets: readonly Shape[], at: string): Change {
  const lock = !targets.every((s) => s.locked);
  const changed = targets.filter((s) => (s.locked === true) !== lock);
  const after = changed.map((s): Shape => {
    const copy = { ...s };
    if (lock) copy.locked = true;
    else delete copy.locked;
    return copy;
  });
  return { before: changed, after: stamped(after, at) };
}

export function editable(shape: Shape): boolean {
  return shape.locked !== true;
}
