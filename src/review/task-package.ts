import { z } from 'zod';
import { Project } from '../model/project.ts';
import { Item } from '../model/item.ts';
import { ZipWriter, type ZipSink } from '../bundle/zip-writer.ts';
import { ZipArchive, type RandomAccess } from '../bundle/zip-reader.ts';
import { mediaPath } from '../bundle/write-bundle.ts';
import { sha256Hex } from '../import/hash.ts';
import type { MediaRecord } from '../storage/db.ts';

// A task package carries a project's schema and a batch of its items (with image bytes) from
// the lead to a labeler. Ids are kept, so the labeler's signed bundle maps back to the lead's
// items by id and SHA-256. Annotations never travel this way: labelers start blank.

export const TASK_FILE = 'airlock-task.json';
const ITEMS_FILE = 'items.jsonl';

const TaskHeader = z.object({
  type: z.literal('airlock.task-package'),
  version: z.literal(1),
  project: Project,
  batch: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }),
  items: z.number().int().nonnegative(),
});
type TaskHeader = z.infer<typeof TaskHeader>;

/** An item as it travels: no annotations, no review, status reset to to-do. */
const TaskItem = z.union([
  Item.options[0].omit({ projectId: true, seq: true, review: true }),
  Item.options[1].omit({ projectId: true, seq: true, review: true }),
]);
type TaskItem = z.infer<typeof TaskItem>;

export interface TaskPackage {
  project: Project;
  batch: TaskHeader['batch'];
  items: TaskItem[];
  /** Image bytes, each checked against its SHA-256, ready to store. */
  media: MediaRecord[];
}

export class TaskPackageError extends Error {
  override name = 'TaskPackageError';
}

export async function writeTaskPackage(
  sink: ZipSink,
  project: Project,
  items: readonly Item[],
  batch: TaskHeader['batch'],
  mediaOf: (sha256: string) => Promise<Uint8Array | undefined>,
): Promise<void> {
  const zip = new ZipWriter(sink);
  const header: TaskHeader = {
    type: 'airlock.task-package',
    version: 1,
    project,
    batch,
    items: items.length,
  };
  const encoder = new TextEncoder();
  await zip.add(TASK_FILE, encoder.encode(JSON.stringify(header, null, 1)), { compress: true });
  const lines = items.map((item) => JSON.stringify(asTaskItem(item)) + '\n');
  await zip.add(ITEMS_FILE, encoder.encode(lines.join('')), { compress: true });
  const written = new Set<string>();
  for (const item of items) {
    if (item.kind !== 'image' || written.has(item.sha256)) continue;
    const bytes = await mediaOf(item.sha256);
    if (!bytes) throw new TaskPackageError(`The image of "${item.name}" is missing from storage.`);
    await zip.add(mediaPath(item), bytes);
    written.add(item.sha256);
  }
  await zip.close();
}

export async function readTaskPackage(source: RandomAccess): Promise<TaskPackage> {
  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(source);
  } catch {
    throw new TaskPackageError('it is not a readable ZIP archive');
  }
  const problem = zip.problems[0];
  if (problem) throw new TaskPackageError(`${problem.entry}: ${problem.reason}`);
  const text = async (name: string) => {
    const entry = zip.get(name);
    if (!entry) throw new TaskPackageError(`${name} is missing: this is not a task package`);
    return new TextDecoder('utf-8', { fatal: true }).decode(await zip.read(entry));
  };
  const header = TaskHeader.safeParse(json(await text(TASK_FILE)));
  if (!header.success) {
    throw new TaskPackageError(
      `${TASK_FILE}: ${header.error.issues[0]?.message ?? 'not a task package header'}`,
    );
  }
  const items: TaskItem[] = [];
  (await text(ITEMS_FILE))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .forEach((line, i) => {
      const item = TaskItem.safeParse(json(line));
      if (!item.success)
        throw new TaskPackageError(`${ITEMS_FILE} line ${i + 1}: ${item.error.issues[0]?.message}`);
      items.push(item.data);
    });
  const media = new Map<string, MediaRecord>();
  for (const item of items) {
    if (item.kind !== 'image' || media.has(item.sha256)) continue;
    const path = mediaPath(item);
    const entry = zip.get(path);
    if (!entry) throw new TaskPackageError(`${path} (the image of "${item.name}") is missing`);
    const bytes = await zip.read(entry);
    if ((await sha256Hex(bytes)) !== item.sha256)
      throw new TaskPackageError(`${path} does not match its SHA-256: the package is damaged`);
    media.set(item.sha256, {
      sha256: item.sha256,
      type: item.mediaType,
      bytes: bytes.slice().buffer,
    });
  }
  return {
    project: header.data.project,
    batch: header.data.batch,
    items,
    media: [...media.values()],
  };
}

/** The item as a labeler starts on it: to do, no note, not reviewed. */
function asTaskItem(item: Item): TaskItem {
  const copy: Partial<Item> = { ...item, status: 'todo', note: '' };
  delete copy.projectId;
  delete copy.seq;
  delete copy.review;
  return copy as TaskItem;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
