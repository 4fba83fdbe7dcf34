import type { AirlockDB, MediaRecord } from './db.ts';
import { SCHEMA_VERSIONS, THIS_BROWSER_SETTINGS } from './db.ts';
import { guardWrite, StorageFullError } from './errors.ts';
import { addItemRecords, deleteItemRecords } from './item-records.ts';
import { Project } from '../model/project.ts';
import { Item } from '../model/item.ts';
import { Annotation } from '../model/annotation.ts';
import {
  MediaLine,
  SettingLine,
  type BackupCounts,
  type BackupOptions,
  type BackupStep,
} from './backup-format.ts';
import { BackupReader, BackupRefusedError, type BackupFile } from './backup-reader.ts';

// Restores a backup into an empty workspace, all or nothing. First the whole file is read
// and checked (every record, every reference, every image's SHA-256) without writing a byte;
// then it is written in batches, projects last, so the app never shows half a workspace. A
// failure while writing removes what was written; a browser that dies mid-way leaves a marker
// that recoverInterruptedRestore() acts on at the next start.

/** Set while a restore writes; the projects land (and this goes) in the last transaction. */
const RESTORING = 'restoreInProgress';
const ITEM_BATCH = 2000;
const ANNOTATION_BATCH = 5000;
const MEDIA_BATCH_BYTES = 32 * 1024 * 1024;

export const CURRENT_SCHEMA = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/** Why a restore cannot go into this workspace, or undefined when it is empty. */
async function notEmpty(db: AirlockDB): Promise<string | undefined> {
  const projects = await db.projects.toArray();
  if (projects.length > 0) {
    const names = projects.map((p) => `"${p.name}"`).join(', ');
    return (
      `this workspace already has ${projects.length === 1 ? 'a project' : `${projects.length} projects`} ` +
      `(${names}). A restore only goes into an empty workspace, so that nothing here is ` +
      'overwritten: delete these projects first, or restore in a new browser profile'
    );
  }
  if ((await db.items.count()) + (await db.annotations.count()) > 0)
    return 'this workspace still holds items from an earlier restore; reload Airlock and try again';
  return undefined;
}

/** What the check pass learns and the write pass needs. */
interface Checked {
  counts: BackupCounts;
  itemIds: string[];
  annotationIds: string[];
  media: MediaLine[];
}

async function check(reader: BackupReader, progress: Progress): Promise<Checked> {
  const { counts: expected } = reader.manifest;
  const counts: BackupCounts = { projects: 0, items: 0, media: 0, annotations: 0, settings: 0 };
  const refuse = (reason: string) => reader.refuse(`it is damaged (${reason})`);

  const projects = new Set<string>();
  for await (const { value } of reader.records('projects', Project)) {
    if (projects.has(value.id)) throw refuse(`project ${value.id} appears twice`);
    projects.add(value.id);
    counts.projects++;
    progress.step('projects', 1);
  }
  const itemProject = new Map<string, string>();
  const images = new Set<string>();
  for await (const { value, line } of reader.records('items', Item)) {
    if (itemProject.has(value.id)) throw refuse(`item ${value.id} appears twice`);
    if (!projects.has(value.projectId))
      throw refuse(`items.jsonl, line ${line}: its project is not in the backup`);
    itemProject.set(value.id, value.projectId);
    if (value.kind === 'image') images.add(value.sha256);
    counts.items++;
    progress.step('items', 1);
  }
  const media: MediaLine[] = [];
  const seen = new Set<string>();
  for await (const { value } of reader.records('media', MediaLine)) {
    if (seen.has(value.sha256)) throw refuse(`image ${value.sha256} appears twice`);
    seen.add(value.sha256);
    await reader.image(value.sha256, value.size);
    media.push(value);
    counts.media++;
    progress.step('images', 1);
  }
  for (const sha256 of images) {
    if (!seen.has(sha256)) throw refuse(`the image ${sha256} of an item is missing`);
  }
  const annotationIds = new Set<string>();
  for await (const { value, line } of reader.records('annotations', Annotation)) {
    if (annotationIds.has(value.id)) throw refuse(`annotation ${value.id} appears twice`);
    if (itemProject.get(value.itemId) !== value.projectId)
      throw refuse(`annotations.jsonl, line ${line}: its item is not in the backup`);
    annotationIds.add(value.id);
    counts.annotations++;
    progress.step('annotations', 1);
  }
  const keys = new Set<string>();
  for await (const { value } of reader.records('settings', SettingLine)) {
    if (keys.has(value.key)) throw refuse(`setting ${value.key} appears twice`);
    keys.add(value.key);
    counts.settings++;
    progress.step('settings', 1);
  }
  for (const table of Object.keys(expected) as (keyof BackupCounts)[]) {
    if (counts[table] !== expected[table])
      throw refuse(`it holds ${counts[table]} ${table}, its manifest says ${expected[table]}`);
  }
  return { counts, itemIds: [...itemProject.keys()], annotationIds: [...annotationIds], media };
}

