import type { Annotation } from '../model/annotation.ts';
import type { ImageItem, ImageType, Item } from '../model/item.ts';
import type { Project } from '../model/project.ts';
import { sha256Hex } from '../import/hash.ts';
import { ZipWriter, type ZipSink } from './zip-writer.ts';
import {
  ANNOTATIONS,
  MANIFEST,
  SIGNATURE,
  SIGNER_PUB,
  buildManifest,
  bundleFileName,
  manifestBytes,
  type Manifest,
  type ManifestFile,
  type ManifestWarning,
} from './manifest.ts';
import { nativeLine } from './native-record.ts';
import { encodePublicKey, keyIdHex, publicKeyLine } from './minisign.ts';
import { signMinisign } from './signing.ts';
import { incrementalSha256 } from './sha256.ts';
import { unsafeNameReason } from './zip-names.ts';

// Writes one signed label bundle as a stream: annotations.jsonl as its lines are made, the
// format exports, each image's bytes (one at a time), signer.pub, and last the manifest and
// its signature, whose file list was gathered on the way. Memory holds one image at a time.

export interface BundleItem {
  item: Item;
  annotations: readonly Annotation[];
}

export interface ExtraFile {
  /** A path under exports/ (the format exports) or another entry the spec allows. */
  path: string;
  data: Uint8Array;
}

export interface BundleSigner {
  name: string;
  keyId: Uint8Array;
  publicKey: Uint8Array;
  privateKey: CryptoKey;
}

export interface StoredMedia {
  bytes: Uint8Array;
}

export interface BundleContent {
  project: Project;
  /** The items in a stable order, each with its annotations. */
  items: Iterable<BundleItem> | AsyncIterable<BundleItem>;
  /** Format exports (COCO, YOLO, VOC, spans, CoNLL) and the like, made by the caller. */
  files?: readonly ExtraFile[];
  /** The CoNLL tokenizer's name, when exports/conll.txt is among the files. */
  tokenizer?: string;
  /** What the format exports could not hold, for the manifest's `warnings`. */
  warnings?: readonly ManifestWarning[];
  /** Image bytes by SHA-256; given only when media is included. */
  media?: (sha256: string) => Promise<StoredMedia | undefined>;
}

export interface BundleProgress {
  items: number;
  /** Archive bytes written so far. */
  bytes: number;
  /** Image bytes written so far (of the media entries). */
  mediaBytes: number;
}

export interface BundleOptions {
  signer: BundleSigner;
  appVersion: string;
  createdAt?: Date;
  bundleId?: string;
  signal?: AbortSignal;
  onProgress?: (progress: BundleProgress) => void;
  /** Called with each item and its annotations.jsonl line (to remember what was exported). */
  onItem?: (item: Item, line: string) => void;
}

export interface WrittenBundle {
  fileName: string;
  manifest: Manifest;
  manifestSha256: string;
  size: number;
}

const EXTENSIONS: Record<ImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export function mediaPath(item: Pick<ImageItem, 'sha256' | 'mediaType'>): string {
  return `media/${item.sha256}.${EXTENSIONS[item.mediaType]}`;
}

const encoder = new TextEncoder();
const RESERVED = new Set([MANIFEST, SIGNATURE, SIGNER_PUB, ANNOTATIONS]);

