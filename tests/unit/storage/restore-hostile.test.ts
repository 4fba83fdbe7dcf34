// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { EMPTY_WORKSPACE, filledWorkspace, snapshot } from '../../factories/workspace.ts';
import { entryDataOffset, memorySink, patchZipEntry } from '../../factories/zip.ts';
import { rebuild } from '../../factories/bundle.ts';
import { bytesAccess, ZipArchive, type RandomAccess } from '../../../src/bundle/zip-reader.ts';
import { MANIFEST_FILE } from '../../../src/storage/backup-format.ts';
import { BackupRefusedError } from '../../../src/storage/backup-reader.ts';
import type { Repository } from '../../../src/storage/repository.ts';

// Hostile backup files, built here byte by byte: each must be refused with a message that
// names the file and the reason, and leave the workspace exactly as it was.

let good: Uint8Array | undefined;
async function goodBackup(): Promise<Uint8Array> {
  if (!good) {
    const sink = memorySink();
    await (await filledWorkspace()).repository.backUp(sink);
    good = sink.bytes();
  }
  return good;
}

async function entry(bytes: Uint8Array, name: string) {
  const zip = await ZipArchive.open(bytesAccess(bytes));
  const found = zip.entries.find((e) =>
    name.endsWith('/') ? e.name.startsWith(name) : e.name === name,
  );
  if (!found) throw new Error(`no ${name}`);
  return found;
}

const editEntry = (name: string, edit: (bytes: Uint8Array) => Uint8Array) => async () =>
  rebuild(await goodBackup(), (files) => files.set(name, edit(files.get(name)!)));
const text = (t: string) => () => new TextEncoder().encode(t);
const GIB2 = 2 ** 31;