async function write(db: AirlockDB, reader: BackupReader, checked: Checked, progress: Progress) {
  let batch: MediaRecord[] = [];
  let batchBytes = 0;
  const flushMedia = async () => {
    const records = batch;
    batch = [];
    batchBytes = 0;
    await guardWrite(() => db.media.bulkPut(records));
  };
  for (const { sha256, type, size } of checked.media) {
    const bytes = await reader.image(sha256, size);
    batch.push({ sha256, type, bytes: bytes.buffer });
    batchBytes += size;
    if (batchBytes >= MEDIA_BATCH_BYTES) await flushMedia();
    progress.step('images', 1);
  }
  if (batch.length > 0) await flushMedia();

  let items: Item[] = [];
  for await (const { value } of reader.records('items', Item)) {
    items.push(value);
    if (items.length === ITEM_BATCH) {
      const rows = items;
      items = [];
      await guardWrite(() => storeItems(db, rows));
      progress.step('items', rows.length);
    }
  }
  await guardWrite(() => storeItems(db, items));
  progress.step('items', items.length);

  let annotations: Annotation[] = [];
  for await (const { value } of reader.records('annotations', Annotation)) {
    annotations.push(value);
    if (annotations.length === ANNOTATION_BATCH) {
      const rows = annotations;
      annotations = [];
      await guardWrite(() => db.annotations.bulkAdd(rows));
      progress.step('annotations', rows.length);
    }
  }
  await guardWrite(() => db.annotations.bulkAdd(annotations));
  progress.step('annotations', annotations.length);

  const projects: Project[] = [];
  for await (const { value } of reader.records('projects', Project)) projects.push(value);
  const settings: { key: string; value: unknown }[] = [];
  for await (const { value } of reader.records('settings', SettingLine)) {
    if (value.key !== RESTORING && !THIS_BROWSER_SETTINGS.has(value.key)) settings.push(value);
  }
  // The last step makes it all visible at once, and ends the restore.
  await guardWrite(() =>
    db.transaction('rw', [db.projects, db.settings], async () => {
      await db.projects.bulkAdd(projects);
      await db.settings.bulkPut(settings);
      await db.settings.delete(RESTORING);
    }),
  );
  progress.step('projects', projects.length);
  progress.step('settings', settings.length);
}

/** Stores a batch of the backup's items, each with its content, in one transaction. */
function storeItems(db: AirlockDB, items: Item[]): Promise<void> {
  return db.transaction('rw', [db.items, db.contents], () => addItemRecords(db, items));
}

/** SHA-256 of every image an item uses. */
async function imagesInUse(db: AirlockDB): Promise<Set<string>> {
  const used = new Set<string>();
  await db.items.each((item) => {
    if (item.kind === 'image') used.add(item.sha256);
  });
  return used;
}

/** Removes what a failed restore wrote: the records of the backup, by their ids. */
async function undo(db: AirlockDB, checked: Checked): Promise<void> {
  const tables = [db.items, db.contents, db.annotations, db.media, db.previews, db.settings];
  await db.transaction('rw', tables, async () => {
    await db.annotations.bulkDelete(checked.annotationIds);
    await deleteItemRecords(db, checked.itemIds);
    // An image stays if something else uses it (nothing should, in an empty workspace).
    const used = await imagesInUse(db);
    const unused = checked.media.map((m) => m.sha256).filter((s) => !used.has(s));
    await db.media.bulkDelete(unused);
    await db.previews.bulkDelete(unused);
    await db.settings.delete(RESTORING);
  });
}

