import type { Annotation } from './annotation.ts';
import type { ItemStatus } from './item.ts';
import type { Suggestion } from './suggestion.ts';

// Undo/redo as a stack of reversible changes (after tldraw's HistoryManager): each step keeps
// the annotations as they were and as they became, so undo is the same change inverted and
// nothing has to be recomputed from storage. Annotations are treated as immutable values.

/** One labeler gesture: what it added or changed (after) and what it removed or replaced (before). */
export interface Change {
  /** Annotations keyed by id: ids here but not in `after` were removed. */
  before: Annotation[];
  /** Ids here but not in `before` were added; ids in both were updated. */
  after: Annotation[];
  /** The item's status, when the gesture changed it (marking done is undoable too). */
  status?: { before: ItemStatus; after: ItemStatus };
  /**
   * Suggestions the gesture took off the item's waiting list (before) or put on it (after):
   * accepting one is an edit, so undo brings it back.
   */
  suggestions?: { before: Suggestion[]; after: Suggestion[] };
}

export function invert(change: Change): Change {
  const inverted: Change = { before: change.after, after: change.before };
  if (change.status) inverted.status = { before: change.status.after, after: change.status.before };
  if (change.suggestions)
    inverted.suggestions = { before: change.suggestions.after, after: change.suggestions.before };
  return inverted;
}

/** True when the change adds, removes and alters nothing (an update to identical values counts). */
export function isEmpty(change: Change): boolean {
  if (change.status && change.status.before !== change.status.after) return false;
  if (change.suggestions && change.suggestions.before.length + change.suggestions.after.length > 0)
    return false;
  if (change.before.length === 0 && change.after.length === 0) return true;
  const before = byId(change.before);
  const after = byId(change.after);
  if (before.size !== after.size) return false;
  for (const [id, next] of after) {
    const prev = before.get(id);
    if (prev === undefined || !sameValue(prev, next)) return false;
  }
  return true;
}

/** What a change does to storage: annotations to put and ids to remove. */
export function toWrite(change: Change): { put: Annotation[]; remove: string[] } {
  const after = byId(change.after);
  const remove = [...byId(change.before).keys()].filter((id) => !after.has(id));
  return { put: [...after.values()], remove };
}

export class History {
  readonly limit: number;
  #undo: Change[] = [];
  #redo: Change[] = [];

  constructor(limit = 500) {
    this.limit = Math.max(0, Math.floor(limit));
  }

  /** Pushes a step and clears redo (a new gesture forks history); empty changes are ignored. */
  record(change: Change): void {
    if (isEmpty(change)) return;
    // Copy the arrays so a caller reusing them cannot rewrite a recorded step.
    this.#undo.push({ ...change, before: [...change.before], after: [...change.after] });
    this.#redo = [];
    if (this.#undo.length > this.limit) this.#undo.splice(0, this.#undo.length - this.limit);
  }

  /** The inverse change to apply now; the step moves to the redo stack. */
  undo(): Change | undefined {
    const step = this.#undo.pop();
    if (step === undefined) return undefined;
    this.#redo.push(step);
    return invert(step);
  }

  /** The change to apply again; the step moves back to the undo stack. */
  redo(): Change | undefined {
    const step = this.#redo.pop();
    if (step === undefined) return undefined;
    this.#undo.push(step);
    return step;
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  clear(): void {
    this.#undo = [];
    this.#redo = [];
  }
}

/**
 * Applies a change to an in-memory list of annotations: removed ids are dropped, updated ones
 * replaced in place, added ones appended in the order of `after`. An id in `after` missing from
 * the list is appended, so applying is an upsert and never loses the change's result.
 */
export function applyChange(list: readonly Annotation[], change: Change): Annotation[] {
  const after = byId(change.after);
  const removed = new Set(change.before.map((a) => a.id).filter((id) => !after.has(id)));
  const seen = new Set<string>();
  const out: Annotation[] = [];
  for (const a of list) {
    if (removed.has(a.id)) continue;
    const next = after.get(a.id);
    if (next === undefined) {
      out.push(a);
    } else {
      seen.add(a.id);
      out.push(next);
    }
  }
  for (const [id, a] of after) if (!seen.has(id)) out.push(a);
  return out;
}

/** Last one wins, matching how storage would end up after putting them in order. */
function byId(list: readonly Annotation[]): Map<string, Annotation> {
  return new Map(list.map((a) => [a.id, a]));
}

/** Structural equality for plain data (annotations are JSON-shaped). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  return keys.every((k) => Object.hasOwn(rb, k) && sameValue(ra[k], rb[k]));
}
