// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ReviewStore } from '../../../src/storage/review-store.ts';
import { bundleKey, keptAside, type ReceivedBundle } from '../../../src/model/review.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import { freshRepository } from '../../factories/files.ts';
import { project, textItem } from '../../factories/bundle.ts';
import { addItemRecords } from '../../../src/storage/item-records.ts';

// Order and identity of received bundles: keyed by signer and bundle id, the latest signed
// one of each labeler counts, an older one is kept aside, removal falls back.

const ADA = 'AAAAAAAAAAAAAAAA';
const GRACE = 'BBBBBBBBBBBBBBBB';
const bundle = (signer: string, bundleId: string, createdAt: string): ReceivedBundle => ({
  bundleId,
  projectId: project.id,
  signer,
  signerName: signer === ADA ? 'Ada' : 'Grace',
  fileName: `${signer.slice(0, 1)}-${createdAt.slice(11, 13)}.zip`,
  createdAt,
  receivedAt: new Date().toISOString(),
  items: 1,
  annotations: 1,
  labeled: [textItem.id],
  itemIds: [textItem.id],
});
const cls = (id: string, label: string, signer: string): Annotation => ({
  id,
  projectId: project.id,
  itemId: textItem.id,
  type: 'class',
  label,
  annotator: signer,
  createdAt: 't',
  updatedAt: 't',
});

async function setUp() {
  const repository = freshRepository();
  await repository.db.projects.add(project);
  await addItemRecords(repository.db, [textItem]);
  return new ReviewStore(repository.db);
}
const labels = async (store: ReviewStore) =>
  (await store.submissionsInUse(project.id))
    .map((s) => `${s.signer.slice(0, 1)}:${s.annotation.label}`)
    .sort();

describe('received bundles', () => {
  it('an older bundle received after a newer one is kept aside, not counted', async () => {
    const store = await setUp();
    const newer = bundle(ADA, 'b-2', '2026-12-01T11:00:00Z');
    const older = bundle(ADA, 'b-1', '2026-12-01T10:00:00Z');
    await store.receive(newer, [{ itemId: textItem.id, annotations: [cls('n', 'new', ADA)] }]);
    await store.receive(older, [{ itemId: textItem.id, annotations: [cls('o', 'old', ADA)] }]);
    expect(await labels(store)).toEqual(['A:new']);
    const list = await store.receivedBundles(project.id);
    expect([...keptAside(list)]).toEqual([[bundleKey(older), newer.fileName]]);

    // Removing the newer one: the older one speaks for the labeler again.
    await store.removeBundle(project.id, ADA, 'b-2');
    expect(await labels(store)).toEqual(['A:old']);
    expect(keptAside(await store.receivedBundles(project.id)).size).toBe(0);
  });

  it('two labelers who pick the same bundle id are both counted', async () => {
    const store = await setUp();
    await store.receive(bundle(ADA, 'same', '2026-12-01T10:00:00Z'), [
      { itemId: textItem.id, annotations: [cls('x', 'ada', ADA)] },
    ]);
    await store.receive(bundle(GRACE, 'same', '2026-12-01T10:00:00Z'), [
      { itemId: textItem.id, annotations: [cls('x', 'grace', GRACE)] },
    ]);
    expect(await labels(store)).toEqual(['A:ada', 'B:grace']);
    expect((await store.receivedBundles(project.id)).map((b) => b.signer).sort()).toEqual([
      ADA,
      GRACE,
    ]);
  });

  it('removing a trusted labeler keeps or drops their bundles, as the lead chose', async () => {
    const store = await setUp();
    await store.receive(bundle(ADA, 'a', '2026-12-01T10:00:00Z'), [
      { itemId: textItem.id, annotations: [cls('x', 'ada', ADA)] },
    ]);
    const trusted = [{ keyId: ADA, publicKey: 'k', name: 'Ada', addedAt: 't' }];
    await store.distrust(trusted, ADA, false);
    expect(await labels(store)).toEqual(['A:ada']);
    expect((await store.receivedBundles(project.id))[0]?.signerName).toBe('Ada');
    await store.distrust(trusted, ADA, true);
    expect(await labels(store)).toEqual([]);
    expect(await store.receivedBundles(project.id)).toEqual([]);
  });

  it('records what was sent to whom', async () => {
    const store = await setUp();
    const sent = {
      projectId: project.id,
      batch: { index: 1, count: 2 },
      labeler: { keyId: ADA, name: 'Ada' },
      lead: { keyId: GRACE, name: 'Lead' },
      items: [textItem.id],
      at: 't',
    };
    await store.recordAssignments(project.id, [sent]);
    expect(await store.assignments(project.id)).toEqual([sent]);
  });
});
