import { z } from 'zod';

// The workspace backup file: one ZIP holding every backed-up table as JSON Lines, each image
// under media/<sha256>, and airlock-backup.json saying what the file is and how much it holds.
// Not a label bundle (nothing is signed); it exists to move or rescue a whole workspace.

export const BACKUP_FORMAT = 'airlock-workspace-backup';
/** Raise when a backup written by this code could not be read by the previous release. */
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'airlock-backup.json';

/**
 * The tables a backup copies: an explicit allow-list, so a table added later stays out of
 * backups until someone decides it belongs there. Signing keys (`keys`) never do: a private
 * key must not leave the browser that made it.
 */
export const BACKED_UP_TABLES = ['projects', 'items', 'media', 'annotations', 'settings'] as const;
export type BackedUpTable = (typeof BACKED_UP_TABLES)[number];

/** The JSON Lines file of each table (media.jsonl lists the images; their bytes are apart). */
export const TABLE_FILES: Record<BackedUpTable, string> = {
  projects: 'projects.jsonl',
  items: 'items.jsonl',
  media: 'media.jsonl',
  annotations: 'annotations.jsonl',
  settings: 'settings.jsonl',
};

export const mediaEntry = (sha256: string) => `media/${sha256}`;

const Count = z.number().int().nonnegative();
export const BackupCounts = z.object({
  projects: Count,
  items: Count,
  media: Count,
  annotations: Count,
  settings: Count,
});
export type BackupCounts = z.infer<typeof BackupCounts>;

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  /** The database schema version the records were read from. */
  schemaVersion: z.number().int().positive(),
  createdAt: z.string(),
  counts: BackupCounts,
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** A line of media.jsonl: the bytes are in media/<sha256>. */
export const MediaLine = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  type: z.string().min(1),
  size: Count,
});
export type MediaLine = z.infer<typeof MediaLine>;

export const SettingLine = z.object({ key: z.string().min(1), value: z.unknown() });

/** What the labeler sees move: one step per table, images counted one by one. */
export type BackupStep = 'projects' | 'items' | 'images' | 'annotations' | 'settings';

export interface BackupProgress {
  /** Backing up; or, for a restore, checking the whole file first, then writing it. */
  phase: 'backing up' | 'checking' | 'restoring';
  step: BackupStep;
  /** Records (or images) of all steps done so far, out of `total`. */
  done: number;
  total: number;
}

export interface BackupOptions {
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
}

/** Plain JSON data only: a setting holding anything else (a key, a Blob) is not backed up. */
export function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isPlainJson);
}
