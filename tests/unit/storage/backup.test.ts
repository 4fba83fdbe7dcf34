// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { freshRepository } from '../../factories/files.ts';
import { EMPTY_WORKSPACE, filledWorkspace, snapshot } from '../../factories/workspace.ts';
import { memorySink } from '../../factories/zip.ts';
import { rebuild } from '../../factories/bundle.ts';
import { bytesAccess, ZipArchive } from '../../../src/bundle/zip-reader.ts';
import { BACKED_UP_WITH_ITEMS, NEVER_BACKED_UP, SCHEMA_VERSIONS } from '../../../src/storage/db.ts';
import {
  BACKED_UP_TABLES,
  MANIFEST_FILE,
  type BackupProgress,
} from '../../../src/storage/backup-format.ts';
import { BackupRefusedError } from '../../../src/storage/backup-reader.ts';
import type { Repository } from '../../../src/storage/repository.ts';
import { ReviewStore } from '../../../src/storage/review-store.ts';

async function backUp(repository: Repository, progress: BackupProgress[] = []) {
  const sink = memorySink();
  const summary = await repository.backUp(sink, { onProgress: (p) => progress.push(p) });
  return { bytes: sink.bytes(), summary };
}

const restore = (repository: Repository, bytes: Uint8Array, progress: BackupProgress[] = []) =>
  repository.restore(
    { name: 'backup.zip', access: bytesAccess(bytes) },
    { onProgress: (p) => progress.push(p) },
  );

async function entries(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await ZipArchive.open(bytesAccess(bytes));
  const out = new Map<string, string>();
  for (const entry of zip.entries)
    out.set(entry.name, new TextDecoder().decode(await zip.read(entry)));
  return out;
}

