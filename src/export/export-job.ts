import type { ItemFilter, Repository } from '../storage/repository.ts';
import type { Item } from '../model/item.ts';
import type { Project } from '../model/project.ts';
import { crc32 } from '../bundle/crc32.ts';
import { keyIdBytes, parsePublicKeyLine } from '../bundle/minisign.ts';
import { nativeLine } from '../bundle/native-record.ts';
import { writeBundle, type BundleItem, type ExtraFile } from '../bundle/write-bundle.ts';
import type { ZipSink } from '../bundle/zip-writer.ts';
import { manifestWarning, type FormatExports } from './format-exports.ts';
import type { ExportWarning } from '../formats/export-input.ts';
import { itemProblems } from '../review/intake-rules.ts';

// One export: which items (the scope), read page by page from storage, written as one signed
// bundle to a sink. Runs in the export worker; tests run it in Node over fake-indexeddb.

export type ExportScope =
  | { kind: 'all' }
  | { kind: 'done' }
  | { kind: 'filter'; filter: ItemFilter }
  | { kind: 'changed' }
  /** Items the lead reviewed and accepted: rejected and unreviewed ones stay behind. */
  | { kind: 'accepted' }
  | { kind: 'items'; ids: string[] };

export interface ExportRequest {
  projectId: string;
  scope: ExportScope;
  includeMedia: boolean;
  /** CoNLL: widen a span that cuts a token to whole tokens (reported) instead of leaving it out. */
  widenSpans?: boolean;
}

export interface ExportSigner {
  name: string;
  /** As minisign prints it. */
  keyId: string;
  /** The .pub file's second line. */
  publicKey: string;
  privateKey: CryptoKey;
}

export interface ExportPlan {
  project: Project;
  ids: string[];
  /** Image bytes the bundle will carry (0 without media). */
  mediaBytes: number;
}

export interface ExportProgress {
  items: number;
  totalItems: number;
  /** Archive bytes written. */
  bytes: number;
  mediaBytes: number;
  totalMediaBytes: number;
}

export interface ExportResult {
  fileName: string;
  size: number;
  items: number;
  annotations: number;
  keyId: string;
  manifestSha256: string;
  /** What the format exports could not hold (also in the manifest's `warnings`). */
  warnings: ExportWarning[];
  /**
   * The detached signature over the whole archive: `saved` when it was written beside the
   * bundle, otherwise the labeler saves the text. Absent for archives over DETACHED_LIMIT.
   */
  archiveSignature?: { name: string; text: string; saved: boolean };
  /** Why no archive signature could be made for a bundle that was saved all the same. */
  archiveSignatureError?: string;
}

export interface ExportOptions {
  signer: ExportSigner;
  appVersion: string;
  createdAt?: Date;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  formats?: { exports?: FormatExports; tokenizer?: string };
}

const PAGE = 250;

/** A short fingerprint of an item's record: changed record, changed fingerprint. */
export function fingerprint(line: string): string {
  const bytes = new TextEncoder().encode(line);
  return `${crc32(bytes).toString(16).padStart(8, '0')}-${bytes.length.toString(16)}`;
}

async function* pages(
  repository: Repository,
  ids: readonly string[],
  signal?: AbortSignal,
): AsyncIterable<BundleItem> {
  for (let i = 0; i < ids.length; i += PAGE) {
    signal?.throwIfAborted();
    const slice = ids.slice(i, i + PAGE);
    const [items, annotations] = await Promise.all([
      repository.getItems(slice),
      repository.annotationsOfItems(slice),
    ]);
    for (const item of items) yield { item, annotations: annotations.get(item.id) ?? [] };
  }
}

/**
 * The checks a received bundle passes (intake-rules.ts) guard what is signed here too: an
 * annotation that does not fit its item fails the bundle, naming the item and the reason.
 */
async function* checked(
  project: Project,
  source: AsyncIterable<BundleItem>,
): AsyncIterable<BundleItem> {
  for await (const entry of source) {
    const problems = itemProblems(entry.item, entry.annotations, project);
    if (problems.length > 0)
      throw new Error(`“${entry.item.name}” cannot be signed: ${problems.join('; ')}`);
    yield entry;
  }
}

