import Dexie from 'dexie';
import { z } from 'zod';
import {
  AirlockDB,
  type ContentRecord,
  type MediaRecord,
  type PreviewRecord,
  type SigningKeyRecord,
} from './db.ts';
import { reviewSettingKeys } from './review-store.ts';
import { guardWrite } from './errors.ts';
import { checkInSlices, readProject, readStored as read } from './stored-records.ts';
import { deleteLabel, saveSkeleton, type LabelDeletion } from './label-schema-writes.ts';
import { writeAnnotationImport, type AnnotationImportWrite } from './annotation-import-write.ts';
import { AnnotationWriter } from './annotation-writer.ts';
import { storedAnnotation } from './stored-annotation.ts';
import { nextWithStatus } from './next-item.ts';
import { addItemRecords, deleteItemRecords, readItems, storedItem } from './item-records.ts';
import { writeBackup, type BackupSummary } from './backup.ts';
import { recoverInterruptedRestore, restoreBackup } from './restore.ts';
import { watchOtherTabs, type OtherTabs } from './other-tabs.ts';
import { forgetSuggestions } from './suggestions.ts';
import { forgetTextSettings } from './text-settings.ts';
import type { BackupFile } from './backup-reader.ts';
import type { BackupCounts, BackupOptions } from './backup-format.ts';
import type { ZipSink } from '../bundle/zip-writer.ts';
import { Project } from '../model/project.ts';
import { Item, ItemRow, type ItemContent, type ItemStatus } from '../model/item.ts';
import { Annotation } from '../model/annotation.ts';
import type { ClassGroup } from '../model/class-group.ts';
import type { Label, Skeleton } from '../model/label.ts';
import { newId, now } from '../model/ids.ts';

/**
 * A project's items and those done, counted in one read. `at` places the count among status
 * writes (see StatusWritten).
 */
export interface Progress {
  total: number;
  done: number;
  at: number;
}

/** An item's content and annotations, read together when its row is already known. */
export interface ItemBody {
  content: ContentRecord | undefined;
  annotations: Annotation[];
}

/**
 * A status as written, with the status it replaced in storage. `at` orders status writes and
 * counts as IndexedDB runs them (in the order their transactions were made): a count with a
 * smaller `at` does not include this write, one with a larger `at` does.
 */
export interface StatusWritten {
  projectId: string;
  before: ItemStatus;
  after: ItemStatus;
  at: number;
}

export interface ProjectSummary {
  project: Project;
  /** Items in the project, and those done; absent until counted. */
  total?: number;
  done?: number;
}

export interface ItemFilter {
  status?: ItemStatus;
  /** Only items with at least one annotation of this label. */
  label?: string;
  /** Case-insensitive substring of the item's name or text. */
  text?: string;
}

/** An item about to be stored: the repository assigns project, order and timestamps. */
export type NewItem = Item extends infer I
  ? I extends Item
    ? Omit<I, 'projectId' | 'seq' | 'createdAt' | 'updatedAt'>
    : never
  : never;

export type { AnnotationImportWrite, LabelDeletion };

const { minKey, maxKey } = Dexie;

const SigningKeyRow = z.object({
  keyId: z.string().regex(/^[0-9A-F]{16}$/),
  publicKey: z.string(),
  // Structured-clone keeps the CryptoKey; anything else here is damage.
  privateKey: z.custom<CryptoKey>(
    (v) => typeof v === 'object' && v !== null && 'algorithm' in v && 'usages' in v,
    'not a CryptoKey',
  ),
  createdAt: z.string(),
  retiredAt: z.string().optional(),
});

