import { untrack } from 'svelte';
import type { Repository, ItemFilter } from '../storage/repository.ts';
import { splitItem, type Item, type ItemRow } from '../model/item.ts';

/** Rows kept loaded on each side of the view. */
const KEEP = 200;

/**
 * The filtered list of a project's items. Holds only ids for the whole list (100,000 is a
 * few MB) and fetches the rows a viewport shows.
 */
export class ItemList {
  ids = $state.raw<string[]>([]);
  rows = $state.raw<ReadonlyMap<string, ItemRow>>(new Map());
  filter = $state.raw<ItemFilter>({});
  loading = $state(false);
  /** The item open for labeling; kept here so it survives switching tabs. */
  selectedId = $state<string | undefined>();
  private generation = 0;
  /** The rows in view, as last asked for. */
  private view = { start: 0, end: 0 };
  /** Ids being read for this list of ids, with any edit made to the row meanwhile. */
  private pending = new Map<string, ItemRow | undefined>();
  private idSet: { of: string[]; set: Set<string> } | undefined;

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
    this.pending = new Map();
    this.loading = false;
  }

  /**
   * Makes sure the rows from `start` to `end` (exclusive) are loaded. Keeps only rows near the
   * latest view, so the cache (and the copy made on each change) stays small however far one
   * scrolls. Called from an effect: it depends on the ids, never on the rows, so a read that
   * lands does not start another, and rows already being read are not asked for again. (When
   * it did both, a scroll faster than storage answered set off reads that each set off
   * another: 188,000 rows read in 180 scroll steps, and frames of 67–117 ms.)
   */
  async show(start: number, end: number): Promise<void> {
    this.view = { start, end };
    const ids = this.ids;
    const pending = this.pending;
    const wanted = untrack(() =>
      ids.slice(start, end).filter((id) => !this.rows.has(id) && !pending.has(id)),
    );
    if (wanted.length === 0) return;
    for (const id of wanted) pending.set(id, undefined);
    let items: ItemRow[];
    const edited = new Map<string, ItemRow>();
    try {
      items = await this.repository.itemRows(wanted);
    } finally {
      for (const id of wanted) {
        const edit = pending.get(id);
        if (edit) edited.set(id, edit);
        pending.delete(id);
      }
    }
    if (ids !== this.ids) return; // the list was read again meanwhile
    const read = new Map(items.map((item) => [item.id, item]));
    const next = new Map<string, ItemRow>();
    for (const id of ids.slice(Math.max(0, this.view.start - KEEP), this.view.end + KEEP)) {
      const row = edited.get(id) ?? read.get(id) ?? this.rows.get(id);
      if (row) next.set(id, row);
    }
    this.rows = next;
  }

  /** Updates a row shown or being read, after an edit elsewhere. */
  replace(item: Item | ItemRow): void {
    const { row } = splitItem(item); // a row, not the whole item (a conversation's messages)
    const { id } = row;
    if (this.pending.has(id)) this.pending.set(id, row); // a read begun before the edit lands
    if (!this.rows.has(id)) return;
    this.rows = new Map(this.rows).set(id, row);
  }

  /** Whether the list holds this item (a Set of its ids is made once per list read). */
  has(id: string): boolean {
    if (this.idSet?.of !== this.ids) this.idSet = { of: this.ids, set: new Set(this.ids) };
    return this.idSet.set.has(id);
  }

  /**
   * The next item still to do after `from` in this list, wrapping round. The rows around the
   * open item are loaded with their statuses (the list keeps it in view), so the next to do is
   * usually found among them without a read; past them, the status index is read.
   */
  async nextTodo(from: Pick<Item, 'id' | 'seq'>): Promise<string | undefined> {
    // A list of only done or skipped items has nothing to do.
    if (this.filter.status && this.filter.status !== 'todo') return undefined;
    const at = this.ids.indexOf(from.id);
    for (let i = at + 1; at >= 0 && i < this.ids.length; i++) {
      const row = this.rows.get(this.ids[i]!);
      if (!row) break;
      if (row.status === 'todo') return row.id;
    }
    return this.repository.nextWithStatus(this.projectId, 'todo', from.seq, (id) => this.has(id));
  }

  neighbour(id: string, step: 1 | -1): string | undefined {
    const at = this.ids.indexOf(id);
    return at < 0 ? undefined : this.ids[at + step];
  }
}
