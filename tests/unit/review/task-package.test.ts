// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  ITEMS_FILE,
  TASK_FILE,
  TaskPackageError,
  readTaskPackage,
  writeTaskPackage,
} from '../../../src/review/task-package.ts';
import { bytesAccess } from '../../../src/bundle/zip-reader.ts';
import { writeBundle } from '../../../src/bundle/write-bundle.ts';
import { generateKeyPair, type KeyPair } from '../../../src/bundle/signing.ts';
import { keyIdHex, publicKeyLine } from '../../../src/bundle/minisign.ts';
import { splitIntoBatches } from '../../../src/model/batches.ts';
import type { TrustedLabeler } from '../../../src/model/review.ts';
import { freshRepository } from '../../factories/files.ts';
import { saveTextSettings, textSettings } from '../../../src/storage/text-settings.ts';
import { memorySink } from '../../factories/zip.ts';
import { imageItem, png, project, rebuild, textItem } from '../../factories/bundle.ts';
import { ReviewStore } from '../../../src/storage/review-store.ts';
import { conversation } from '../../factories/conversations.ts';
import type { ConversationItem } from '../../../src/model/item.ts';

const forAda = { batch: { index: 1, count: 2 }, labeler: { keyId: 'A'.repeat(16), name: 'Ada' } };
let leadKey: KeyPair | undefined;
const lead = async () => (leadKey ??= await generateKeyPair());
const trusted = (key: KeyPair, name = 'Lead'): TrustedLabeler => ({
  keyId: keyIdHex(key.keyId),
  publicKey: publicKeyLine(key.keyId, key.publicKey),
  name,
  addedAt: '2026-12-01T00:00:00.000Z',
});

async function leadPackage(items = [textItem, imageItem], key?: KeyPair, guidelines?: string) {
  const signer = key ?? (await lead());
  const sink = memorySink();
  await writeTaskPackage(
    sink,
    project,
    items,
    { ...forAda, guidelines },
    (sha) => Promise.resolve(sha === imageItem.sha256 ? png : undefined),
    { name: 'Lead', ...signer },
  );
  return sink.bytes();
}

/** Offsets of an entry in an archive the writer made: its local header and directory entry. */
function entryAt(bytes: Uint8Array, name: string) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wanted = new TextEncoder().encode(name);
  const matches = (at: number) => wanted.every((b, i) => bytes[at + i] === b);
  let local = -1;
  let central = -1;
  for (let i = 0; i + 46 < bytes.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint16(i + 26, true) === wanted.length && matches(i + 30))
      local = i;
    if (sig === 0x02014b50 && view.getUint16(i + 28, true) === wanted.length && matches(i + 46))
      central = i;
  }
  const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  return { view, local, central, data };
}

