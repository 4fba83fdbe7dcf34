import { createHash } from 'node:crypto';
import type { Annotation } from '../../src/model/annotation.ts';
import type { Item } from '../../src/model/item.ts';
import type { Project } from '../../src/model/project.ts';
import { generateKeyPair, type KeyPair } from '../../src/bundle/signing.ts';
import { signArchive } from '../../src/bundle/detached-signature.ts';
import { writeBundle, type BundleItem, type ExtraFile } from '../../src/bundle/write-bundle.ts';
import { ZipArchive, bytesAccess } from '../../src/bundle/zip-reader.ts';
import { ZipWriter } from '../../src/bundle/zip-writer.ts';
import { makePng } from './png.ts';
import { memorySink } from './zip.ts';

const at = '2026-11-20T09:00:00.000Z';

export const project: Project = {
  id: 'p-1',
  name: 'Contracts Zürich 2026',
  labels: [
    { id: 'l-person', name: 'Person', color: '#e6194b', kinds: ['span'] },
    { id: 'l-urgent', name: 'Urgent', color: '#3cb44b', kinds: ['text_class', 'image_class'] },
    { id: 'l-car', name: 'Car', color: '#4363d8', kinds: ['box', 'polygon', 'point'] },
    { id: 'l-knows', name: 'knows', color: '#f58231', kinds: ['relation'] },
  ],
  classGroups: [],
  createdAt: at,
  updatedAt: at,
};

export const png = makePng(64, 48, 3);
const pngSha = createHash('sha256').update(png).digest('hex');

const base = { projectId: project.id, note: '', createdAt: at, updatedAt: at };

export const textItem: Item = {
  ...base,
  id: 'i-text',
  seq: 0,
  kind: 'text',
  name: 'letter.txt',
  text: 'Ada 👩🏽‍💻 met Grace in 東京.',
  sha256: createHash('sha256').update('Ada 👩🏽‍💻 met Grace in 東京.').digest('hex'),
  status: 'done',
  note: 'checked twice',
};

export const imageItem: Item = {
  ...base,
  id: 'i-image',
  seq: 1,
  kind: 'image',
  name: 'street.png',
  sha256: pngSha,
  mediaType: 'image/png',
  width: 64,
  height: 48,
  byteLength: png.length,
  status: 'todo',
};

const stamp = (id: string, itemId: string, minute: number) => ({
  id,
  projectId: project.id,
  itemId,
  annotator: '0123456789abcdef',
  createdAt: `2026-11-20T09:${String(minute).padStart(2, '0')}:00.000Z`,
  updatedAt: `2026-11-20T09:${String(minute).padStart(2, '0')}:00.000Z`,
});

export const textAnnotations: Annotation[] = [
  {
    ...stamp('a-grace', 'i-text', 2),
    type: 'span',
    label: 'l-person',
    start: 13,
    end: 18,
    text: 'Grace',
  },
  {
    ...stamp('a-ada', 'i-text', 1),
    type: 'span',
    label: 'l-person',
    start: 0,
    end: 3,
    text: 'Ada',
  },
  {
    ...stamp('a-rel', 'i-text', 3),
    type: 'relation',
    label: 'l-knows',
    from: 'a-ada',
    to: 'a-grace',
  },
  { ...stamp('a-cls', 'i-text', 4), type: 'class', label: 'l-urgent' },
];

export const imageAnnotations: Annotation[] = [
  { ...stamp('a-box', 'i-image', 5), type: 'box', label: 'l-car', x: 1.5, y: 2, w: 30, h: 20 },
  {
    ...stamp('a-poly', 'i-image', 6),
    type: 'polygon',
    label: 'l-car',
    points: [
      [0, 0],
      [10, 0],
      [5, 8],
    ],
  },
  { ...stamp('a-pt', 'i-image', 7), type: 'point', label: 'l-car', x: 60, y: 40 },
];

export const sampleItems: BundleItem[] = [
  { item: textItem, annotations: textAnnotations },
  { item: imageItem, annotations: imageAnnotations },
];

export const createdAt = new Date('2026-11-23T10:20:30.456Z');

let cachedKey: KeyPair | undefined;
export async function signerKey(): Promise<KeyPair> {
  cachedKey ??= await generateKeyPair();
  return cachedKey;
}

export async function sampleBundle(
  options: { media?: boolean; files?: ExtraFile[]; key?: KeyPair } = {},
) {
  const key = options.key ?? (await signerKey());
  const sink = memorySink();
  const written = await writeBundle(
    {
      project,
      items: sampleItems,
      files: options.files ?? [
        { path: 'exports/spans.jsonl', data: new TextEncoder().encode('{"id":"i-text"}\n') },
      ],
      ...(options.media === false
        ? {}
        : { media: (sha: string) => Promise.resolve(sha === pngSha ? { bytes: png } : undefined) }),
    },
    sink,
    { signer: { name: 'Ada Lovelace', ...key }, appVersion: '0.1.0', createdAt, bundleId: 'b-1' },
  );
  const bytes = sink.bytes();
  // What the export writes beside the bundle: a signature over the whole archive.
  const detached = await signArchive(key.privateKey, key.keyId, bytes, written.fileName, createdAt);
  return { ...written, bytes, key, detached };
}

/** Reads every entry of an archive, lets `edit` change them, and writes a new archive. */
export async function rebuild(
  bytes: Uint8Array,
  edit: (entries: Map<string, Uint8Array>) => void,
): Promise<Uint8Array> {
  const zip = await ZipArchive.open(bytesAccess(bytes));
  const entries = new Map<string, Uint8Array>();
  for (const entry of zip.entries) entries.set(entry.name, await zip.read(entry));
  edit(entries);
  const sink = memorySink();
  const writer = new ZipWriter(sink);
  for (const [name, data] of entries) await writer.add(name, data);
  await writer.close();
  return sink.bytes();
}