export async function writeBundle(
  content: BundleContent,
  sink: ZipSink,
  options: BundleOptions,
): Promise<WrittenBundle> {
  const createdAt = options.createdAt ?? new Date();
  const { signer, signal } = options;
  const zip = new ZipWriter(sink, { modified: createdAt });
  const files: ManifestFile[] = [];
  const progress: BundleProgress = { items: 0, bytes: 0, mediaBytes: 0 };
  const report = () => {
    progress.bytes = zip.bytesWritten;
    options.onProgress?.({ ...progress });
  };

  for (const file of content.files ?? []) {
    const unsafe = unsafeNameReason(file.path);
    if (unsafe || RESERVED.has(file.path) || file.path.startsWith('media/'))
      throw new Error(`The export file "${file.path}" cannot go into a bundle.`);
  }

  // annotations.jsonl, hashed and counted line by line as it is written.
  const images = new Map<string, ImageItem>();
  let annotationCount = 0;
  const hash = incrementalSha256();
  let size = 0;
  async function* lines(): AsyncIterable<Uint8Array> {
    for await (const { item, annotations } of content.items) {
      signal?.throwIfAborted();
      const line = nativeLine(item, annotations);
      const bytes = encoder.encode(line);
      hash.update(bytes);
      size += bytes.length;
      annotationCount += annotations.length;
      if (item.kind === 'image') images.set(item.sha256, item);
      options.onItem?.(item, line);
      progress.items++;
      yield bytes;
      report();
    }
  }
  await zip.add(ANNOTATIONS, lines(), { compress: true });
  files.push({ path: ANNOTATIONS, size, sha256: hash.digest() });

  for (const file of content.files ?? []) {
    signal?.throwIfAborted();
    await zip.add(file.path, file.data, { compress: true });
    // Hashed here, not by WebCrypto, which copies its input first: a conversation file may be
    // hundreds of MB.
    const fileHash = incrementalSha256();
    fileHash.update(file.data);
    files.push({ path: file.path, size: file.data.length, sha256: fileHash.digest() });
    report();
  }

  if (content.media) {
    // A pipeline: the next image is read from storage while this one is hashed (WebCrypto,
    // off this thread) and checksummed and written (here). At most two images in memory.
    const media = content.media;
    const list = [...images.values()];
    const load = (i: number) => {
      const image = list[i];
      if (!image) return undefined;
      const loading = media(image.sha256);
      loading.catch(() => undefined);
      return loading;
    };
    let next = load(0);
    for (const [i, image] of list.entries()) {
      signal?.throwIfAborted();
      const stored = await next;
      next = load(i + 1);
      if (!stored) throw new Error(`The image of "${image.name}" is missing from storage.`);
      const hashing = sha256Hex(stored.bytes);
      hashing.catch(() => undefined);
      const path = mediaPath(image);
      await zip.add(path, stored.bytes);
      const sha256 = await hashing;
      // The name promises the bytes' hash: a damaged image fails the whole bundle, and a
      // failed bundle's file is thrown away by the caller.
      if (sha256 !== image.sha256)
        throw new Error(`The stored image of "${image.name}" is damaged (its SHA-256 changed).`);
      files.push({ path, size: stored.bytes.length, sha256 });
      progress.mediaBytes += stored.bytes.length;
      report();
    }
  }

  const keyId = keyIdHex(signer.keyId);
  const pub = encoder.encode(
    encodePublicKey({
      keyId: signer.keyId,
      publicKey: signer.publicKey,
      untrustedComment: `minisign public key ${keyId} (${oneLine(signer.name)}, Airlock)`,
    }),
  );
  await zip.add(SIGNER_PUB, pub);
  files.push({ path: SIGNER_PUB, size: pub.length, sha256: await sha256Hex(pub) });

  signal?.throwIfAborted();
  const manifest = buildManifest({
    bundleId: options.bundleId ?? crypto.randomUUID(),
    createdAt,
    appVersion: options.appVersion,
    project: content.project,
    signer: {
      name: signer.name,
      keyId,
      publicKey: publicKeyLine(signer.keyId, signer.publicKey),
    },
    ...(content.tokenizer ? { tokenizer: content.tokenizer } : {}),
    counts: { items: progress.items, annotations: annotationCount },
    files,
    ...(content.warnings ? { warnings: [...content.warnings] } : {}),
  });
  const bytes = manifestBytes(manifest);
  const manifestSha256 = await sha256Hex(bytes);
  const trustedComment = `timestamp:${Math.floor(createdAt.getTime() / 1000)}\tfile:${MANIFEST}\tbundle:${manifest.bundle_id}`;
  const signature = await signMinisign(signer.privateKey, signer.keyId, bytes, trustedComment);
  await zip.add(MANIFEST, bytes);
  await zip.add(SIGNATURE, encoder.encode(signature));
  const total = await zip.close();
  report();
  return {
    fileName: bundleFileName(content.project.name, createdAt, manifestSha256),
    manifest,
    manifestSha256,
    size: total,
  };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
