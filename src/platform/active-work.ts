// Work that a page reload would cut short: a held drag, a shape being drawn, an import, a
// restore. The app announces a new version at any time but reloads only when this is empty.

/** Open pieces of work, each named in the labeler's words ("a drag", "an import"). */
export class ActiveWork {
  private readonly open = new Map<symbol, string>();

  /** Marks work as started; call the returned function once it has ended (or failed). */
  begin(what: string): () => void {
    const token = Symbol(what);
    this.open.set(token, what);
    return () => void this.open.delete(token);
  }

  /** The oldest work still open, or undefined when nothing is. */
  get current(): string | undefined {
    return this.open.values().next().value;
  }
}

/** The page's one list of open work. */
export const activeWork = new ActiveWork();

/**
 * Counts every held pointer (mouse button, pen or finger down) as open work: a drag that has not
 * been released yet, whatever tool it belongs to. Returns a function that stops tracking.
 */
export function trackHeldPointers(target: Window, work: ActiveWork = activeWork): () => void {
  const held = new Map<number, () => void>();
  const release = (event: PointerEvent) => {
    held.get(event.pointerId)?.();
    held.delete(event.pointerId);
  };
  const releaseAll = () => {
    for (const end of held.values()) end();
    held.clear();
  };
  const press = (event: PointerEvent) => {
    if (!held.has(event.pointerId)) held.set(event.pointerId, work.begin('a drag'));
  };
  const options = { capture: true };
  target.addEventListener('pointerdown', press, options);
  target.addEventListener('pointerup', release, options);
  target.addEventListener('pointercancel', release, options);
  // A release outside the window can go unseen: leaving the window ends every drag.
  target.addEventListener('blur', releaseAll);
  return () => {
    releaseAll();
    target.removeEventListener('pointerdown', press, options);
    target.removeEventListener('pointerup', release, options);
    target.removeEventListener('pointercancel', release, options);
    target.removeEventListener('blur', releaseAll);
  };
}