const cases: [string, () => Promise<Uint8Array>, RegExp][] = [
  [
    'a CRC-32 that does not match a table',
    async () => {
      const bytes = await goodBackup();
      const items = await entry(bytes, 'items.jsonl');
      return patchZipEntry(bytes, 'items.jsonl', { crc: (items.crc ^ 0x5a5a5a5a) >>> 0 });
    },
    /damaged \(items\.jsonl: CRC-32 mismatch/,
  ],
  [
    'a table whose compressed data is corrupt',
    async () => {
      const bytes = (await goodBackup()).slice();
      const items = await entry(bytes, 'items.jsonl');
      expect(items.method).toBe(8); // tables are deflated
      bytes[entryDataOffset(bytes, items.offset)] = 0xff; // block type 3: does not exist
      return bytes;
    },
    /damaged \(items\.jsonl: its compressed data is corrupt\)/,
  ],
  [
    'a table that is not UTF-8',
    editEntry('items.jsonl', (b) => {
      const out = b.slice();
      out[out.indexOf(0x22) + 1] = 0xff; // inside the first key
      return out;
    }),
    /damaged \(items\.jsonl is not valid UTF-8\)/,
  ],
  [
    'a manifest that declares 2 GiB',
    async () => patchZipEntry(await goodBackup(), MANIFEST_FILE, { size: GIB2 }),
    // Refused by the strict ZIP reader (a stored entry's sizes must agree) or by the restore.
    /damaged \(airlock-backup\.json[: ][^)]*(size|2,147,483,648 bytes)/,
  ],
  [
    'a manifest of 2 MiB (a real one is a few hundred bytes)',
    editEntry(MANIFEST_FILE, (b) => {
      const out = new Uint8Array(2 * 1024 * 1024).fill(0x20);
      out.set(b);
      return out;
    }),
    /damaged \(airlock-backup\.json says it holds 2,097,152 bytes; a backup's is at most 1,048,576 bytes\)/,
  ],
  [
    'a table that declares 2 GiB',
    async () => patchZipEntry(await goodBackup(), 'annotations.jsonl', { size: GIB2 }),
    /damaged \(annotations\.jsonl: [^)]*2147483648/,
  ],
  [
    'an image that declares 2 GiB, in its entry and in media.jsonl',
    async () => {
      const image = await entry(await goodBackup(), 'media/');
      const bytes = await rebuild(await goodBackup(), (files) => {
        const lines = new TextDecoder().decode(files.get('media.jsonl'));
        files.set(
          'media.jsonl',
          new TextEncoder().encode(lines.replace(/"size":\d+/, `"size":${GIB2}`)),
        );
      });
      return patchZipEntry(bytes, image.name, { size: GIB2 });
    },
    /damaged \(media\/[0-9a-f]{64}[: ][^)]*(size|2,147,483,648 bytes)/,
  ],
  [
    'a file cut short by one byte',
    async () => (await goodBackup()).subarray(0, (await goodBackup()).length - 1),
    /not a ZIP file, or it is damaged \(.*truncated/,
  ],
  [
    'a file cut in the middle of an image',
    async () => {
      const bytes = await goodBackup();
      const image = await entry(bytes, 'media/');
      return bytes.subarray(0, image.offset + 200);
    },
    /not a ZIP file, or it is damaged \(.*truncated/,
  ],
  ['an empty file', () => Promise.resolve(new Uint8Array()), /not a ZIP file, or it is damaged/],
  [
    'a manifest that is null',
    editEntry(MANIFEST_FILE, text('null')),
    /is not an Airlock workspace backup \(airlock-backup\.json says otherwise\)/,
  ],
  [
    'a manifest that is an array',
    editEntry(MANIFEST_FILE, text('[{"format":"airlock-workspace-backup"}]')),
    /is not an Airlock workspace backup \(airlock-backup\.json says otherwise\)/,
  ],
  [
    'a manifest without counts',
    editEntry(
      MANIFEST_FILE,
      text(
        '{"format":"airlock-workspace-backup","formatVersion":1,"schemaVersion":1,"createdAt":"x"}',
      ),
    ),
    /damaged \(airlock-backup\.json: counts: /,
  ],
  [
    'a manifest that is not JSON',
    editEntry(MANIFEST_FILE, text('{"format": "airlock-workspace-backup",')),
    /damaged \(airlock-backup\.json is not valid JSON\)/,
  ],
  [
    'a record that is null',
    editEntry(
      'projects.jsonl',
      (b) => new Uint8Array([...new TextEncoder().encode('null\n'), ...b]),
    ),
    /damaged \(projects\.jsonl, line 1: /,
  ],
  [
    'a record of the wrong type',
    editEntry(
      'items.jsonl',
      (b) => new Uint8Array([...b, ...new TextEncoder().encode('"item"\n')]),
    ),
    /damaged \(items\.jsonl, line 6: /,
  ],
  [
    'a record with a field of the wrong type',
    editEntry('settings.jsonl', () => new TextEncoder().encode('{"key":42,"value":1}\n')),
    /damaged \(settings\.jsonl, line 1: key: /,
  ],
];

async function expectRefused(target: Repository, make: () => Promise<unknown>, reason: RegExp) {
  await target.setSetting('annotatorId', 'fedcba9876543210');
  const before = await snapshot(target);
  const error = await make().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BackupRefusedError);
  expect((error as Error).message).toMatch(/^backup\.zip was not restored: /);
  expect((error as Error).message).toMatch(reason);
  expect((error as Error).message).toMatch(/Nothing was changed\.$/);
  expect(await snapshot(target)).toEqual(before);
}

const restore = (target: Repository, access: RandomAccess) =>
  target.restore({ name: 'backup.zip', access });

describe('a hostile backup is refused, naming the file and the reason, and changes nothing', () => {
  for (const [what, make, reason] of cases) {
    it(`refuses ${what}`, async () => {
      const target = freshRepository();
      const bytes = await make();
      await expectRefused(target, () => restore(target, bytesAccess(bytes)), reason);
    });
  }

  it('refuses a file that can no longer be read (moved or changed since it was chosen)', async () => {
    const target = freshRepository();
    const bytes = await goodBackup();
    let reads = 0;
    const access: RandomAccess = {
      size: bytes.length,
      read: (offset, length) =>
        ++reads > 3
          ? Promise.reject(new DOMException('The file changed', 'NotReadableError'))
          : Promise.resolve(bytes.subarray(offset, offset + length)),
    };
    await expectRefused(
      target,
      () => restore(target, access),
      /it could not be read \(moved, deleted or changed since it was chosen\)/,
    );
  });

  it('says the disk is full when it fills while writing, and removes what it wrote', async () => {
    const target = freshRepository();
    vi.spyOn(target.db.annotations, 'bulkAdd').mockRejectedValue(
      Object.assign(new Error('quota'), { name: 'QuotaExceededError' }),
    );
    const backup = await goodBackup();
    await expectRefused(
      target,
      () => restore(target, bytesAccess(backup)),
      /the browser has no room left to store it/,
    );
  });

  it('says so when what it wrote cannot be removed, and the next start removes it', async () => {
    const target = freshRepository();
    vi.spyOn(target.db.annotations, 'bulkAdd').mockRejectedValue(new Error('disk error'));
    vi.spyOn(target.db.annotations, 'bulkDelete').mockRejectedValue(new Error('disk error'));
    const error = await restore(target, bytesAccess(await goodBackup())).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'backup.zip was not restored: it could not be restored (disk error). ' +
        'Reload Airlock: what the restore had written is removed when it starts.',
    );
    vi.restoreAllMocks();
    expect(await target.recoverInterruptedRestore()).toBe(true);
    expect(await snapshot(target)).toEqual(EMPTY_WORKSPACE);
  });
});