describe('workspace backup', () => {
  it('backs up an explicit list of tables: every table is either in it or never backed up', () => {
    const tables = Object.keys(SCHEMA_VERSIONS.at(-1)!.stores).sort();
    expect([...BACKED_UP_TABLES, ...BACKED_UP_WITH_ITEMS, ...NEVER_BACKED_UP].sort()).toEqual(
      tables,
    );
    expect(BACKED_UP_TABLES).not.toContain('keys');
  });

  it('restores every project, item, image, annotation and setting exactly, into an empty workspace', async () => {
    const { repository } = await filledWorkspace();
    const progress: BackupProgress[] = [];
    const { bytes, summary } = await backUp(repository, progress);
    // The annotator id stays with this browser (see below).
    expect(summary.counts).toEqual({
      projects: 2,
      items: 5,
      media: 1,
      annotations: 4,
      settings: 1,
    });
    expect(summary.bytes).toBe(bytes.length);
    expect(progress.at(-1)).toMatchObject({ phase: 'backing up', step: 'settings' });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(progress.map((p) => p.done)).toEqual(
      [...progress.map((p) => p.done)].sort((a, b) => a - b),
    );

    const target = freshRepository();
    const restoring: BackupProgress[] = [];
    expect(await restore(target, bytes, restoring)).toEqual(summary.counts);
    const before = await snapshot(repository);
    expect(await snapshot(target)).toEqual({
      ...before,
      settings: before.settings.filter((s) => s.key !== 'annotatorId'),
    });
    expect(restoring.some((p) => p.phase === 'checking')).toBe(true);
    expect(restoring.at(-1)).toMatchObject({ phase: 'restoring' });
    expect(restoring.at(-1)!.done).toBe(restoring.at(-1)!.total);
    // The restored workspace works through the repository as before.
    const [first] = await target.listProjects();
    expect(first).toMatchObject({ project: { name: 'Contracts ✍️' }, total: 2, done: 1 });
    expect(
      await (await target.getMedia((await target.getItem('i2'))!.sha256))?.arrayBuffer(),
    ).toBeDefined();
  });

  it('never writes a signing key into the backup', async () => {
    const { repository } = await filledWorkspace();
    expect(await repository.signingKeys()).toHaveLength(1);
    const { bytes } = await backUp(repository);
    const files = await entries(bytes);
    expect([...files.keys()].sort()).toEqual(
      [
        MANIFEST_FILE,
        'annotations.jsonl',
        'items.jsonl',
        'media.jsonl',
        `media/${(await repository.db.media.toCollection().primaryKeys())[0]}`,
        'projects.jsonl',
        'settings.jsonl',
      ].sort(),
    );
    for (const [name, text] of files) {
      expect(text, name).not.toContain('ABCDEF0123456789');
      expect(text, name).not.toContain('RWTEST-PUBLIC-KEY-LINE');
    }
    const target = freshRepository();
    await restore(target, bytes);
    expect(await target.signingKeys()).toEqual([]);
  });

  it("keeps who works in this browser: its labeler's name and annotator id stay with it", async () => {
    const lead = freshRepository();
    await lead.createProject('Pilot');
    await lead.setSetting('signerName', 'Lena Lead');
    await lead.setSetting('annotatorId', '0123456789abcdef');
    const { bytes } = await backUp(lead);
    for (const [name, text] of await entries(bytes)) {
      expect(text, name).not.toContain('Lena Lead');
      expect(text, name).not.toContain('0123456789abcdef');
    }
    // A backup made before this rule holds them: restored, this browser keeps its own.
    const utf8 = new TextEncoder();
    const older = await rebuild(bytes, (files) => {
      const settings = [
        { key: 'signerName', value: 'Lena Lead' },
        { key: 'annotatorId', value: '0123456789abcdef' },
        { key: 'plain', value: 1 },
      ];
      files.set(
        'settings.jsonl',
        utf8.encode(settings.map((l) => JSON.stringify(l) + '\n').join('')),
      );
      const manifest = JSON.parse(new TextDecoder().decode(files.get(MANIFEST_FILE))) as {
        counts: { settings: number };
      };
      manifest.counts.settings = settings.length;
      files.set(MANIFEST_FILE, utf8.encode(JSON.stringify(manifest)));
    });
    const ada = freshRepository();
    await ada.setSetting('signerName', 'Ada');
    await ada.setSetting('annotatorId', 'fedcba9876543210');
    await restore(ada, older);
    expect(await ada.getSetting('signerName', z.string())).toBe('Ada');
    expect(await ada.getSetting('annotatorId', z.string())).toBe('fedcba9876543210');
    expect(await ada.getSetting('plain', z.number())).toBe(1);
    expect((await ada.listProjects()).map((p) => p.project.name)).toEqual(['Pilot']);
  });

  it('leaves out a setting that is not plain data, and says so', async () => {
    const repository = freshRepository();
    await repository.setSetting('plain', { a: [1, 'two', null, true] });
    await repository.setSetting('blob', new Uint8Array([1, 2, 3]));
    const { summary, bytes } = await backUp(repository);
    expect(summary.skippedSettings).toEqual(['blob']);
    expect((await entries(bytes)).get('settings.jsonl')).toBe(
      '{"key":"plain","value":{"a":[1,"two",null,true]}}\n',
    );
  });

  it('backs up and restores an empty workspace', async () => {
    const { bytes, summary } = await backUp(freshRepository());
    expect(summary.counts).toEqual({
      projects: 0,
      items: 0,
      media: 0,
      annotations: 0,
      settings: 0,
    });
    expect(await restore(freshRepository(), bytes)).toEqual(summary.counts);
  });
});

