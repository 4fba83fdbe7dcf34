// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { receiveBundle } from '../../../src/review/receive-bundle.ts';
import { bytesAccess } from '../../../src/bundle/zip-reader.ts';
import { generateKeyPair, type KeyPair } from '../../../src/bundle/signing.ts';
import { keyIdHex, publicKeyLine } from '../../../src/bundle/minisign.ts';
import type { TrustedLabeler } from '../../../src/model/review.ts';
import type { Item } from '../../../src/model/item.ts';
import { nativeRecord } from '../../../src/bundle/native-record.ts';
import { conversation } from '../../factories/conversations.ts';
import { conversationFields } from '../../../src/bundle/native-conversation.ts';
import {
  imageItem,
  project,
  rebuild,
  sampleBundle,
  signerKey,
  textItem,
} from '../../factories/bundle.ts';
import { signedWith } from '../../factories/signed.ts';
import { bundleOfValidEdits } from '../../factories/valid-edits.ts';
import { seeded } from '../../factories/random.ts';
import type { Project } from '../../../src/model/project.ts';

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
    const result = await receiveBundle(bytesAccess(bytes), 'ada.zip', {
      project: project,
      labelers: [trust(key)],
      itemsById: items([textItem, imageItem]),
    });
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
    const result = await receiveBundle(bytesAccess(bytes), 'x.zip', {
      project: project,
      labelers: [trust(stranger)],
      itemsById: items([textItem, imageItem]),
    });
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
    const result = await receiveBundle(bytesAccess(tampered), 't.zip', {
      project: project,
      labelers: [trust(key)],
      itemsById: items([textItem, imageItem]),
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('\n')).toMatch(/annotations\.jsonl: .*SHA-256/i);
  });

  it('refuses items this project does not have or whose content differs', async () => {
    const { bytes } = await sampleBundle();
    const key = await signerKey();
    const changed = { ...textItem, sha256: 'f'.repeat(64) };
    const result = await receiveBundle(bytesAccess(bytes), 'a.zip', {
      project: project,
      labelers: [trust(key)],
      itemsById: items([changed]),
    });
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
    const result = await receiveBundle(bytesAccess(bytes), 'a.zip', {
      project: other,
      labelers: [trust(key)],
      itemsById: items([]),
    });
    expect(result).toEqual({ ok: false, problems: [expect.stringContaining('not "Other"')] });
  });
});

