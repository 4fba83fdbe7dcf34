import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Project } from '../model/project.ts';
import { splitItem, type CONTENT_FIELDS, type ItemContent, type ItemRow } from '../model/item.ts';
import type { Annotation } from '../model/annotation.ts';

/** The bytes of an imported image, shared by every item with the same SHA-256. */
export interface MediaRecord {
  sha256: string;
  type: string;
  /** An ArrayBuffer rather than a Blob: the portable form across browsers' IndexedDB. */
  bytes: ArrayBuffer;
}

/**
 * A screen-sized copy of an image (JPEG, or WebP when it has transparency), drawn first when
 * the image opens. Made at import, or on the first open of an image stored before it;
 * deleted with its image; never backed up (it is made again from the image).
 */
export interface PreviewRecord {
  /** The image's SHA-256 (the key of its MediaRecord). */
  sha256: string;
  type: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  bytes: ArrayBuffer;
}

/**
 * A conversation's context and responses, keyed by the item's id, apart from its row in `items`:
 * written with the item, never changed, deleted with it. Labeling reads it without waiting
 * for the status and note writes queued on `items` (IndexedDB runs a read after every write
 * begun before it on the same table).
 */
export type ContentRecord = ItemContent & { id: string };

export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * An annotator's signing key. The private key is a non-extractable WebCrypto key stored by
 * structured clone: it can sign here and nowhere else. Retired keys stay listed (without
 * their use) so bundles they signed can still be checked against their public keys.
 */
export interface SigningKeyRecord {
  /** As minisign prints it: 16 upper-case hex digits. */
  keyId: string;
  /** The second line of the minisign .pub file: base64("Ed" ‖ key id ‖ public key). */
  publicKey: string;
  privateKey: CryptoKey;
  createdAt: string;
  /** Set when a newer key replaced this one. */
  retiredAt?: string;
}

/**
 * One annotation a labeler sent in a verified bundle, for review. `id` is the signer's key id
 * and the annotation's id, so a newer bundle from the same labeler replaces it.
 */
export interface SubmissionRecord {
  id: string;
  projectId: string;
  itemId: string;
  /** The labeler's key id (16 upper-case hex). */
  signer: string;
  bundleId: string;
  annotation: Annotation;
}

export const DB_NAME = 'airlock';

/**
 * The schema, one `version()` per release that changed it. Append-only: never edit a
 * past version; add a new one with an upgrade function, and a fixture in
 * tests/unit/storage/fixtures for the upgrade test.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<void>;
}> = [
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
  {
    // Signing keys for label bundles.
    version: 2,
    stores: {
      projects: 'id',
      items: 'id, sha256, [projectId+seq], [projectId+status+seq], [projectId+sha256]',
      media: 'sha256',
      annotations: 'id, itemId, projectId, [projectId+label]',
      settings: 'key',
      keys: 'keyId, createdAt',
    },
  },
  {
    // Labelers' annotations received in signed bundles, kept apart from the project's own.
    version: 3,
    stores: {
      projects: 'id',
      items: 'id, sha256, [projectId+seq], [projectId+status+seq], [projectId+sha256]',
      media: 'sha256',
      annotations: 'id, itemId, projectId, [projectId+label]',
      settings: 'key',
      keys: 'keyId, createdAt',
      submissions: 'id, [projectId+itemId], [projectId+signer]',
    },
  },
  {
    // Previews of big images, drawn while the original is read. A new table needs no upgrade
    // of existing data: images stored before it get their preview on their first open.
    version: 4,
    stores: {
      projects: 'id',
      items: 'id, sha256, [projectId+seq], [projectId+status+seq], [projectId+sha256]',
      media: 'sha256',
      annotations: 'id, itemId, projectId, [projectId+label]',
      settings: 'key',
      keys: 'keyId, createdAt',
      submissions: 'id, [projectId+itemId], [projectId+signer]',
      previews: 'sha256',
    },
  },
  {
    // Conversations' context and responses move to their own table (see ContentRecord).
    version: 5,
    stores: {
      projects: 'id',
      items: 'id, sha256, [projectId+seq], [projectId+status+seq], [projectId+sha256]',
      contents: 'id',
      media: 'sha256',
      annotations: 'id, itemId, projectId, [projectId+label]',
      settings: 'key',
      keys: 'keyId, createdAt',
      submissions: 'id, [projectId+itemId], [projectId+signer]',
      previews: 'sha256',
    },
    upgrade: moveContents,
  },
];

/** Items moved a page at a time, so a big workspace never sits in memory whole. */
const UPGRADE_PAGE = 200;

async function moveContents(tx: Transaction): Promise<void> {
  const items = tx.table('items');
  const contents = tx.table('contents');
  let last: string | undefined;
  for (;;) {
    const page = (await (last === undefined ? items.orderBy(':id') : items.where(':id').above(last))
      .limit(UPGRADE_PAGE)
      .toArray()) as { id: string }[];
    if (page.length === 0) return;
    // Only conversations change; texts and images are read and left as they are.
    const moved = page.flatMap((item) => {
      const { row, content } = splitItem(item);
      return content ? [{ row, content: { id: item.id, ...content } }] : [];
    });
    await contents.bulkAdd(moved.map(({ content }) => content));
    await items.bulkPut(moved.map(({ row }) => row));
    last = page.at(-1)!.id;
  }
}

/**
 * Tables a workspace backup never copies. Private keys never leave the browser (a CryptoKey
 * cannot be serialised anyway; this makes the rule explicit). Labelers' submissions are copies
 * of their signed bundles, which the lead keeps as files: after a restore they are received
 * again, checked again. The adjudicated result is the project's own annotations, backed up.
 * Previews are made again from the images they copy (on each one's first open after a restore).
 */
export const NEVER_BACKED_UP: readonly string[] = ['keys', 'submissions', 'previews'];

/** Tables a backup holds inside another table's file: an item's line carries its content. */
export const BACKED_UP_WITH_ITEMS: readonly string[] = ['contents'];

/** Settings that describe never-backed-up tables, left out with them. */
export const NEVER_BACKED_UP_SETTINGS = /^receivedBundles:/;

/**
 * Settings that say who works in this browser: its signer's name (state/identity.svelte.ts)
 * and annotator id (platform/annotator.ts). They stay with the browser, as its signing keys
 * do: a backup leaves them out, and a restore of an older backup that has them keeps this
 * browser's own, so a labeler restoring the lead's backup does not sign or label as the lead.
 */
export const THIS_BROWSER_SETTINGS: ReadonlySet<string> = new Set(['signerName', 'annotatorId']);

export class AirlockDB extends Dexie {
  projects!: EntityTable<Project, 'id'>;
  /** Rows only: a whole conversation (with its messages) does not type-check here. */
  items!: EntityTable<ItemRow & { [F in (typeof CONTENT_FIELDS)[number]]?: never }, 'id'>;
  contents!: EntityTable<ContentRecord, 'id'>;
  media!: EntityTable<MediaRecord, 'sha256'>;
  annotations!: EntityTable<Annotation, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  keys!: EntityTable<SigningKeyRecord, 'keyId'>;
  submissions!: EntityTable<SubmissionRecord, 'id'>;
  previews!: EntityTable<PreviewRecord, 'sha256'>;

  constructor(name = DB_NAME) {
    // 'strict' asks Chromium to flush each commit: an edit survives a crash right after it.
    super(name, { chromeTransactionDurability: 'strict' });
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}
