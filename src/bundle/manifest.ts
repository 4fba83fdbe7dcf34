import { z } from 'zod';
import type { Project } from '../model/project.ts';

// manifest.json, the signed document of a label bundle (label-bundle-v1.md). Parsing is loose:
// version 1 may gain fields, and a verifier keeps what it does not know.

export const BUNDLE_TYPE = 'airlock.label-bundle';
export const BUNDLE_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.json.minisig';
export const SIGNER_PUB = 'signer.pub';
export const ANNOTATIONS = 'annotations.jsonl';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits');

export const ManifestFile = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: Sha256Hex,
});
export type ManifestFile = z.infer<typeof ManifestFile>;

/**
 * Something a format export could not hold (Additions within version 1): the export file, the
 * item and annotation ids (null when it concerns no single one), and the reason.
 */
export const ManifestWarning = z.looseObject({
  file: z.string(),
  item: z.string().nullable(),
  annotation: z.string().nullable(),
  reason: z.string(),
});
export type ManifestWarning = z.infer<typeof ManifestWarning>;

export const Manifest = z.looseObject({
  type: z.literal(BUNDLE_TYPE),
  version: z.literal(BUNDLE_VERSION),
  bundle_id: z.string(),
  created_at: z.string(),
  app: z.looseObject({ name: z.string(), version: z.string() }),
  project: z.looseObject({
    id: z.string(),
    name: z.string(),
    labels: z.array(z.looseObject({ id: z.string(), name: z.string(), kind: z.string() })),
  }),
  signer: z.looseObject({
    name: z.string(),
    key_id: z.string().regex(/^[0-9A-F]{16}$/, 'a key id is 16 upper-case hex digits'),
    public_key: z.string(),
  }),
  units: z.looseObject({ text_offsets: z.string(), image_coordinates: z.string() }),
  tokenizer: z.string().optional(),
  counts: z.looseObject({
    items: z.number().int().nonnegative(),
    annotations: z.number().int().nonnegative(),
  }),
  files: z.array(ManifestFile),
  warnings: z.array(ManifestWarning).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

/** Byte order of UTF-8 paths, as the spec sorts `files` (not UTF-16 code unit order). */
export function compareBytes(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export interface ManifestInput {
  bundleId: string;
  createdAt: Date;
  appVersion: string;
  project: Project;
  signer: { name: string; keyId: string; publicKey: string };
  tokenizer?: string;
  counts: { items: number; annotations: number };
  files: ManifestFile[];
  /** What the format exports could not hold; written (possibly empty) when they ran. */
  warnings?: ManifestWarning[];
}

/** The manifest, fields in the spec's order, `files` sorted by path bytes. */
export function buildManifest(input: ManifestInput): Manifest {
  return {
    type: BUNDLE_TYPE,
    version: BUNDLE_VERSION,
    bundle_id: input.bundleId,
    created_at: input.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    app: { name: 'airlock', version: input.appVersion },
    project: {
      id: input.project.id,
      name: input.project.name,
      // A label may apply to several kinds: `kind` is its first, `kinds` lists them all.
      labels: input.project.labels.map((l) => ({
        id: l.id,
        name: l.name,
        kind: l.kinds[0]!,
        kinds: l.kinds,
        color: l.color,
        ...(l.group ? { group: l.group } : {}),
      })),
      class_groups: input.project.classGroups.map((g) => ({
        id: g.id,
        name: g.name,
        choose: g.choice,
      })),
    },
    signer: {
      name: input.signer.name,
      key_id: input.signer.keyId,
      public_key: input.signer.publicKey,
    },
    units: { text_offsets: 'codepoint', image_coordinates: 'pixel' },
    ...(input.tokenizer ? { tokenizer: input.tokenizer } : {}),
    counts: input.counts,
    files: [...input.files].sort((a, b) => compareBytes(a.path, b.path)),
    ...(input.warnings ? { warnings: input.warnings } : {}),
  };
}

/** The exact bytes that are signed: pretty JSON, UTF-8, one trailing newline. */
export function manifestBytes(manifest: Manifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n');
}

/** `<project-slug>-<UTC yyyymmddThhmmssZ>-<first 8 hex of the manifest's sha256>.zip` */
export function bundleFileName(
  projectName: string,
  createdAt: Date,
  manifestSha256: string,
): string {
  const stamp = createdAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `${slug(projectName)}-${stamp}-${manifestSha256.slice(0, 8)}.zip`;
}

/** Lower-case ASCII letters, digits and dashes; accents dropped; "project" when nothing is left. */
export function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return ascii || 'project';
}

/** The name suggested in a save dialog, before the manifest (and its hash) exists. */
export function pendingBundleName(projectName: string, createdAt: Date): string {
  return bundleFileName(projectName, createdAt, '').replace(/-\.zip$/, '.zip');
}
