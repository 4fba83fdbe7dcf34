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
      await this.repository.applyAnnotations([], [existing.id]);
      this.annotations = this.annotations.filter((a) => a.id !== existing.id);
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
      await this.repository.applyAnnotations([added]);
      this.annotations = [...this.annotations, added];
    }
  }

  async setStatus(status: ItemStatus): Promise<void> {
    const item = this.item;
    if (!item) return;
    await this.repository.setStatus(item.id, status);
    this.item = { ...item, status };
    this.onItemChanged(this.item);
  }

  async setNote(note: string): Promise<void> {
    const item = this.item;
    if (!item || item.note === note) return;
    await this.repository.setNote(item.id, note);
    this.item = { ...item, note };
    this.onItemChanged(this.item);
  }
}