describe('workspace restore refuses, naming the file and the reason, and changes nothing', () => {
  let good: Uint8Array | undefined;
  async function goodBackup(): Promise<Uint8Array> {
    good ??= (await backUp((await filledWorkspace()).repository)).bytes;
    return good;
  }
  const editEntry = (name: string, edit: (text: string) => string) => async () =>
    rebuild(await goodBackup(), (files) => {
      files.set(name, new TextEncoder().encode(edit(new TextDecoder().decode(files.get(name)))));
    });

  const cases: [string, () => Promise<Uint8Array>, RegExp][] = [
    [
      'a file that is not a ZIP',
      () => Promise.resolve(new TextEncoder().encode('hello')),
      /is not a ZIP file, or it is damaged/,
    ],
    [
      'a truncated file',
      async () => (await goodBackup()).subarray(0, 2000),
      /is not a ZIP file, or it is damaged \(.*truncated/,
    ],
    [
      'a ZIP that is not a backup',
      async () => rebuild(await goodBackup(), (files) => files.delete(MANIFEST_FILE)),
      /is not an Airlock workspace backup \(it has no airlock-backup\.json\)/,
    ],
    [
      'a newer backup format',
      editEntry(MANIFEST_FILE, (t) => t.replace('"formatVersion": 1', '"formatVersion": 2')),
      /made by a newer version of Airlock \(backup format 2; this version reads up to 1\)/,
    ],
    [
      'a newer storage version',
      editEntry(MANIFEST_FILE, (t) => t.replace(/"schemaVersion": \d+/, '"schemaVersion": 99')),
      /made by a newer version of Airlock \(storage version 99/,
    ],
    [
      'a damaged record',
      editEntry('items.jsonl', (t) => t.replace('"status":"done"', '"status":"finished"')),
      /damaged \(items\.jsonl, line \d+: status: /,
    ],
    [
      'a line that is not JSON',
      editEntry('annotations.jsonl', (t) => `${t}{"id": oops}\n`),
      /damaged \(annotations\.jsonl, line 5, is not valid JSON\)/,
    ],
    [
      'an annotation of a missing item',
      editEntry('annotations.jsonl', (t) => t.replace('"itemId":"i2"', '"itemId":"i9"')),
      /damaged \(annotations\.jsonl, line \d+: its item is not in the backup\)/,
    ],
    [
      'a missing table',
      async () => rebuild(await goodBackup(), (files) => files.delete('annotations.jsonl')),
      /damaged \(annotations\.jsonl is missing\)/,
    ],
    [
      'counts that disagree with the manifest',
      editEntry(MANIFEST_FILE, (t) => t.replace('"annotations": 4', '"annotations": 5')),
      /holds 4 annotations, its manifest says 5/,
    ],
    [
      'an image whose bytes were changed',
      async () =>
        rebuild(await goodBackup(), (files) => {
          const name = [...files.keys()].find((n) => n.startsWith('media/'))!;
          const bytes = files.get(name)!.slice();
          bytes[bytes.length - 20]! ^= 0xff;
          files.set(name, bytes);
        }),
      /damaged \(media\/[0-9a-f]{64} does not match its SHA-256\)/,
    ],
    [
      'a flipped bit (CRC-32)',
      async () => {
        const bytes = (await goodBackup()).slice();
        const zip = await ZipArchive.open(bytesAccess(bytes));
        const image = zip.entries.find((e) => e.name.startsWith('media/'))!;
        bytes[image.offset + 30 + image.name.length + 100]! ^= 0x01;
        return bytes;
      },
      /damaged \(media\/[0-9a-f]{64}: CRC-32 mismatch \(damaged data\)\)/,
    ],
  ];

  for (const [what, make, reason] of cases) {
    it(`refuses ${what}`, async () => {
      const target = freshRepository();
      await target.setSetting('annotatorId', 'fedcba9876543210');
      const before = await snapshot(target);
      const error = await restore(target, await make()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupRefusedError);
      expect((error as Error).message).toMatch(/^backup\.zip was not restored: /);
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message).toMatch(/Nothing was changed\.$/);
      expect(await snapshot(target)).toEqual(before);
    });
  }

  it('refuses a workspace that already has projects, naming them, and leaves them as they were', async () => {
    const target = freshRepository();
    await target.createProject('Mine');
    const before = await snapshot(target);
    await expect(restore(target, await goodBackup())).rejects.toThrow(
      /this workspace already has a project \("Mine"\)\. A restore only goes into an empty workspace/,
    );
    expect(await snapshot(target)).toEqual(before);
  });

  it('removes what it wrote when the restore stops half-way (cancelled while writing)', async () => {
    const target = freshRepository();
    const controller = new AbortController();
    const outcome = await target
      .restore(
        { name: 'backup.zip', access: bytesAccess(await goodBackup()) },
        {
          signal: controller.signal,
          onProgress: (p) => {
            if (p.phase === 'restoring' && p.step === 'items') controller.abort();
          },
        },
      )
      .catch((e: unknown) => e);
    expect((outcome as Error).name).toBe('AbortError');
    const after = await snapshot(target);
    expect(after).toEqual(EMPTY_WORKSPACE);
  });

  it('refuses to save a conversation whose messages were deleted while it was being read', async () => {
    const { repository } = await filledWorkspace();
    // Another tab deletes the conversation between the read of its row and of its messages.
    vi.spyOn(repository.db.contents, 'bulkGet').mockResolvedValue([undefined]);
    await expect(backUp(repository)).rejects.toThrow(
      'The workspace changed during the backup (a conversation was deleted). Nothing was saved; try again.',
    );
    vi.restoreAllMocks();
    expect((await backUp(repository)).summary.counts.items).toBe(5);
  });

  it('after a browser died mid-restore, the next start removes the half-written records', async () => {
    const { repository } = await filledWorkspace();
    const before = await snapshot(repository);
    // What a restore had written when the browser died: items, an annotation and an image of
    // a project that was never written, and its marker.
    await repository.db.items.add({ ...before.items[0]!, id: 'orphan', projectId: 'gone' });
    await repository.db.contents.add({ id: 'orphan', responses: [{ id: 'a', content: 'half' }] });
    await repository.db.annotations.add({
      ...before.annotations[0]!,
      id: 'orphan-a',
      itemId: 'orphan',
    });
    await repository.db.media.add({
      sha256: 'f'.repeat(64),
      type: 'image/png',
      bytes: new ArrayBuffer(4),
    });
    expect(await repository.recoverInterruptedRestore()).toBe(false); // no marker: nothing to do
    await repository.db.settings.put({ key: 'restoreInProgress', value: 'now' });
    expect(await repository.recoverInterruptedRestore()).toBe(true);
    expect(await snapshot(repository)).toEqual(before);
  });
});

describe('backup and review', () => {
  it('leaves labelers’ submissions out, with the list of bundles received, and keeps the result', async () => {
    const repository = freshRepository();
    const project = await repository.createProject('Reviewed', [
      { id: 'urgent', name: 'Urgent', color: '#e6194b', kinds: ['text_class'] },
    ]);
    await repository.addItems(project.id, [
      {
        id: 't1',
        kind: 'text',
        name: 'a.txt',
        text: 'a',
        sha256: 'c'.repeat(64),
        status: 'todo',
        note: '',
      },
    ]);
    const at = '2026-11-23T00:00:00.000Z';
    const signer = 'ABCDEF0123456789';
    const reviews = new ReviewStore(repository.db);
    await reviews.receive(
      {
        bundleId: 'b1',
        projectId: project.id,
        signer,
        signerName: 'Ada',
        fileName: 'a.zip',
        createdAt: at,
        receivedAt: at,
        items: 1,
        annotations: 1,
        labeled: ['t1'],
      },
      [
        {
          itemId: 't1',
          annotations: [
            {
              id: 's1',
              type: 'class',
              label: 'urgent',
              projectId: project.id,
              itemId: 't1',
              annotator: signer,
              createdAt: at,
              updatedAt: at,
            },
          ],
        },
      ],
    );
    await reviews.saveTrustedLabelers([
      { keyId: signer, publicKey: 'RWQ=', name: 'Ada', addedAt: at },
    ]);
    const { bytes } = await backUp(repository);
    const zip = await ZipArchive.open(bytesAccess(bytes));
    const settings = new TextDecoder().decode(await zip.read(zip.get('settings.jsonl')!));
    expect(settings).toContain('trustedLabelers');
    expect(settings).not.toContain('receivedBundles');
    expect(zip.entries.map((e) => e.name).some((n) => n.includes('submission'))).toBe(false);
  });
});