/** Resolves the scope to item ids (in import order) and sizes the work. */
export async function planExport(
  repository: Repository,
  request: ExportRequest,
): Promise<ExportPlan> {
  const project = await repository.getProject(request.projectId);
  if (!project) throw new Error('This project no longer exists.');
  const { scope } = request;
  let ids: string[];
  if (scope.kind === 'items') ids = scope.ids;
  else if (scope.kind === 'done') ids = await repository.itemIds(project.id, { status: 'done' });
  else if (scope.kind === 'filter') ids = await repository.itemIds(project.id, scope.filter);
  else ids = await repository.itemIds(project.id);
  if (scope.kind === 'changed') {
    const marks = await repository.exportMarks(project.id);
    const changed: string[] = [];
    for await (const { item, annotations } of pages(repository, ids))
      if (marks.get(item.id) !== fingerprint(nativeLine(item, annotations))) changed.push(item.id);
    ids = changed;
  }
  if (scope.kind === 'accepted') {
    const accepted: string[] = [];
    for (let i = 0; i < ids.length; i += PAGE)
      for (const item of await repository.getItems(ids.slice(i, i + PAGE)))
        if (item.review?.status === 'accepted') accepted.push(item.id);
    ids = accepted;
  }
  let mediaBytes = 0;
  if (request.includeMedia) {
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i += PAGE) {
      for (const item of await repository.getItems(ids.slice(i, i + PAGE))) {
        if (item.kind === 'image' && !seen.has(item.sha256)) {
          seen.add(item.sha256);
          mediaBytes += item.byteLength;
        }
      }
    }
  }
  return { project, ids, mediaBytes };
}

/** Writes the planned items as one signed bundle into `sink`, then remembers what it exported. */
export async function runExport(
  repository: Repository,
  plan: ExportPlan,
  request: ExportRequest,
  sink: ZipSink,
  options: ExportOptions,
): Promise<ExportResult> {
  const { project, ids } = plan;
  const { signal } = options;
  const exported = new Map<string, string>();
  let items: Iterable<BundleItem> | AsyncIterable<BundleItem> = checked(
    project,
    pages(repository, ids, signal),
  );
  let files: ExtraFile[] = [];
  let warnings: ExportWarning[] | undefined;
  const formats = options.formats?.exports;
  if (formats) {
    // The format exports need every item at once (metadata only; images stay in storage).
    const all: BundleItem[] = [];
    for await (const entry of items) all.push(entry);
    items = all;
    ({ files, warnings } = formats({
      project,
      items: all.map((e) => e.item),
      annotations: all.flatMap((e) => [...e.annotations]),
      ...(request.widenSpans ? { widenSpans: true } : {}),
    }));
  }
  const key = parsePublicKeyLine(options.signer.publicKey);
  const written = await writeBundle(
    {
      project,
      items,
      files,
      ...(warnings ? { warnings: warnings.map(manifestWarning) } : {}),
      // The manifest names the tokenizer only when there is a CoNLL file it made.
      ...(options.formats?.tokenizer && files.some((f) => f.path === 'exports/conll.txt')
        ? { tokenizer: options.formats.tokenizer }
        : {}),
      ...(request.includeMedia
        ? {
            media: async (sha256: string) => {
              const bytes = await repository.mediaBytes(sha256);
              return bytes && { bytes };
            },
          }
        : {}),
    },
    sink,
    {
      signer: {
        name: options.signer.name,
        keyId: keyIdBytes(options.signer.keyId),
        publicKey: key.publicKey,
        privateKey: options.signer.privateKey,
      },
      appVersion: options.appVersion,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      ...(signal ? { signal } : {}),
      onItem: (item: Item, line: string) => void exported.set(item.id, fingerprint(line)),
      onProgress: (p) =>
        options.onProgress?.({
          items: p.items,
          totalItems: ids.length,
          bytes: p.bytes,
          mediaBytes: p.mediaBytes,
          totalMediaBytes: plan.mediaBytes,
        }),
    },
  );
  await repository.markExported(project.id, exported);
  return {
    fileName: written.fileName,
    size: written.size,
    items: written.manifest.counts.items,
    annotations: written.manifest.counts.annotations,
    keyId: written.manifest.signer.key_id,
    manifestSha256: written.manifestSha256,
    warnings: warnings ?? [],
  };
}

/** Splits a plan into batches of `size` items, for bulk export. */
export function batches(ids: readonly string[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}
