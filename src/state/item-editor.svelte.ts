import type { ItemBody, Repository, StatusWritten } from '../storage/repository.ts';
import { splitItem, type Item, type ItemRow, type ItemStatus } from '../model/item.ts';
import type { Annotation, ClassAnnotation } from '../model/annotation.ts';
import { newId, now } from '../model/ids.ts';
import { History, applyChange, isEmpty, toWrite, type Change } from '../model/history.ts';
import { pickClass } from '../model/class-group.ts';
import type { Label } from '../model/label.ts';
import type { Project } from '../model/project.ts';
import { openPicture, type PictureSource } from './open-picture.ts';
import { pendingWrites } from '../storage/pending-writes.ts';
import type { Suggestion } from '../model/suggestion.ts';

/** Keeps one item's waiting suggestions: told what an edit (or its undo) took off and put back. */
export interface SuggestionKeeper {
  itemId: string;
  change(gone: Suggestion[], back: Suggestion[]): Promise<void>;
}

/** How long typing must pause before a note is written. */
const NOTE_PAUSE_MS = 300;

/** A note typed but not written yet: pending from the first key, for the item it was typed on. */
interface NoteDraft {
  itemId: string;
  note: string;
  timer: ReturnType<typeof setTimeout>;
  end: () => void;
}

/** Items read ahead of being opened, at most. */
const AHEAD = 2;

/** Whether an item's row holds what the labeler can change: status, note and review. */
function sameRow(a: ItemRow, b: Item): boolean {
  return (
    a.status === b.status &&
    a.note === b.note &&
    JSON.stringify(a.review) === JSON.stringify(b.review)
  );
}

/** Whether two reads of an item's annotations found them as they were: same ids, same update times. */
function sameAnnotations(a: readonly Annotation[], b: readonly Annotation[]): boolean {
  if (a.length !== b.length) return false;
  const at = new Map(b.map((x) => [x.id, x.updatedAt]));
  return a.every((x) => at.get(x.id) === x.updatedAt);
}

/** The item open for labeling, its annotations, and the edits a labeler makes to it. */
export class ItemEditor {
  item = $state.raw<Item | undefined>();
  annotations = $state.raw<Annotation[]>([]);
  /** The open image item's pixels, decoding off the main thread; undefined for a text item. */
  picture = $state.raw<PictureSource | undefined>();
  canUndo = $state(false);
  canRedo = $state(false);
  private readonly history = new History();
  private noteDraft: NoteDraft | undefined;
  /** Set by the text workbench of the open item. */
  suggestionKeeper: SuggestionKeeper | undefined;

  classes: ClassAnnotation[] = $derived(this.annotations.filter((a) => a.type === 'class'));

  constructor(
    readonly repository: Repository,
    private readonly annotator: () => string,
    /** Runs a write and reports its failure to the labeler; undefined when it failed. */
    readonly attempt: <T>(write: () => Promise<T>) => Promise<T | undefined>,
    /** Told of each status or note written, with the status it replaced (for the counts). */
    private readonly onItemChanged: (item: Item, status?: StatusWritten) => void = () => {},
    /**
     * An item's row as the list holds it (it follows every write), if it does: opening the
     * item then reads only its content and annotations, which no status write holds up.
     */
    private readonly knownRow: (itemId: string) => ItemRow | undefined = () => undefined,
  ) {}

  /** The item being opened, until it is shown (a newer open wins over an older one). */
  opening: string | undefined;
  /** Items shown so far: a write that lands after its item was shown again can tell. */
  private shown = 0;

  /** Bodies of items read ahead (the next in the list), by id: opening one waits for no read. */
  private readonly ahead = new Map<string, Promise<ItemBody>>();

  /**
   * Reads the body of an item the labeler is likely to open next (the next in the list) while
   * they work on this one. Opening it shows it at once and checks it against storage afterwards.
   */
  prefetch(itemId: string): void {
    if (this.ahead.has(itemId) || this.item?.id === itemId) return;
    const read = this.repository.itemBody(itemId);
    read.catch(() => this.ahead.delete(itemId)); // opening it reads again, and reports
    this.ahead.set(itemId, read);
    // Only the last few: an item of 4 long responses weighs about 100 KB.
    for (const old of this.ahead.keys()) {
      if (this.ahead.size <= AHEAD) break;
      this.ahead.delete(old);
    }
  }

