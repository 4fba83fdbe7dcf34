import type { Table } from 'dexie';
import { NEVER_BACKED_UP_SETTINGS, THIS_BROWSER_SETTINGS, type AirlockDB } from './db.ts';
import { ZipWriter, type ZipSink } from '../bundle/zip-writer.ts';
import { joinItem } from '../model/item.ts';
import { contentsOf } from './item-records.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST_FILE,
  TABLE_FILES,
  isPlainJson,
  mediaEntry,
  type BackupCounts,
  type BackupManifest,
  type BackupOptions,
  type BackupStep,
} from './backup-format.ts';

// Writes the whole workspace to one ZIP (see backup-format.ts), table by table, page by page,
// so a workspace of any size passes through a small buffer.

/** Records read per query: big enough to be fast, small enough to keep memory flat. */
const PAGE = 1000;

export interface BackupSummary {
  counts: BackupCounts;
  /** Size of the backup file. */
  bytes: number;
  /** Settings left out because they hold more than plain data. */
  skippedSettings: string[];
}

/** The workspace changed under the backup (another tab); the file would not be whole. */
export class WorkspaceChangedError extends Error {
  override name = 'WorkspaceChangedError';
  constructor(what: string) {
    super(`The workspace changed during the backup (${what}). Nothing was saved; try again.`);
  }
}

/** Every record of a table in primary-key order, a page at a time. */
async function* pages<T, I>(
  table: Table<T, string, I>,
  key: (row: T) => string,
): AsyncGenerator<T[]> {
  let last: string | undefined;
  for (;;) {
    const page =
      last === undefined
        ? await table.orderBy(':id').limit(PAGE).toArray()
        : await table.where(':id').above(last).limit(PAGE).toArray();
    if (page.length === 0) return;
    yield page;
    last = key(page[page.length - 1]!);
  }
}

const encoder = new TextEncoder();
const jsonLines = (rows: readonly unknown[]) =>
  encoder.encode(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));

export async function writeBackup(
  db: AirlockDB,
  sink: ZipSink,
  { onProgress, signal }: BackupOptions = {},
): Promise<BackupSummary> {
  const zip = new ZipWriter(sink);
  const counts: BackupCounts = { projects: 0, items: 0, media: 0, annotations: 0, settings: 0 };
  const [projects, items, annotations, settings] = await Promise.all([
    db.projects.count(),
    db.items.count(),
    db.annotations.count(),
    db.settings.count(),
  ]);
  // Images are counted once their items are read; until then, assume one per item.
  let total = projects + items * 2 + annotations + settings;
  let done = 0;
  const advance = (step: BackupStep, by: number) => {
    signal?.throwIfAborted();
    done += by;
    onProgress?.({ phase: 'backing up', step, done, total });
  };

  const projectIds = new Set<string>();
  const projectRows = await db.projects.toArray();
  for (const p of projectRows) projectIds.add(p.id);
  await zip.add(TABLE_FILES.projects, jsonLines(projectRows), { compress: true });
  counts.projects = projectRows.length;
  advance('projects', projectRows.length);

  const itemIds = new Set<string>();
  const images = new Set<string>();
  await zip.add(
    TABLE_FILES.items,
    (async function* () {
      for await (const page of pages(db.items, (i) => i.id)) {
        for (const item of page) {
          if (!projectIds.has(item.projectId))
            throw new WorkspaceChangedError('a project was added');
          itemIds.add(item.id);
          if (item.kind === 'image') images.add(item.sha256);
        }
        // A backup's conversation holds its context and responses, as before they were apart.
        const contents = await contentsOf(db, page);
        const whole = page.map((row) => {
          const content = contents.get(row.id);
          // Deleted between the two reads (another tab): the line would miss its messages.
          if (row.kind === 'conversation' && !content)
            throw new WorkspaceChangedError('a conversation was deleted');
          return joinItem(row, content);
        });
        counts.items += page.length;
        advance('items', page.length);
        yield jsonLines(whole);
      }
    })(),
    { compress: true },
  );
  total += images.size - items;

  const mediaLines: { sha256: string; type: string; size: number }[] = [];
  for (const sha256 of [...images].sort()) {
    const media = await db.media.get(sha256);
    if (!media) throw new WorkspaceChangedError('an image was deleted');
    const bytes = new Uint8Array(media.bytes);
    await zip.add(mediaEntry(sha256), bytes); // images are compressed already: stored as is
    mediaLines.push({ sha256, type: media.type, size: bytes.byteLength });
    advance('images', 1);
  }
  await zip.add(TABLE_FILES.media, jsonLines(mediaLines), { compress: true });
  counts.media = mediaLines.length;

  await zip.add(
    TABLE_FILES.annotations,
    (async function* () {
      for await (const page of pages(db.annotations, (a) => a.id)) {
        for (const a of page) {
          if (!itemIds.has(a.itemId)) throw new WorkspaceChangedError('an item was added');
        }
        counts.annotations += page.length;
        advance('annotations', page.length);
        yield jsonLines(page);
      }
    })(),
    { compress: true },
  );

  const skippedSettings: string[] = [];
  const settingRows = (await db.settings.toArray()).filter((s) => {
    if (NEVER_BACKED_UP_SETTINGS.test(s.key) || THIS_BROWSER_SETTINGS.has(s.key)) return false;
    if (isPlainJson(s.value)) return true;
    skippedSettings.push(s.key);
    return false;
  });
  total -= settings - settingRows.length; // those left out
  await zip.add(TABLE_FILES.settings, jsonLines(settingRows), { compress: true });
  counts.settings = settingRows.length;
  advance('settings', settingRows.length);

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: db.verno,
    createdAt: new Date().toISOString(),
    counts,
  };
  await zip.add(MANIFEST_FILE, encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`));
  const bytes = await zip.close();
  return { counts, bytes, skippedSettings };
}
