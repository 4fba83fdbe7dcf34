import type { ItemList } from '../../../src/state/item-list.svelte.ts';

/** Calls `list.show` from an effect, as the virtual list does; returns the cleanup. */
export function showFromEffect(list: ItemList, start: number, end: number): () => void {
  return $effect.root(() => {
    $effect(() => {
      void list.show(start, end);
    });
  });
}