describe('signed task packages', () => {
  it('carry the schema, the batch and whom it is for, and items with their hashes', async () => {
    const pkg = await readTaskPackage(bytesAccess(await leadPackage()), []);
    expect(pkg.project).toEqual(project);
    expect(pkg.batch).toEqual({ index: 1, count: 2 });
    expect(pkg.labeler).toEqual(forAda.labeler);
    expect(pkg.lead.keyId).toBe(keyIdHex((await lead()).keyId));
    expect(pkg.firstUse).toBe(true);
    expect(pkg.items.map((i) => [i.id, i.sha256, i.status, i.note])).toEqual([
      [textItem.id, textItem.sha256, 'todo', ''],
      [imageItem.id, imageItem.sha256, 'todo', ''],
    ]);
    expect(pkg.media.map((m) => [m.sha256, m.type, new Uint8Array(m.bytes)])).toEqual([
      [imageItem.sha256, 'image/png', new Uint8Array(png)],
    ]);

    const labeler = freshRepository();
    const opened = new ReviewStore(labeler.db);
    expect(await opened.openTaskPackage(pkg.project, pkg.items, pkg.media)).toBe(2);
    const [text, image] = await labeler.getItems([textItem.id, imageItem.id]);
    expect(text).toMatchObject({ projectId: project.id, kind: 'text', sha256: textItem.sha256 });
    expect(image).toMatchObject({ projectId: project.id, kind: 'image', width: 64 });
    await labeler.setStatus(textItem.id, 'done');
    expect(await opened.openTaskPackage(pkg.project, pkg.items, pkg.media)).toBe(0);
    expect((await labeler.getItem(textItem.id))?.status).toBe('done');
  });

  it('carry conversations whole, with their responses, ids and models', async () => {
    const judged: ConversationItem = {
      ...conversation(
        'q1',
        [{ role: 'user', content: 'Write a haiku 🌸' }],
        [
          { id: 'r-a', model: 'model-x', content: 'Petals fall\r\nsoftly' },
          { id: 'r-b', model: 'model-y', content: '<img src=x onerror=alert(1)>' },
        ],
      ),
      projectId: project.id,
      status: 'done',
      note: 'checked',
    };
    const pkg = await readTaskPackage(bytesAccess(await leadPackage([judged])), []);
    const travels: Partial<ConversationItem> = { ...judged, status: 'todo', note: '' };
    delete travels.projectId;
    delete travels.seq;
    expect(pkg.items).toEqual([travels]);

    const labeler = freshRepository();
    expect(
      await new ReviewStore(labeler.db).openTaskPackage(pkg.project, pkg.items, pkg.media),
    ).toBe(1);
    expect(await labeler.getItem(judged.id)).toMatchObject({
      kind: 'conversation',
      projectId: project.id,
      sha256: judged.sha256,
      context: judged.context,
      responses: judged.responses,
      status: 'todo',
    });
  });

  it("carry the project's guidelines, signed, into the labeler's project", async () => {
    const rules = '# Persons\n\nOnly **named** people; <b>never</b> pronouns.';
    const bytes = await leadPackage([textItem], undefined, rules);
    const pkg = await readTaskPackage(bytesAccess(bytes), []);
    expect(pkg.guidelines).toBe(rules);
    const labeler = freshRepository();
    await saveTextSettings(labeler.db, project.id, { snapWords: true, guidelines: 'old' });
    const opened = new ReviewStore(labeler.db);
    await opened.openTaskPackage(pkg.project, pkg.items, pkg.media, pkg.guidelines);
    expect(await textSettings(labeler.db, project.id)).toEqual({
      snapWords: true,
      guidelines: rules,
    });
    // A package without guidelines leaves the labeler's as they are.
    const bare = await readTaskPackage(bytesAccess(await leadPackage([textItem])), []);
    expect(bare.guidelines).toBe('');
    await opened.openTaskPackage(bare.project, bare.items, bare.media, bare.guidelines);
    expect((await textSettings(labeler.db, project.id)).guidelines).toBe(rules);

    // Guidelines rewritten in transit break the signature: the package is refused.
    const edited = await rebuild(bytes, (entries) => {
      const header = new TextDecoder()
        .decode(entries.get(TASK_FILE))
        .replace('Only **named** people', 'Only **every** people');
      entries.set(TASK_FILE, new TextEncoder().encode(header));
    });
    await expect(readTaskPackage(bytesAccess(edited), [])).rejects.toThrow(
      /airlock-task\.json: .*SHA-256 does not match the manifest/,
    );
  });

  it('open without asking once the lead is trusted; another key is refused', async () => {
    const key = await lead();
    const pkg = await readTaskPackage(bytesAccess(await leadPackage()), [trusted(key, 'Grace')]);
    expect(pkg.firstUse).toBe(false);
    expect(pkg.lead.name).toBe('Grace');
    const stranger = await generateKeyPair();
    await expect(
      readTaskPackage(bytesAccess(await leadPackage(undefined, stranger)), [trusted(key, 'Grace')]),
    ).rejects.toThrow(
      new RegExp(`signed by key ${keyIdHex(stranger.keyId)}, not by your lead \\(Grace, key`),
    );
  });

  it('refuses a package whose text was edited in transit', async () => {
    const edited = await rebuild(await leadPackage(), (entries) => {
      const lines = new TextDecoder().decode(entries.get(ITEMS_FILE)).replace('Grace', 'Marge');
      entries.set(ITEMS_FILE, new TextEncoder().encode(lines));
    });
    await expect(readTaskPackage(bytesAccess(edited), [])).rejects.toThrow(
      /items\.jsonl: .*SHA-256 does not match the manifest/,
    );
  });

  it("refuses a signed package whose text does not match the item's SHA-256", async () => {
    const wrong = { ...textItem, text: 'Injected words.' };
    await expect(readTaskPackage(bytesAccess(await leadPackage([wrong])), [])).rejects.toThrow(
      /items\.jsonl line 1: the text of "letter\.txt" does not match its SHA-256/,
    );
  });

  it('refuses an unsigned ZIP or one that is not a task package', async () => {
    const unsigned = await rebuild(await leadPackage(), (entries) => {
      entries.delete('signer.pub');
      entries.delete('manifest.json.minisig');
    });
    await expect(readTaskPackage(bytesAccess(unsigned), [])).rejects.toThrow(/not signed/);
    const other = await rebuild(await leadPackage(), (entries) => entries.delete(TASK_FILE));
    await expect(readTaskPackage(bytesAccess(other), [])).rejects.toThrow(
      /airlock-task.json is missing/,
    );
    await expect(readTaskPackage(bytesAccess(new Uint8Array(10)), [])).rejects.toThrow(
      /not a readable ZIP/,
    );
  });

  // The hostile packages that once showed no message: each now fails with a reason.
  const hostile: [string, () => Promise<Uint8Array>][] = [
    [
      'a CRC error in an image',
      async () => {
        const bytes = (await leadPackage()).slice();
        const at = entryAt(bytes, `media/${imageItem.sha256}.png`);
        bytes[at.data + 20]! ^= 0xff;
        return bytes;
      },
    ],
    [
      'corrupt deflate data in items.jsonl',
      async () => {
        const bytes = (await leadPackage()).slice();
        const at = entryAt(bytes, ITEMS_FILE);
        for (let i = 0; i < 8; i++) bytes[at.data + i] = 0xff;
        return bytes;
      },
    ],
    [
      'a non-UTF-8 items.jsonl the lead signed',
      async () => {
        const sink = memorySink();
        const header = { type: 'airlock.task-package', version: 1, project, ...forAda, items: 1 };
        await writeBundle(
          {
            project,
            items: [],
            files: [
              { path: TASK_FILE, data: new TextEncoder().encode(JSON.stringify(header)) },
              { path: ITEMS_FILE, data: new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]) },
            ],
          },
          sink,
          { signer: { name: 'Lead', ...(await lead()) }, appVersion: '1' },
        );
        return sink.bytes();
      },
    ],
    [
      'a declared size of 2 GiB',
      async () => {
        const bytes = (await leadPackage()).slice();
        const at = entryAt(bytes, ITEMS_FILE);
        at.view.setUint32(at.central + 24, 0x80000000, true);
        at.view.setUint32(at.local + 22, 0x80000000, true);
        return bytes;
      },
    ],
  ];
  for (const [what, make] of hostile) {
    it(`refuses ${what} with a reason`, async () => {
      const error = await readTaskPackage(bytesAccess(await make()), []).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskPackageError);
      expect((error as Error).message.length).toBeGreaterThan(10);
    });
  }

  it('batches with overlap give each labeler the shared items', () => {
    const { batches } = splitIntoBatches([textItem.id, imageItem.id, 'c', 'd'], 2, 1);
    expect(batches.every((b) => b.includes(textItem.id))).toBe(true);
  });
});