  /**
   * Opens an item. An image's preview (or its bytes) is read and decoded (off the main thread)
   * while its annotations load and the workbench mounts: the picture is the long pole of opening.
   */
  async open(itemId: string): Promise<void> {
    void this.flushNote(); // a note typed on the item being left still goes to that item
    this.opening = itemId;
    const row = this.knownRow(itemId);
    const early = this.ahead.get(itemId);
    this.ahead.delete(itemId);
    // The row the list holds and the body (read ahead, or now): no read waits for the status
    // writes queued on the items table. Without a row, the whole item is read; so is an image
    // not read ahead, whose annotations are asked for after its picture (see below).
    const body =
      row && (early ?? (row.kind === 'image' ? undefined : this.repository.itemBody(itemId)));
    const itemRead = body
      ? body.then((b) =>
          // A conversation whose messages are gone was deleted (in another tab): read it whole.
          row.kind === 'conversation' && !b.content
            ? this.repository.getItem(itemId)
            : this.repository.withContent(row, b.content),
        )
      : this.repository.getItem(itemId);
    const pictureRead = itemRead.then((item) =>
      item?.kind === 'image' ? openPicture(this.repository, item) : undefined,
    );
    // Asked after the preview (IndexedDB answers in turn): it decodes while these are read.
    const annotationsRead = body
      ? body.then((b) => b.annotations)
      : pictureRead.then(() => this.repository.annotationsOf(itemId));
    const [item, annotations, picture] = await Promise.all([
      itemRead,
      annotationsRead,
      pictureRead,
    ]);
    if (this.opening !== itemId) {
      picture?.close();
      return;
    }
    this.opening = undefined;
    this.shown++;
    this.close();
    this.item = item;
    this.annotations = annotations;
    this.history.clear();
    this.canUndo = false;
    this.canRedo = false;
    this.picture = picture;
    if (body && item) void this.recheck(item, annotations);
  }

  /**
   * An item shown from the list's row and a body read ahead may have changed since (a write
   * still landing, another tab, an import of labels): read its row and annotations again (its
   * content never changes) and, if they did and nothing was edited on it yet, show them.
   */
  private async recheck(item: Item, annotations: Annotation[]) {
    const fresh = await Promise.all([
      this.repository.itemRows([item.id]),
      this.repository.annotationsOf(item.id),
    ]).catch(() => undefined);
    if (!fresh || this.item !== item || this.annotations !== annotations) return;
    const [[row], stored] = fresh;
    if (row && sameRow(row, item) && sameAnnotations(stored, annotations)) return;
    this.item = row && this.repository.withContent(row, splitItem(item).content);
    this.annotations = stored;
  }

  close(): void {
    void this.flushNote();
    this.picture?.close();
    this.picture = undefined;
    this.item = undefined;
    this.annotations = [];
  }

  hasClass(labelId: string): boolean {
    return this.classes.some((a) => a.label === labelId);
  }

  /**
   * Applies one gesture: shown at once, written in one transaction, and one undo step.
   * Undo and redo apply their inverse without recording.
   */
  async apply(change: Change, record = true): Promise<void> {
    const item = this.item;
    if (!item || isEmpty(change)) return;
    this.annotations = applyChange(this.annotations, change);
    if (record) this.history.record(change);
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
    const { put, remove } = toWrite(change);
    const status = change.status?.after;
    const keeper = this.suggestionKeeper;
    const waiting = change.suggestions;
    await Promise.all([
      waiting && keeper?.itemId === item.id && keeper.change(waiting.before, waiting.after),
      (put.length > 0 || remove.length > 0) &&
        this.save(item.id, () => this.repository.applyAnnotations(put, remove)),
      status !== undefined &&
        this.change({ status }, (id) => this.repository.setStatus(id, status)),
    ]);
  }

  async undo(): Promise<void> {
    const change = this.history.undo();
    if (change) await this.apply(change, false);
  }

  async redo(): Promise<void> {
    const change = this.history.redo();
    if (change) await this.apply(change, false);
  }

