import type { SourceFile } from '../../src/import/importer.ts';
import { Repository, type NewItem } from '../../src/storage/repository.ts';
import type { ItemStatus } from '../../src/model/item.ts';
import { AirlockDB } from '../../src/storage/db.ts';

let databases = 0;

/** A repository over a fresh, empty database (fake-indexeddb in unit tests). */
export function freshRepository(): Repository {
  return new Repository(new AirlockDB(`airlock-test-${++databases}-${Date.now()}`));
}

let drafts = 0;

/** A text to add to a project (to do unless told), with a hash of its own. */
export function textDraft(id: string, status: ItemStatus = 'todo'): NewItem {
  const sha256 = (++drafts).toString(16).padStart(64, '0');
  return { id, kind: 'text', name: `${id}.txt`, text: `text of ${id}`, sha256, status, note: '' };
}

/** A file to import, from text or bytes. */
export function sourceFile(name: string, content: string | Uint8Array, path?: string): SourceFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    name,
    size: bytes.byteLength,
    ...(path ? { path } : {}),
    arrayBuffer: () => Promise.resolve(bytes.slice().buffer),
  };
}

/** A minimal valid PNG header for `width`×`height` (enough for sniffing; the decoder is faked). */
export function pngHeader(width: number, height: number, seed = 0): Uint8Array {
  const bytes = new Uint8Array(33 + 4);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  bytes[33] = seed;
  return bytes;
}
