import Dexie, { type EntityTable } from 'dexie';
import type { Project } from '../model/project.ts';
import type { Item } from '../model/item.ts';
import type { Annotation } from '../model/annotation.ts';

/** The bytes of an imported image, shared by every item with the same SHA-256. */
export interface MediaRecord {
  sha256: string;
  type: string;
  /** An ArrayBuffer rather than a Blob: the portable form across browsers' IndexedDB. */
  bytes: ArrayBuffer;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'airlock';

/**
 * The schema, one `version()` per release that changed it. Append-only: never edit a
 * past version; add a new one with an upgrade function, and a fixture in
 * tests/unit/storage/fixtures for the upgrade test.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Record<string, string> }> = [
  {
    version: 1,
    stores: {
      projects: 'id',
      items: 'id, sha256, [projectId+seq], [projectId+status+seq], [projectId+sha256]',
      media: 'sha256',
      annotations: 'id, itemId, projectId, [projectId+label]',
      settings: 'key',
    },
  },
];

export class AirlockDB extends Dexie {
  projects!: EntityTable<Project, 'id'>;
  items!: EntityTable<Item, 'id'>;
  media!: EntityTable<MediaRecord, 'sha256'>;
  annotations!: EntityTable<Annotation, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name = DB_NAME) {
    // 'strict' asks Chromium to flush each commit: an edit survives a crash right after it.
    super(name, { chromeTransactionDurability: 'strict' });
    for (const { version, stores } of SCHEMA_VERSIONS) this.version(version).stores(stores);
  }
}