  /** The fields every new annotation on this item shares. */
  stamp(): Pick<
    Annotation,
    'id' | 'projectId' | 'itemId' | 'annotator' | 'createdAt' | 'updatedAt'
  > {
    const item = this.item;
    if (!item) throw new Error('No item is open.');
    const at = now();
    return {
      id: newId(),
      projectId: item.projectId,
      itemId: item.id,
      annotator: this.annotator(),
      createdAt: at,
      updatedAt: at,
    };
  }

  /**
   * Picks a document or image class, or unpicks it when already chosen; in a "choose one"
   * group the previous choice goes in the same undo step.
   */
  async pickClass(label: Label, project: Pick<Project, 'labels' | 'classGroups'>): Promise<void> {
    if (!this.item) return;
    const make = (): ClassAnnotation => ({ ...this.stamp(), type: 'class', label: label.id });
    await this.apply(pickClass(this.classes, label, project.labels, project.classGroups, make));
  }

  /** Sets the item's status as one undoable step. */
  async setStatus(status: ItemStatus): Promise<void> {
    const item = this.item;
    if (!item) return;
    await this.apply({ before: [], after: [], status: { before: item.status, after: status } });
  }

  /** Writes the note now (and drops a draft waiting for a pause). */
  async setNote(note: string): Promise<void> {
    if (!this.item) return;
    this.draftNote(note);
    await this.flushNote();
  }

  /** Writes the note once typing pauses; until then it counts as a pending write. */
  setNoteSoon(note: string): void {
    this.draftNote(note);
  }

  private draftNote(note: string): void {
    const itemId = this.item?.id;
    if (!itemId) return;
    const draft = this.noteDraft;
    if (draft && draft.itemId !== itemId) void this.flushNote();
    const same = this.noteDraft;
    if (same) clearTimeout(same.timer);
    this.noteDraft = {
      itemId,
      note,
      timer: setTimeout(() => void this.flushNote(), NOTE_PAUSE_MS),
      end: same?.end ?? pendingWrites.begin(),
    };
  }

  private async flushNote(): Promise<void> {
    const draft = this.noteDraft;
    if (!draft) return;
    this.noteDraft = undefined;
    clearTimeout(draft.timer);
    const { itemId, note } = draft;
    let writing: Promise<unknown> | undefined;
    try {
      if (this.item?.id !== itemId)
        writing = this.attempt(() => this.repository.setNote(itemId, note));
      else if (this.item.note !== note)
        writing = this.change({ note }, (id) => this.repository.setNote(id, note));
    } finally {
      // The write counts itself as pending from its first step (guardWrite).
      draft.end();
    }
    await writing;
  }

  /**
   * Shows a change at once and writes it. Applied to the item as it is now, not as it was
   * when the write began, so overlapping edits (a status, then a note) never undo each other.
   */
  private async change(
    change: Partial<Pick<Item, 'status' | 'note'>>,
    write: (id: string) => Promise<StatusWritten | undefined | void>,
  ) {
    const item = this.item;
    if (!item) return;
    const shown = this.shown;
    this.item = { ...item, ...change };
    const saved = await this.save(item.id, () => write(item.id));
    if (!saved) return;
    // Shown again meanwhile, from a row the write had not reached: show it as stored now.
    if (this.shown !== shown && this.item?.id === item.id)
      void this.recheck(this.item, this.annotations);
    // Told even when the labeler has moved on, so that the list and counts still follow; and
    // with this change on top, should the item have been opened again from a row without it.
    const written = { ...(this.item?.id === item.id ? this.item : item), ...change };
    this.onItemChanged(written, saved.value || undefined);
  }

  /**
   * Writes; on failure shows the stored truth again rather than an edit that was not kept,
   * once the writes still in flight have landed (so they show too). Gives the write's result.
   */
  private async save<T>(
    itemId: string,
    write: () => Promise<T>,
  ): Promise<{ value: T } | undefined> {
    const saved = await this.attempt(async () => ({ value: await write() }));
    if (!saved) {
      await pendingWrites.settled();
      if (this.item?.id === itemId) await this.open(itemId);
    }
    return saved;
  }
}