describe('intake checks content, not only signatures', () => {
  /** A record as a labeler's Airlock writes it: the item's copy (nativeRecord) and `annotations`. */
  const record = (annotations: object[], item: Item = textItem) =>
    JSON.stringify({ ...nativeRecord(item, []), annotations }) + '\n';
  const stamp = { annotator: 'X', created_at: 't', updated_at: 't' };
  const receive = async (bytes: Uint8Array, key: KeyPair, sent?: Set<string>) =>
    receiveBundle(bytesAccess(bytes), 'in.zip', {
      project,
      labelers: [trust(key)],
      itemsById: items([textItem, imageItem]),
      ...(sent ? { assigned: () => sent } : {}),
    });

  it('refuses a signed bundle whose annotations.jsonl is not UTF-8, with a reason (no throw)', async () => {
    const key = await signerKey();
    const bytes = await signedWith(key, project, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d, 0x0a]));
    expect(await receive(bytes, key)).toEqual({
      ok: false,
      problems: ['annotations.jsonl: not UTF-8 text'],
    });
  });

  it('refuses a trusted bundle with a span past the text, naming the line and the reason', async () => {
    const key = await signerKey();
    const span = { id: 's', type: 'span', label: 'l-person', start: 500, end: 520, text: 'x' };
    const result = await receive(
      await signedWith(key, project, record([{ ...span, ...stamp }])),
      key,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        'annotations.jsonl line 1: annotation s: span [500, 520) ends past the text (25 code points)',
      ],
    });
  });

  it('refuses a box outside the image and a span label on a box', async () => {
    const key = await signerKey();
    const box = { id: 'b', type: 'box', x: 5000, y: -300, w: 10, h: 10, ...stamp };
    const result = await receive(
      await signedWith(
        key,
        project,
        record(
          [
            { ...box, label: 'l-car' },
            { ...box, id: 'c', x: 1, y: 1, label: 'l-person' },
          ],
          imageItem,
        ),
      ),
      key,
    );
    expect(result.ok ? [] : result.problems).toEqual([
      'annotations.jsonl line 1: annotation b: (5000, -300) lies outside the 64×48 image',
      expect.stringMatching(/annotation c: label “Person” is not a box label/),
    ]);
  });

  it('refuses a copy of an item whose words differ from those sent, its SHA-256 kept', async () => {
    const key = await signerKey();
    if (textItem.kind !== 'text') throw new Error('the factory text item is a text');
    const edited = { ...textItem, text: textItem.text.replace(/^./u, 'X') };
    expect(await receive(await signedWith(key, project, record([], edited)), key)).toEqual({
      ok: false,
      problems: [
        'annotations.jsonl line 1: item "letter.txt" has different content here (its text differs from the one sent)',
      ],
    });
    const judged = conversation(
      'q',
      [{ role: 'user', content: 'Hi' }],
      [
        { id: 'a', content: 'Hello', model: 'm-1' },
        { id: 'b', content: 'Hey' },
      ],
    );
    const lead = { ...judged, projectId: project.id };
    const intake = (copy: object) =>
      signedWith(
        key,
        project,
        JSON.stringify({ item: copy, status: 'done', annotations: [] }) + '\n',
      ).then((bytes) =>
        receiveBundle(bytesAccess(bytes), 'in.zip', {
          project,
          labelers: [trust(key)],
          itemsById: items([lead]),
        }),
      );
    const sent = { id: lead.id, kind: lead.kind, name: lead.name, sha256: lead.sha256 };
    const messages = conversationFields(lead);
    // The same messages with their keys in another order: the same item.
    const reordered = {
      ...sent,
      ...messages,
      responses: messages.responses.map(({ id, content, model }) => ({ model, content, id })),
    };
    expect((await intake(reordered)).ok).toBe(true);
    const swapped = { ...sent, ...messages, responses: [...messages.responses].reverse() };
    expect(await intake(swapped)).toEqual({
      ok: false,
      problems: [
        'annotations.jsonl line 1: item "q" has different content here (its responses differ from the ones sent)',
      ],
    });
    const reworded = { ...sent, ...messages, context: [{ role: 'user', content: 'Hi there' }] };
    expect(await intake(reworded)).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/its messages differ from the ones sent/)],
    });
  });

  it('names what is wrong in an annotation of the wrong shape, not only "Invalid input"', async () => {
    const key = await signerKey();
    const box = { id: 'b', type: 'box', label: 'l-car', x: 1, y: 1, w: -4, h: 2, ...stamp };
    const result = await receive(await signedWith(key, project, record([box], imageItem)), key);
    expect(result.ok ? [] : result.problems).toEqual([
      'annotations.jsonl line 1: annotation b: w: Too small: expected number to be >=0',
    ]);
  });

  it('refuses work on an item the lead did not send to that labeler', async () => {
    const key = await signerKey();
    const cls = { id: 'c', type: 'class', label: 'l-urgent', ...stamp };
    const bytes = await signedWith(key, project, record([cls]));
    expect(await receive(bytes, key, new Set([imageItem.id]))).toEqual({
      ok: false,
      problems: ['annotations.jsonl line 1: item “letter.txt” was not sent to this labeler'],
    });
    expect((await receive(bytes, key, new Set([textItem.id]))).ok).toBe(true);
  });

  it('accepts every bundle built from valid edits (property, 40 seeded cases)', async () => {
    const key = await signerKey();
    const grouped: Project = {
      ...project,
      labels: [
        ...project.labels,
        { id: 'g-pos', name: 'Positive', color: '#000000', kinds: ['text_class'], group: 'tone' },
        { id: 'g-neg', name: 'Negative', color: '#000001', kinds: ['text_class'], group: 'tone' },
      ],
      classGroups: [{ id: 'tone', name: 'Tone', choice: 'one' }],
    };
    for (let seed = 1; seed <= 40; seed++) {
      const bundle = await bundleOfValidEdits(seeded(seed), grouped, key);
      const result = await receiveBundle(bytesAccess(bundle), `seed-${seed}.zip`, {
        project: grouped,
        labelers: [trust(key)],
        itemsById: items([textItem, imageItem]),
        assigned: () => new Set([textItem.id, imageItem.id]),
      });
      expect(result.ok ? 'ok' : `seed ${seed}: ${result.problems.join('; ')}`).toBe('ok');
    }
  });
});
