import { z } from 'zod';
import { Project } from '../model/project.ts';
import { Item } from '../model/item.ts';
import type { TrustedLabeler } from '../model/review.ts';
import { ZipArchive, type RandomAccess, type ZipEntry } from '../bundle/zip-reader.ts';
import { mediaPath, writeBundle, type BundleSigner } from '../bundle/write-bundle.ts';
import type { ZipSink } from '../bundle/zip-writer.ts';
import { SIGNER_PUB } from '../bundle/manifest.ts';
import { keyIdHex, parsePublicKey, parsePublicKeyLine, publicKeyLine } from '../bundle/minisign.ts';
import { verifyBundle } from '../bundle/verify.ts';
import { sha256Hex, sha256OfText } from '../import/hash.ts';
import { MAX_FILE_BYTES } from '../import/limits.ts';
import type { MediaRecord } from '../storage/db.ts';

// A task package carries a project's schema and a batch of its items (with image bytes) from
// the lead to one labeler. It is a label bundle signed by the lead (same manifest, same
// minisign signature, read back by verifyBundle), plus a header naming batch and labeler and
// the items' full records. The labeler's Airlock checks the signature against the lead it
// trusts, which covers the item list, then every text's and image's SHA-256. (A
// conversation's SHA-256 is of its source line as imported, which the package does not carry:
// the signature over the list is its check.) Labelers start blank.

export const TASK_FILE = 'airlock-task.json';
export const ITEMS_FILE = 'items.jsonl';
/** A task header or item list larger than this is not one Airlock wrote. */
const MAX_ITEMS_BYTES = 512 * 1024 * 1024;

const KeyRef = z.object({ keyId: z.string().regex(/^[0-9A-F]{16}$/), name: z.string() });
const TaskHeader = z.object({
  type: z.literal('airlock.task-package'),
  version: z.literal(1),
  project: Project,
  batch: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }),
  /** Whom the batch is for. */
  labeler: KeyRef,
  items: z.number().int().nonnegative(),
  /** The project's labeling guidelines (Markdown); signed with the rest of the header. */
  guidelines: z.string().max(1_000_000).optional(),
});
type TaskHeader = z.infer<typeof TaskHeader>;

/** What stays with the lead's copy of an item. */
const leftBehind = { projectId: true, seq: true, review: true } as const;
/** An item as it travels: no annotations, no review, status reset to to-do. */
const TaskItem = z.discriminatedUnion('kind', [
  Item.options[0].omit(leftBehind),
  Item.options[1].omit(leftBehind),
  Item.options[2].omit(leftBehind),
]);
type TaskItem = z.infer<typeof TaskItem>;

export interface TaskPackage {
  project: Project;
  batch: TaskHeader['batch'];
  labeler: TaskHeader['labeler'];
  /** The lead who signed it. */
  lead: TrustedLabeler;
  /** True when no lead was trusted yet: ask before opening (trust on first use). */
  firstUse: boolean;
  items: TaskItem[];
  /** Image bytes, each checked against its SHA-256, ready to store. */
  media: MediaRecord[];
  /** The lead's guidelines for the project; empty when the package carries none. */
  guidelines: string;
}

export class TaskPackageError extends Error {
  override name = 'TaskPackageError';
}

export interface TaskBatch {
  batch: TaskHeader['batch'];
  labeler: TaskHeader['labeler'];
  /** The project's labeling guidelines, carried to the labeler. */
  guidelines?: string;
}

export async function writeTaskPackage(
  sink: ZipSink,
  project: Project,
  items: readonly Item[],
  { batch, labeler, guidelines }: TaskBatch,
  mediaOf: (sha256: string) => Promise<Uint8Array | undefined>,
  signer: BundleSigner,
  createdAt = new Date(),
): Promise<void> {
  const header: TaskHeader = {
    type: 'airlock.task-package',
    version: 1,
    project,
    batch,
    labeler,
    items: items.length,
  };
  if (guidelines?.trim()) header.guidelines = guidelines;
  const encoder = new TextEncoder();
  const tasks = items.map(asTaskItem);
  const lines = tasks.map((item) => JSON.stringify(item) + '\n').join('');
  await writeBundle(
    {
      project,
      items: items.map((item) => ({ item: blank(item), annotations: [] })),
      files: [
        { path: TASK_FILE, data: encoder.encode(JSON.stringify(header, null, 1)) },
        { path: ITEMS_FILE, data: encoder.encode(lines) },
      ],
      media: async (sha) => {
        const bytes = await mediaOf(sha);
        return bytes && { bytes };
      },
    },
    sink,
    { signer, appVersion: '1', createdAt },
  );
}

/**
 * Reads and checks a package against the leads this labeler trusts. Every failure is a
 * TaskPackageError with the reason; nothing else is thrown.
 */
