// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ReviewDesk } from '../../../src/state/review-desk.svelte.ts';
import { keyIdHex, publicKeyLine } from '../../../src/bundle/minisign.ts';
import { freshRepository } from '../../factories/files.ts';
import { imageItem, project, sampleBundle, signerKey, textItem } from '../../factories/bundle.ts';
import { signedWith } from '../../factories/signed.ts';
import { signArchive } from '../../../src/bundle/detached-signature.ts';
import { generateKeyPair } from '../../../src/bundle/signing.ts';
import { ReviewStore } from '../../../src/storage/review-store.ts';
import { addItemRecords } from '../../../src/storage/item-records.ts';

// The lead's desk takes each file on its own: a bad file among good ones fails alone, with
// its reason, and the good ones land. Nothing ends in an uncaught error.

async function desk() {
  const repository = freshRepository();
  await repository.db.projects.add(project);
  await addItemRecords(repository.db, [textItem, imageItem]);
  const key = await signerKey();
  await new ReviewStore(repository.db).saveTrustedLabelers([
    {
      keyId: keyIdHex(key.keyId),
      publicKey: publicKeyLine(key.keyId, key.publicKey),
      name: 'Ada',
      addedAt: 't',
    },
  ]);
  const errors: unknown[] = [];
  const reviewDesk = new ReviewDesk(repository, project, async (write) => {
    try {
      return await write();
    } catch (error) {
      errors.push(error);
      return undefined;
    }
  });
  await reviewDesk.load();
  return { reviewDesk, key, errors };
}

const file = (bytes: Uint8Array, name: string) =>
  new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/zip' });

describe('the review desk', () => {
  it('takes in the good bundle and refuses a non-UTF-8 one beside it, each with its outcome', async () => {
    const { reviewDesk, key, errors } = await desk();
    const good = await sampleBundle({ key });
    const bad = await signedWith(key, project, new Uint8Array([0xff, 0xfe, 0x0a]), {
      bundleId: 'b-bad',
    });
    await reviewDesk.receive([
      file(bad, 'bad.zip'),
      file(good.bytes, 'good.zip'),
      file(new Uint8Array(3), 'junk.zip'),
    ]);
    expect(reviewDesk.outcomes).toEqual([
      { file: 'bad.zip', ok: false, message: 'annotations.jsonl: not UTF-8 text' },
      { file: 'good.zip', ok: true, message: 'signed by Ada: 2 items, 7 annotations' },
      { file: 'junk.zip', ok: false, message: expect.stringMatching(/.+/) as string },
    ]);
    expect(errors).toEqual([]);
    expect(reviewDesk.received.map((b) => b.fileName)).toEqual(['good.zip']);
    expect(reviewDesk.submissions).toHaveLength(7);
    // The same bundle again changes nothing.
    await reviewDesk.receive([file(good.bytes, 'again.zip')]);
    expect(reviewDesk.outcomes[0]?.message).toBe('already received (as good.zip)');
  });

  it('checks a .minisig chosen with its bundle over the whole archive first', async () => {
    const { reviewDesk, key, errors } = await desk();
    const good = await sampleBundle({ key });
    const sign = async (bytes: Uint8Array, by = key) =>
      new File([await signArchive(by.privateKey, by.keyId, bytes, 'x.zip', new Date())], 'x');
    const minisig = (name: string, content: File) => new File([content], `${name}.minisig`);
    const tampered = good.bytes.slice();
    tampered[tampered.length - 30]! ^= 1;
    const stranger = await generateKeyPair();
    await reviewDesk.receive([
      file(good.bytes, 'tampered.zip'),
      minisig('tampered.zip', await sign(tampered)),
      file(good.bytes, 'stranger.zip'),
      minisig('stranger.zip', await sign(good.bytes, stranger)),
      minisig('missing.zip', await sign(good.bytes)),
      file(good.bytes, 'good.zip'),
      minisig('good.zip', await sign(good.bytes)),
    ]);
    expect(reviewDesk.outcomes).toEqual([
      {
        file: 'tampered.zip',
        ok: false,
        message: 'tampered.zip.minisig: does not match the archive (its bytes were changed)',
      },
      {
        file: 'stranger.zip',
        ok: false,
        message: `stranger.zip.minisig: signed by key ${keyIdHex(stranger.keyId)}, which is not a trusted key`,
      },
      { file: 'good.zip', ok: true, message: 'signed by Ada: 2 items, 7 annotations' },
      {
        file: 'missing.zip.minisig',
        ok: false,
        message: 'its bundle missing.zip was not chosen with it',
      },
    ]);
    expect(errors).toEqual([]);
    expect(reviewDesk.received.map((b) => b.fileName)).toEqual(['good.zip']);
  });
});