const PreviewRow = z.object({
  sha256: z.string(),
  type: z.enum(['image/jpeg', 'image/webp']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  // By tag, not instanceof: a structured clone may come from another realm.
  bytes: z.custom<ArrayBuffer>(
    (v) => Object.prototype.toString.call(v) === '[object ArrayBuffer]',
    'not an ArrayBuffer',
  ),
});

const ExportMarks = z.object({ at: z.string(), items: z.record(z.string(), z.string()) });

/** Items handed to IndexedDB at once while more are being made (addItemsAsMade). */
const WRITE_BATCH = 100;

/**
 * The one door to stored data. UI and state never touch Dexie tables; every write is one
 * transaction, so it lands whole or not at all, and is validated on the way back out.
 */
export class Repository {
  private readonly writer: AnnotationWriter;
  /** Ticks as each status write or count begins its transaction (see StatusWritten). */
  private clock = 0;

  constructor(readonly db: AirlockDB = new AirlockDB()) {
    this.writer = new AnnotationWriter(db);
  }

  // Projects and labels

  /** The projects, oldest first, with their progress unless `counted` is false. */
  async listProjects(counted = true): Promise<ProjectSummary[]> {
    const rows = await this.db.projects.toArray();
    const projects = rows.map((p) => read(Project, p, `project ${p.id}`));
    projects.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (!counted) return projects.map((project) => ({ project }));
    return Promise.all(
      projects.map(async (project) => ({ project, ...(await this.progress(project.id)) })),
    );
  }

  getProject(id: string): Promise<Project | undefined> {
    return readProject(this.db, id);
  }

  async createProject(
    name: string,
    labels: Label[] = [],
    classGroups: ClassGroup[] = [],
  ): Promise<Project> {
    const at = now();
    const project = Project.parse({
      id: newId(),
      name,
      labels,
      classGroups,
      createdAt: at,
      updatedAt: at,
    });
    await guardWrite(() => this.db.projects.add(project));
    return project;
  }

  async renameProject(id: string, name: string): Promise<Project> {
    return this.updateProject(id, { name });
  }

  /**
   * Saves the label schema. Given an edit, applies it to the labels as stored, inside the
   * write, so two quick edits (a move, then a rename) never write over each other.
   */
  async saveLabels(id: string, labels: Label[] | ((stored: Label[]) => Label[])): Promise<Project> {
    return this.updateProject(id, (current) => ({
      labels: typeof labels === 'function' ? labels(current.labels) : labels,
    }));
  }

  /** Saves class groups and the labels that moved in or out of them, in one write. */
  async saveClassGroups(id: string, classGroups: ClassGroup[], labels: Label[]): Promise<Project> {
    return this.updateProject(id, { classGroups, labels });
  }

  private async updateProject(
    id: string,
    change: Partial<Project> | ((current: Project) => Partial<Project>),
  ): Promise<Project> {
    return guardWrite(() =>
      this.db.transaction('rw', this.db.projects, async () => {
        const current = await this.getProject(id);
        if (!current) throw new Error('This project no longer exists.');
        const changed = typeof change === 'function' ? change(current) : change;
        const next = Project.parse({ ...current, ...changed, updatedAt: now() });
        await this.db.projects.put(next);
        return next;
      }),
    );
  }

  /** Deletes a project with its items, annotations, and any image bytes no other project uses. */
  async deleteProject(id: string): Promise<void> {
    const { projects, items, contents, annotations, media, previews, submissions, settings } =
      this.db;
    await guardWrite(() =>
      this.db.transaction(
        'rw',
        [projects, items, contents, annotations, media, previews, submissions, settings],
        async () => {
          const hashes = new Set<string>();
          const ids: string[] = [];
          await items
            .where('[projectId+seq]')
            .between([id, minKey], [id, maxKey])
            .each((item) => {
              ids.push(item.id);
              if (item.kind === 'image') hashes.add(item.sha256);
            });
          await annotations.where('projectId').equals(id).delete();
          await submissions
            .where('[projectId+itemId]')
            .between([id, minKey], [id, maxKey])
            .delete();
          await settings.bulkDelete(reviewSettingKeys(id));
          // Its texts' waiting suggestions, text settings and rules go with it.
          await forgetSuggestions(this.db, id);
          await forgetTextSettings(this.db, id);
          await deleteItemRecords(this.db, ids);
          for (const sha256 of hashes) {
            if ((await items.where('sha256').equals(sha256).count()) === 0) {
              await media.delete(sha256);
              await previews.delete(sha256);
            }
          }
          await projects.delete(id);
        },
      ),
    );
  }

  async countAnnotations(projectId: string): Promise<number> {
    return this.db.annotations.where('projectId').equals(projectId).count();
  }

  async countLabelUse(projectId: string, labelId: string): Promise<number> {
    return this.db.annotations.where('[projectId+label]').equals([projectId, labelId]).count();
  }

  /** Edits a keypoints label's skeleton and returns the one it replaced (label-schema-writes.ts). */
  saveSkeleton(
    projectId: string,
    labelId: string,
    edit: (skeleton: Skeleton | undefined) => Skeleton | undefined,
    renumbers: boolean,
  ): Promise<Skeleton | undefined> {
    return saveSkeleton(this.db, projectId, labelId, edit, renumbers);
  }

  /** Removes a label from the schema and deletes or relabels its annotations, in one step. */
  deleteLabel(projectId: string, labelId: string, what: LabelDeletion): Promise<Project> {
    return deleteLabel(this.db, projectId, labelId, what);
  }

  // Items

  async progress(projectId: string): Promise<Progress> {
    const { items } = this.db;
    const at = ++this.clock;
    return this.db.transaction('r', items, async () => {
      const [total, done] = await Promise.all([
        items.where('[projectId+seq]').between([projectId, minKey], [projectId, maxKey]).count(),
        items
          .where('[projectId+status+seq]')
          .between([projectId, 'done', minKey], [projectId, 'done', maxKey])
          .count(),
      ]);
      return { total, done, at };
    });
  }

  /** SHA-256 of every item already in the project, to skip duplicates on import. */
  async itemHashes(projectId: string): Promise<Set<string>> {
    const keys = await this.db.items
      .where('[projectId+sha256]')
      .between([projectId, minKey], [projectId, maxKey])
      .keys();
    return new Set(keys.map((k) => (k as unknown as [string, string])[1]));
  }

  /** Inside a write that adds items: the project must still exist; the seq its next item gets. */
  private async nextSeq(projectId: string): Promise<number> {
    if (!(await this.db.projects.get(projectId))) throw new Error('This project no longer exists.');
    const last = await this.db.items
      .where('[projectId+seq]')
      .between([projectId, minKey], [projectId, maxKey])
      .last();
    return last ? last.seq + 1 : 0;
  }

  /**
   * Adds the items `drafts` yields in one transaction, each batch written while the next is
   * made: a big file's parsing and its storing overlap instead of taking turns. `drafts` runs
   * inside the transaction, so it must not wait on anything; if it throws, or a draft fails its
   * check, nothing is stored. For a worker: the page would not be given a frame meanwhile.
   */
  async addItemsAsMade(projectId: string, drafts: Iterable<NewItem>): Promise<void> {
    const { projects, items, contents } = this.db;
    const at = now();
    await guardWrite(() =>
      this.db.transaction('rw', [projects, items, contents], async () => {
        let seq = await this.nextSeq(projectId);
        const writes: Promise<unknown>[] = [];
        let batch: Item[] = [];
        const write = () => {
          const written = addItemRecords(this.db, batch);
          written.catch(() => undefined); // awaited below, unless a later draft throws first
          writes.push(written);
          batch = [];
        };
        for (const draft of drafts) {
          batch.push(Item.parse({ ...draft, projectId, seq: seq++, createdAt: at, updatedAt: at }));
          if (batch.length === WRITE_BATCH) write();
        }
        if (batch.length > 0) write();
        await Promise.all(writes);
      }),
    );
  }

  /**
   * Stores a batch of new items and their image bytes in one transaction: all or none. Items
   * keep the batch's order, after the project's existing items. (A big image's preview is
   * stored after it, by keepPreview.)
   */
  async addItems(
    projectId: string,
    drafts: NewItem[],
    newMedia: MediaRecord[] = [],
  ): Promise<Item[]> {
    const { projects, items, contents, media } = this.db;
    const at = now();
    // Checked before the transaction, in slices; `seq` is set inside it.
    const stored = await checkInSlices(drafts, (draft) =>
      Item.parse({ ...draft, projectId, seq: 0, createdAt: at, updatedAt: at }),
    );
    return guardWrite(() =>
      this.db.transaction('rw', [projects, items, contents, media], async () => {
        let seq = await this.nextSeq(projectId);
        for (const item of stored) item.seq = seq++;
        if (newMedia.length > 0) {
          const have = new Set(
            await media
              .where('sha256')
              .anyOf(newMedia.map((m) => m.sha256))
              .primaryKeys(),
          );
          await media.bulkAdd(newMedia.filter((m) => !have.has(m.sha256)));
        }
        await addItemRecords(this.db, stored);
        return stored;
      }),
    );
  }

  /** Ids of the project's items that pass the filter, in import order. Reads keys only where it can. */
  async itemIds(projectId: string, filter: ItemFilter = {}): Promise<string[]> {
    const { items, annotations } = this.db;
    const ordered = filter.status
      ? items
          .where('[projectId+status+seq]')
          .between([projectId, filter.status, minKey], [projectId, filter.status, maxKey])
      : items.where('[projectId+seq]').between([projectId, minKey], [projectId, maxKey]);
    const needle = filter.text?.trim().toLowerCase();
    const found = needle
      ? ordered.filter(
          (item) =>
            item.name.toLowerCase().includes(needle) ||
            (item.kind === 'text' && item.text.toLowerCase().includes(needle)),
        )
      : ordered;
    let ids = await found.primaryKeys();
    if (filter.label) {
      const labelled = new Set(
        await annotations
          .where('[projectId+label]')
          .equals([projectId, filter.label])
          .toArray((rows) => rows.map((a) => a.itemId)),
      );
      ids = ids.filter((id) => labelled.has(id));
    }
    return ids;
  }

  /** The next item with `status` after position `seq`, wrapping round (see nextWithStatus). */
  nextWithStatus(
    projectId: string,
    status: ItemStatus,
    seq: number | undefined,
    wanted: (id: string) => boolean,
  ): Promise<string | undefined> {
    return nextWithStatus(this.db, projectId, status, seq, wanted);
  }

  getItems(ids: readonly string[]): Promise<Item[]> {
    return readItems(this.db, ids);
  }

  /** Items as a list keeps them: their rows, without a conversation's context and responses. */
  async itemRows(ids: readonly string[]): Promise<ItemRow[]> {
    const rows = await this.db.items.bulkGet([...ids]);
    return rows.flatMap((row, i) => (row ? [read(ItemRow, row, `item ${ids[i]}`)] : []));
  }

  async getItem(id: string): Promise<Item | undefined> {
    const [item] = await readItems(this.db, [id]);
    return item;
  }

  /**
   * What opening an item reads when its row is known (the list's): its content and
   * annotations, in one read that never waits for status or note writes (see ContentRecord).
   */
  itemBody(itemId: string): Promise<ItemBody> {
    const { contents, annotations } = this.db;
    return this.db.transaction('r', [contents, annotations], async () => {
      const [content, stored] = await Promise.all([
        contents.get(itemId),
        this.annotationsOf(itemId),
      ]);
      return { content, annotations: stored };
    });
  }

  /** The item a row (as a list holds it) and its content make, checked. */
  withContent(row: ItemRow, content: ItemContent | undefined): Item {
    return storedItem(row, content, row.id);
  }

  /** Sets an item's status; undefined when the item is gone. */
  async setStatus(itemId: string, status: ItemStatus): Promise<StatusWritten | undefined> {
    const { items } = this.db;
    return guardWrite(() => {
      const at = ++this.clock;
      return this.db.transaction('rw', items, async () => {
        let written: StatusWritten | undefined;
        // One read and one write of the item's row (a conversation's messages are apart).
        await items
          .where(':id')
          .equals(itemId)
          .modify((row) => {
            written = { projectId: row.projectId, before: row.status, after: status, at };
            Object.assign(row, { status, updatedAt: now() });
          });
        return written;
      });
    });
  }

  async setNote(itemId: string, note: string): Promise<void> {
    await guardWrite(() => this.db.items.update(itemId, { note, updatedAt: now() }));
  }

  /** The stored preview of a big image, if it has one yet. */
  async preview(sha256: string): Promise<PreviewRecord | undefined> {
    const row = await this.db.previews.get(sha256);
    return row && read(PreviewRow, row, `preview of image ${sha256}`);
  }

  /**
   * Keeps the preview made on an image's first open. Not stored if the image is gone (its
   * project deleted meanwhile): a preview never outlives its image.
   */
  async keepPreview(preview: PreviewRecord): Promise<void> {
    const { media, previews } = this.db;
    await guardWrite(() =>
      this.db.transaction('rw', [media, previews], async () => {
        if ((await media.where('sha256').equals(preview.sha256).count()) > 0)
          await previews.put(preview);
      }),
    );
  }

  async getMedia(sha256: string): Promise<Blob | undefined> {
    const row = await this.db.media.get(sha256);
    return row && new Blob([row.bytes], { type: row.type });
  }

  // Annotations

  async annotationsOf(itemId: string): Promise<Annotation[]> {
    const rows = await this.db.annotations.where('itemId').equals(itemId).toArray();
    return rows.map(storedAnnotation);
  }

  /** Applies one edit (additions, changes and removals) atomically: one undo step is one write. */
  async applyAnnotations(
    put: readonly Annotation[],
    remove: readonly string[] = [],
  ): Promise<void> {
    await this.writer.write(
      put.map((a) => Annotation.parse(a)),
      remove,
    );
  }

  /** Edits accepted but not yet on disk (see AnnotationWriter). */
  get unsavedEdits(): number {
    return this.writer.unsaved;
  }

  // Import of annotations

  /** Writes all of one annotation import in one transaction (annotation-import-write.ts). */
  importAnnotations(projectId: string, write: AnnotationImportWrite): Promise<void> {
    return writeAnnotationImport(this.db, projectId, write);
  }

  // Settings

  async getSetting<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | undefined> {
    const row = await this.db.settings.get(key);
    return row && read(schema, row.value, `setting ${key}`);
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await guardWrite(() => this.db.settings.put({ key, value }));
  }

  // Signing keys and exports (label bundles)

  /** Every signing key, newest first; the first without `retiredAt` is the one in use. */
  async signingKeys(): Promise<SigningKeyRecord[]> {
    const rows = await this.db.keys.orderBy('createdAt').reverse().toArray();
    return rows.map((k) => read(SigningKeyRow, k, `signing key ${k.keyId}`));
  }

  /** Stores a new key and retires the others, in one step: one key is in use at a time. */
  async addSigningKey(key: Omit<SigningKeyRecord, 'retiredAt'>): Promise<void> {
    const at = now();
    await guardWrite(() =>
      this.db.transaction('rw', this.db.keys, async () => {
        await this.db.keys.filter((k) => !k.retiredAt).modify({ retiredAt: at });
        await this.db.keys.add(key);
      }),
    );
  }

  /** Annotations of many items, grouped by item (for exports). */
  async annotationsOfItems(itemIds: readonly string[]): Promise<Map<string, Annotation[]>> {
    const rows = await this.db.annotations
      .where('itemId')
      .anyOf([...itemIds])
      .toArray();
    const byItem = new Map<string, Annotation[]>(itemIds.map((id) => [id, []]));
    for (const row of rows) byItem.get(row.itemId)?.push(storedAnnotation(row));
    return byItem;
  }

  /** An image's bytes as stored (no copy into a Blob). */
  async mediaBytes(sha256: string): Promise<Uint8Array | undefined> {
    const row = await this.db.media.get(sha256);
    return row && new Uint8Array(row.bytes);
  }

  /** What each item looked like when last exported: item id → fingerprint of its record. */
  async exportMarks(projectId: string): Promise<Map<string, string>> {
    const marks = await this.getSetting(`exported:${projectId}`, ExportMarks);
    return new Map(Object.entries(marks?.items ?? {}));
  }

  /** Records exported items (merged with earlier exports of other items). */
  async markExported(projectId: string, items: ReadonlyMap<string, string>): Promise<void> {
    const key = `exported:${projectId}`;
    await guardWrite(() =>
      this.db.transaction('rw', this.db.settings, async () => {
        const previous = await this.getSetting(key, ExportMarks);
        const merged = { ...previous?.items, ...Object.fromEntries(items) };
        await this.db.settings.put({ key, value: { at: now(), items: merged } });
      }),
    );
  }

  // Saving before a reload

  /**
   * Resolves once every write started before the call has committed: the annotation writer
   * is idle, then an empty read-write transaction over every table runs, which IndexedDB
   * queues behind every read-write transaction created before it.
   */
  async settle(): Promise<void> {
    while (this.writer.unsaved > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.db.transaction('rw', this.db.tables, () => undefined);
  }

  /** Tells of other tabs: a newer Airlock upgrading the workspace, or an older one in its way. */
  watchOtherTabs(on: OtherTabs): void {
    watchOtherTabs(this.db, on);
  }

  // Workspace backup and restore (backup.ts, restore.ts)

  /** Writes the whole workspace, signing keys excepted, to one ZIP. */
  backUp(sink: ZipSink, options?: BackupOptions): Promise<BackupSummary> {
    return writeBackup(this.db, sink, options);
  }

  /** Restores a backup into this workspace, which must be empty; all or nothing. */
  restore(file: BackupFile, options?: BackupOptions): Promise<BackupCounts> {
    return restoreBackup(this.db, file, options);
  }

  /** Undoes what a restore cut short by a closed browser wrote. True if there was one. */
  recoverInterruptedRestore(): Promise<boolean> {
    return recoverInterruptedRestore(this.db);
  }
}
