import type { Repository } from '../storage/repository.ts';
import type { Item, ItemStatus } from '../model/item.ts';
import type { Annotation, ClassAnnotation } from '../model/annotation.ts';
import { newId, now } from '../model/ids.ts';

/** The item open for labeling, its annotations, and the edits a labeler makes to it. */
export class ItemEditor {
  item = $state.raw<Item | undefined>();
  annotations = $state.raw<Annotation[]>([]);
  imageUrl = $state<string | undefined>();

  classes: ClassAnnotation[] = $derived(this.annotations.filter((a) => a.type === 'class'));

  constructor(
    private readonly repository: Repository,
    private readonly annotator: () => string,
    /** Runs a write and reports its failure to the labeler; undefined when it failed. */
    private readonly attempt: <T>(write: () => Promise<T>) => Promise<T | undefined>,
    private readonly onItemChanged: (item: Item) => void = () => {},
  ) {}

  async open(itemId: string): Promise<void> {
    const [item, annotations] = await Promise.all([
      this.repository.getItem(itemId),
      this.repository.annotationsOf(itemId),
    ]);
    this.close();
    this.item = item;
    this.annotations = annotations;
    if (item?.kind === 'image') {
      const blob = await this.repository.getMedia(item.sha256);
      if (blob && this.item === item) this.imageUrl = URL.createObjectURL(blob);
    }
  }

  close(): void {
    if (this.imageUrl) URL.revokeObjectURL(this.imageUrl);
    this.imageUrl = undefined;
    this.item = undefined;
    this.annotations = [];
  }

  hasClass(labelId: string): boolean {
    return this.classes.some((a) => a.label === labelId);
  }

  /** Adds or removes a class label on the item; saved at once. */
  async toggleClass(labelId: string): Promise<void> {
    const item = this.item;
    if (!item) return;
    const existing = this.classes.find((a) => a.label === labelId);
    if (existing) {
      this.annotations = this.annotations.filter((a) => a.id !== existing.id);
      await this.save(item.id, () => this.repository.applyAnnotations([], [existing.id]));
    } else {
      const at = now();
      const added: ClassAnnotation = {
        id: newId(),
        type: 'class',
        projectId: item.projectId,
        itemId: item.id,
        label: labelId,
        annotator: this.annotator(),
        createdAt: at,
        updatedAt: at,
      };
      this.annotations = [...this.annotations, added];
      await this.save(item.id, () => this.repository.applyAnnotations([added]));
    }
  }

  async setStatus(status: ItemStatus): Promise<void> {
    await this.change({ status }, (id) => this.repository.setStatus(id, status));
  }

  async setNote(note: string): Promise<void> {
    if (this.item?.note === note) return;
    await this.change({ note }, (id) => this.repository.setNote(id, note));
  }

  /**
   * Shows a change at once and writes it. Applied to the item as it is now, not as it was
   * when the write began, so overlapping edits (a status, then a note) never undo each other.
   */
  private async change(
    change: Partial<Pick<Item, 'status' | 'note'>>,
    write: (id: string) => Promise<void>,
  ) {
    const item = this.item;
    if (!item) return;
    this.item = { ...item, ...change };
    if (await this.save(item.id, () => write(item.id))) {
      if (this.item?.id === item.id) this.onItemChanged(this.item);
    }
  }

  /** Writes; on failure shows the stored truth again rather than an edit that was not kept. */
  private async save(itemId: string, write: () => Promise<void>): Promise<boolean> {
    const saved = await this.attempt(async () => {
      await write();
      return true;
    });
    if (!saved && this.item?.id === itemId) await this.open(itemId);
    return saved === true;
  }
}