export async function readTaskPackage(
  source: RandomAccess,
  leads: readonly TrustedLabeler[],
): Promise<TaskPackage> {
  try {
    return await read(source, leads);
  } catch (error) {
    if (error instanceof TaskPackageError) throw error;
    throw new TaskPackageError(
      `it could not be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function read(source: RandomAccess, leads: readonly TrustedLabeler[]): Promise<TaskPackage> {
  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(source);
  } catch {
    throw new TaskPackageError('it is not a readable ZIP archive');
  }
  const problem = zip.problems[0];
  if (problem) throw new TaskPackageError(`${problem.entry}: ${problem.reason}`);
  if (!zip.get(TASK_FILE))
    throw new TaskPackageError(`${TASK_FILE} is missing: this is not a task package`);
  const pubEntry = zip.get(SIGNER_PUB);
  if (!pubEntry) throw new TaskPackageError('it is not signed (signer.pub is missing)');
  const key = parsePublicKey(text(await readSmall(zip, pubEntry, 4096), SIGNER_PUB));
  const keyId = keyIdHex(key.keyId);
  const known = leads.find((l) => l.keyId === keyId);
  if (!known && leads.length > 0)
    throw new TaskPackageError(
      `it is signed by key ${keyId}, not by your lead (${leads.map((l) => `${l.name}, key ${l.keyId}`).join('; ')})`,
    );
  const lead: TrustedLabeler = known ?? {
    keyId,
    publicKey: publicKeyLine(key.keyId, key.publicKey),
    name: key.untrustedComment.replace(/^untrusted comment:\s*/, '').slice(0, 200) || keyId,
    addedAt: new Date().toISOString(),
  };
  const trusted = parsePublicKeyLine(lead.publicKey);
  const verdict = await verifyBundle(source, {
    trustedKeys: [{ keyId, publicKey: trusted.publicKey }],
  });
  if (!verdict.ok)
    throw new TaskPackageError(verdict.reasons.map((r) => `${r.entry}: ${r.reason}`).join('; '));
  if (verdict.manifest?.signer.name) lead.name = known?.name ?? verdict.manifest.signer.name;

  const header = TaskHeader.safeParse(
    json(text(await readSmall(zip, zip.get(TASK_FILE)!, 16 << 20), TASK_FILE)),
  );
  if (!header.success)
    throw new TaskPackageError(
      `${TASK_FILE}: ${header.error.issues[0]?.message ?? 'not a task package header'}`,
    );
  if (header.data.project.id !== verdict.manifest?.project.id)
    throw new TaskPackageError(`${TASK_FILE} names another project than the signed manifest`);
  const itemsEntry = zip.get(ITEMS_FILE);
  if (!itemsEntry) throw new TaskPackageError(`${ITEMS_FILE} is missing`);
  const items: TaskItem[] = [];
  text(await readSmall(zip, itemsEntry, MAX_ITEMS_BYTES), ITEMS_FILE)
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const item = TaskItem.safeParse(json(line));
      if (!item.success)
        throw new TaskPackageError(`${ITEMS_FILE} line ${i + 1}: ${item.error.issues[0]?.message}`);
      items.push(item.data);
    });
  const media = new Map<string, MediaRecord>();
  for (const [i, item] of items.entries()) {
    const where = `${ITEMS_FILE} line ${i + 1}`;
    if (item.kind === 'conversation') continue;
    if (item.kind === 'text') {
      if ((await sha256OfText(item.text)) !== item.sha256)
        throw new TaskPackageError(
          `${where}: the text of "${item.name}" does not match its SHA-256`,
        );
      continue;
    }
    if (media.has(item.sha256)) continue;
    const path = mediaPath(item);
    const entry = zip.get(path);
    if (!entry) throw new TaskPackageError(`${path} (the image of "${item.name}") is missing`);
    const bytes = await readSmall(zip, entry, MAX_FILE_BYTES);
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
    labeler: header.data.labeler,
    lead,
    firstUse: !known,
    items,
    media: [...media.values()],
    guidelines: header.data.guidelines ?? '',
  };
}

async function readSmall(zip: ZipArchive, entry: ZipEntry, limit: number): Promise<Uint8Array> {
  if (entry.size > limit)
    throw new TaskPackageError(`${entry.name} is too large (${entry.size} bytes)`);
  return zip.read(entry);
}

function text(bytes: Uint8Array, name: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new TaskPackageError(`${name} is not UTF-8 text`);
  }
}

/** The item as a labeler starts on it: to do, no note, not reviewed. */
function blank(item: Item): Item {
  const copy: Item = { ...item, status: 'todo', note: '' };
  delete copy.review;
  return copy;
}

function asTaskItem(item: Item): TaskItem {
  const copy: Partial<Item> = blank(item);
  delete copy.projectId;
  delete copy.seq;
  return copy as TaskItem;
}

function json(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
