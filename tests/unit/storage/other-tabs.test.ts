import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AirlockDB, SCHEMA_VERSIONS } from '../../../src/storage/db.ts';
import { watchOtherTabs } from '../../../src/storage/other-tabs.ts';

/** Opens `name` as a newer Airlock would: the next version up, whatever it declares. */
function openNewer(name: string, version: number): Promise<'upgraded' | 'blocked'> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onblocked = () => resolve('blocked');
    request.onsuccess = () => {
      request.result.close();
      resolve('upgraded');
    };
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

const current = SCHEMA_VERSIONS.at(-1)!.version;

describe('other tabs', () => {
  it('lets a newer Airlock upgrade the workspace, then refuses to read or write it', async () => {
    const db = new AirlockDB('other-tabs-newer');
    const told: string[] = [];
    watchOtherTabs(db, {
      newerVersion: () => told.push('newer'),
      blocked: () => told.push('blocked'),
    });
    await db.settings.put({ key: 'k', value: 1 });

    // Dexie keeps IndexedDB versions ten times its own.
    expect(await openNewer('other-tabs-newer', (current + 1) * 10)).toBe('upgraded');
    expect(told).toEqual(['newer']);
    // Not reopened behind the labeler's back with a layout this code does not know.
    await expect(db.settings.get('k')).rejects.toThrow(Dexie.DatabaseClosedError);
  });

  it('says when its own upgrade waits for a tab holding an older version', async () => {
    const held = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('other-tabs-blocked', 1);
      request.onsuccess = () => resolve(request.result); // and ignores versionchange
    });
    const db = new AirlockDB('other-tabs-blocked');
    const told: string[] = [];
    watchOtherTabs(db, {
      newerVersion: () => told.push('newer'),
      blocked: () => told.push('blocked'),
    });
    const opened = db.open();
    await expect.poll(() => told).toEqual(['blocked']);
    held.close();
    await opened;
    expect(await db.settings.count()).toBe(0);
    db.close();
  });
});
