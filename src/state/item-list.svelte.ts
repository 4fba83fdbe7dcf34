import type { Repository, ItemFilter } from '../storage/repository.ts';
import type { ListedItem } from '../model/item.ts';

/** Rows kept loaded on each side of the view. */
const KEEP = 200;

/**
 * The filtered list of a project's items. Holds only ids for the whole list (100,000 is a
 * few MB) and fetches the rows a viewport shows.
 */
export class ItemList {
  ids = $state.raw<string[]>([]);
  rows = $state.raw<ReadonlyMap<string, ListedItem>>(new Map());
  filter = $state.raw<ItemFilter>({});
  loading = $state(false);
  /** The item open for labeling; kept here so it survives switching tabs. */
  selectedId = $state<string | undefined>();
  private generation = 0;

  constructor(
    private readonly repository: Repository,
    readonly projectId: string,
  ) {}

  async setFilter(filter: ItemFilter): Promise<void> {
    this.filter = filter;
    await this.reload();
  }

  /** Re-reads the ids; a slower earlier reload never overwrites a newer one. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    const ids = await this.repository.itemIds(this.projectId, this.filter);
    if (generation !== this.generation) return;
    this.ids = ids;
    this.rows = new Map();
    this.loading = false;
  }

  /**
   * Makes sure the rows from `start` to `end` (exclusive) are loaded. Keeps only rows near the
   * view, so the cache (and the copy made on each change) stays small however far one scrolls.
   */
  async show(start: number, end: number): Promise<void> {
    const wanted = this.ids.slice(start, end).filter((id) => !this.rows.has(id));
    if (wanted.length === 0) return;
    const items = await this.repository.listedItems(wanted);
    const next = new Map<string, ListedItem>();
    for (const id of this.ids.slice(Math.max(0, start - KEEP), end + KEEP)) {
      const row = this.rows.get(id);
      if (row) next.set(id, row);
    }
    for (const item of items) next.set(item.id, item);
    this.rows = next;
  }

  /** Updates a row already shown, after an edit elsewhere. */
  replace(item: ListedItem): void {
    if (!this.rows.has(item.id)) return;
    const { id, name, status, kind } = item; // a row, not the whole item (a conversation's text)
    this.rows = new Map(this.rows).set(id, { id, name, status, kind });
  }

  neighbour(id: string, step: 1 | -1): string | undefined {
    const at = this.ids.indexOf(id);
    return at < 0 ? undefined : this.ids[at + step];
  }
}
