// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { receiveBundle } from '../../../src/review/receive-bundle.ts';
import { bytesAccess } from '../../../src/bundle/zip-reader.ts';
import { generateKeyPair, type KeyPair } from '../../../src/bundle/signing.ts';
import { keyIdHex, publicKeyLine } from '../../../src/bundle/minisign.ts';
import type { TrustedLabeler } from '../../../src/model/review.ts';
import type { Item } from '../../../src/model/item.ts';
import {
  imageItem,
  project,
  rebuild,
  sampleBundle,
  signerKey,
  textItem,
} from '../../factories/bundle.ts';

const trust = (key: KeyPair, name = 'Ada'): TrustedLabeler => ({
  keyId: keyIdHex(key.keyId),
  publicKey: publicKeyLine(key.keyId, key.publicKey),
  name,
  addedAt: '2026-11-23T00:00:00.000Z',
});
const items = (list: Item[]) => (ids: readonly string[]) =>
  Promise.resolve(list.filter((i) => ids.includes(i.id)));

describe('receiving a labeler bundle', () => {
  it('takes in a trusted, intact bundle as the signer’s annotations', async () => {
    const { bytes, key } = await sampleBundle();
    const result = await receiveBundle(
      bytesAccess(bytes),
      'ada.zip',
      project,
      [trust(key)],
      items([textItem, imageItem]),
    );
    if (!result.ok) throw new Error(result.problems.join('; '));
    const signer = keyIdHex(key.keyId);
    expect(result.received).toMatchObject({
      signer,
      signerName: 'Ada',
      items: 2,
      annotations: 7,
      bundleId: 'b-1',
    });
    const text = result.records.find((r) => r.itemId === 'i-text')!;
    expect(text.annotations.map((a) => a.type).sort()).toEqual([
      'class',
      'relation',
      'span',
      'span',
    ]);
    expect(text.annotations.every((a) => a.annotator === signer)).toBe(true);
    expect(text.annotations.find((a) => a.id === 'a-grace')).toMatchObject({
      start: 13,
      end: 18,
      text: 'Grace',
    });
  });

  it('refuses a bundle signed by a key the lead has not registered', async () => {
    const { bytes } = await sampleBundle();
    const stranger = await generateKeyPair();
    const result = await receiveBundle(
      bytesAccess(bytes),
      'x.zip',
      project,
      [trust(stranger)],
      items([textItem, imageItem]),
    );
    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(/not among your trusted labelers/)],
    });
  });

  it('refuses a tampered bundle, naming the entry', async () => {
    const { bytes, key } = await sampleBundle();
    const tampered = await rebuild(bytes, (entries) => {
      const lines = new TextDecoder()
        .decode(entries.get('annotations.jsonl'))
        .replace('Grace', 'Gracy');
      entries.set('annotations.jsonl', new TextEncoder().encode(lines));
    });
    const result = await receiveBundle(
      bytesAccess(tampered),
      't.zip',
      project,
      [trust(key)],
      items([textItem, imageItem]),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('\n')).toMatch(/annotations\.jsonl: .*SHA-256/i);
  });

  it('refuses items this project does not have or whose content differs', async () => {
    const { bytes } = await sampleBundle();
    const key = await signerKey();
    const changed = { ...textItem, sha256: 'f'.repeat(64) };
    const result = await receiveBundle(
      bytesAccess(bytes),
      'a.zip',
      project,
      [trust(key)],
      items([changed]),
    );
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      expect.stringMatching(/line 1: item "letter.txt" has different content here/),
      expect.stringMatching(/line 2: item i-image is not in this project/),
    ]);
  });

  it('refuses a bundle made for another project', async () => {
    const { bytes, key } = await sampleBundle();
    const other = { ...project, id: 'p-other', name: 'Other' };
    const result = await receiveBundle(bytesAccess(bytes), 'a.zip', other, [trust(key)], items([]));
    expect(result).toEqual({ ok: false, problems: [expect.stringContaining('not "Other"')] });
  });
});