class Progress {
  private done = 0;
  phase: 'checking' | 'restoring' = 'checking';
  constructor(
    private readonly total: number,
    private readonly options: BackupOptions,
  ) {}
  step(step: BackupStep, by: number): void {
    this.options.signal?.throwIfAborted();
    this.done += by;
    this.options.onProgress?.({ phase: this.phase, step, done: this.done, total: this.total });
  }
}

const isAbort = (error: unknown) => (error as { name?: unknown } | null)?.name === 'AbortError';

/** Why a restore failed, for a failure the reader did not foresee, in the labeler's words. */
function reasonOf(error: unknown): string {
  if (isAbort(error)) return 'the restore was cancelled';
  if (error instanceof StorageFullError)
    return (
      'the browser has no room left to store it (free disk space, or use a profile on a ' +
      'larger disk, then try again)'
    );
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotReadableError' || name === 'NotFoundError')
    return 'it could not be read (moved, deleted or changed since it was chosen)';
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) return `it is too large to read in this browser (${message})`;
  return `it could not be restored (${message})`;
}

/**
 * Restores `file` into this (empty) workspace. Returns what it restored. Every failure but
 * Cancel is a BackupRefusedError naming the file and the reason.
 */
export async function restoreBackup(
  db: AirlockDB,
  file: BackupFile,
  options: BackupOptions = {},
): Promise<BackupCounts> {
  try {
    return await restoreInto(db, file, options);
  } catch (error) {
    if (error instanceof BackupRefusedError || isAbort(error)) throw error;
    throw new BackupRefusedError(file.name, reasonOf(error));
  }
}

async function restoreInto(
  db: AirlockDB,
  file: BackupFile,
  options: BackupOptions,
): Promise<BackupCounts> {
  const busy = await notEmpty(db);
  const reader = await BackupReader.open(file, CURRENT_SCHEMA);
  if (busy) throw reader.refuse(busy);
  const { counts } = reader.manifest;
  const records =
    counts.projects + counts.items + counts.media + counts.annotations + counts.settings;
  const progress = new Progress(records * 2, options);
  const checked = await check(reader, progress);

  // Claim the workspace: still empty, and marked, in one step.
  await guardWrite(() =>
    db.transaction('rw', [db.projects, db.items, db.annotations, db.settings], async () => {
      const now = await notEmpty(db);
      if (now) throw reader.refuse(now);
      await db.settings.put({ key: RESTORING, value: new Date().toISOString() });
    }),
  );
  progress.phase = 'restoring';
  try {
    await write(db, reader, checked, progress);
  } catch (error) {
    try {
      await undo(db, checked);
    } catch {
      // The marker is still there: the next start removes what was written.
      throw new BackupRefusedError(
        file.name,
        reasonOf(error),
        'Reload Airlock: what the restore had written is removed when it starts.',
      );
    }
    throw error;
  }
  return checked.counts;
}

/**
 * After a browser that died during a restore: removes the records it had written (items
 * without a project, annotations without an item, images no item uses). True if it did.
 */
export async function recoverInterruptedRestore(db: AirlockDB): Promise<boolean> {
  if (!(await db.settings.get(RESTORING))) return false;
  await db.transaction(
    'rw',
    [db.projects, db.items, db.contents, db.annotations, db.media, db.previews, db.settings],
    async () => {
      const projects = new Set(await db.projects.toCollection().primaryKeys());
      await db.items.filter((i) => !projects.has(i.projectId)).delete();
      const items = new Set(await db.items.toCollection().primaryKeys());
      await db.contents.filter((c) => !items.has(c.id)).delete();
      await db.annotations.filter((a) => !items.has(a.itemId)).delete();
      const used = new Set(
        (await db.items.toArray()).flatMap((i) => (i.kind === 'image' ? [i.sha256] : [])),
      );
      await db.media.filter((m) => !used.has(m.sha256)).delete();
      // A preview never outlives its image.
      await db.previews.filter((p) => !used.has(p.sha256)).delete();
      await db.settings.delete(RESTORING);
    },
  );
  return true;
}
