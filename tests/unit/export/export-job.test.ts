// @vitest-environment node
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { memorySink } from '../../factories/zip.ts';
import { makePng } from '../../factories/png.ts';
import type { Repository } from '../../../src/storage/repository.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import { generateKeyPair } from '../../../src/bundle/signing.ts';
import { keyIdHex, parsePublicKeyLine, publicKeyLine } from '../../../src/bundle/minisign.ts';
import { verifyBundle } from '../../../src/bundle/verify.ts';
import { ZipArchive, bytesAccess } from '../../../src/bundle/zip-reader.ts';
import { bundleFormats } from '../../../src/export/format-exports.ts';
import { Manifest } from '../../../src/bundle/manifest.ts';
import {
  planExport,
  runExport,
  type ExportRequest,
  type ExportSigner,
} from '../../../src/export/export-job.ts';
import { ReviewStore } from '../../../src/storage/review-store.ts';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const png = makePng(40, 30, 1);

async function workspace() {
  const repository = freshRepository();
  const project = await repository.createProject('Street scenes', [
    { id: 'car', name: 'Car', color: '#e6194b', kinds: ['box', 'span'] },
  ]);
  const texts = ['a car', 'two cars', 'no car'].map((text, n) => ({
    id: `t${n}`,
    kind: 'text' as const,
    name: `t${n}.txt`,
    text,
    sha256: sha(text),
    status: n === 0 ? ('done' as const) : ('todo' as const),
    note: '',
  }));
  const image = {
    id: 'img',
    kind: 'image' as const,
    name: 'street.png',
    sha256: sha(png),
    mediaType: 'image/png' as const,
    width: 40,
    height: 30,
    byteLength: png.length,
    status: 'done' as const,
    note: '',
  };
  await repository.addItems(
    project.id,
    [...texts, image],
    [
      {
        sha256: image.sha256,
        type: 'image/png',
        bytes: png.buffer.slice(png.byteOffset, png.byteOffset + png.length) as ArrayBuffer,
      },
    ],
  );
  const at = new Date().toISOString();
  const base = {
    projectId: project.id,
    annotator: 'me',
    createdAt: at,
    updatedAt: at,
    label: 'car',
  };
  const spans: Annotation[] = [
    { ...base, id: 's0', itemId: 't0', type: 'span', start: 2, end: 5, text: 'car' },
    { ...base, id: 's1', itemId: 't1', type: 'span', start: 4, end: 8, text: 'cars' },
    { ...base, id: 'b0', itemId: 'img', type: 'box', x: 1, y: 2, w: 3, h: 4 },
  ];
  await repository.applyAnnotations(spans);
  const pair = await generateKeyPair();
  const signer: ExportSigner = {
    name: 'Grace',
    keyId: keyIdHex(pair.keyId),
    publicKey: publicKeyLine(pair.keyId, pair.publicKey),
    privateKey: pair.privateKey,
  };
  return { repository, project, signer, pair, spans };
}

async function exportOnce(repository: Repository, signer: ExportSigner, request: ExportRequest) {
  const sink = memorySink();
  const plan = await planExport(repository, request);
  const progress: number[] = [];
  const result = await runExport(repository, plan, request, sink, {
    signer,
    appVersion: '0.1.0',
    onProgress: (p) => progress.push(p.items),
  });
  const bytes = sink.bytes();
  const zip = await ZipArchive.open(bytesAccess(bytes));
  const lines = new TextDecoder()
    .decode(await zip.read(zip.get('annotations.jsonl')!))
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { item: { id: string } });
  return { result, bytes, zip, plan, progress, ids: lines.map((l) => l.item.id) };
}

describe('export job', () => {
  it('exports the whole project with media as a bundle that verifies', async () => {
    const { repository, project, signer } = await workspace();
    const request = { projectId: project.id, scope: { kind: 'all' }, includeMedia: true } as const;
    const { result, bytes, zip, plan, ids, progress } = await exportOnce(
      repository,
      signer,
      request,
    );
    expect(plan.mediaBytes).toBe(png.length);
    expect(ids).toEqual(['t0', 't1', 't2', 'img']);
    expect(progress.at(-1)).toBe(4);
    expect(result).toMatchObject({
      items: 4,
      annotations: 3,
      keyId: signer.keyId,
      size: bytes.length,
    });
    expect(result.fileName).toMatch(/^street-scenes-\d{8}T\d{6}Z-[0-9a-f]{8}\.zip$/);
    expect(zip.get(`media/${sha(png)}.png`)).toBeDefined();
    const verdict = await verifyBundle(bytesAccess(bytes), {
      trustedKeys: [
        {
          keyId: signer.keyId,
          publicKey: parsePublicKeyLine(signer.publicKey).publicKey,
        },
      ],
    });
    expect(verdict.reasons).toEqual([]);
  });

  it('narrows to done items, or to a filter', async () => {
    const { repository, project, signer } = await workspace();
    const done = await exportOnce(repository, signer, {
      projectId: project.id,
      scope: { kind: 'done' },
      includeMedia: false,
    });
    expect(done.ids).toEqual(['t0', 'img']);
    expect([...done.zip.entries].some((e) => e.name.startsWith('media/'))).toBe(false);
    const filtered = await exportOnce(repository, signer, {
      projectId: project.id,
      scope: { kind: 'filter', filter: { text: 'cars' } },
      includeMedia: false,
    });
    expect(filtered.ids).toEqual(['t1']);
  });

  it('exports accepted items only, each with the lead’s review; the manifest has class groups', async () => {
    const { repository, project, signer } = await workspace();
    await repository.saveClassGroups(
      project.id,
      [{ id: 'g', name: 'Tone', choice: 'one' }],
      project.labels,
    );
    const review = { comment: 'ok', by: signer.keyId, at: '2026-12-01T10:00:00Z' };
    const reviews = new ReviewStore(repository.db);
    await reviews.setReview('t0', { status: 'accepted', ...review });
    await reviews.setReview('t1', { status: 'rejected', ...review, comment: 'wrong span' });
    const out = await exportOnce(repository, signer, {
      projectId: project.id,
      scope: { kind: 'accepted' },
      includeMedia: false,
    });
    expect(out.ids).toEqual(['t0']);
    const line = JSON.parse(
      new TextDecoder().decode(await out.zip.read(out.zip.get('annotations.jsonl')!)),
    ) as { review: unknown };
    expect(line.review).toEqual({ status: 'accepted', ...review });
    const manifest = JSON.parse(
      new TextDecoder().decode(await out.zip.read(out.zip.get('manifest.json')!)),
    ) as { project: { class_groups: unknown } };
    expect(manifest.project.class_groups).toEqual([{ id: 'g', name: 'Tone', choose: 'one' }]);
  });

  it('refuses to sign an annotation that does not fit its item, naming it', async () => {
    const { repository, project, signer } = await workspace();
    const [bad] = await repository.annotationsOf('img');
    await repository.applyAnnotations([{ ...bad!, x: 5000 } as Annotation]);
    await expect(
      exportOnce(repository, signer, {
        projectId: project.id,
        scope: { kind: 'all' },
        includeMedia: false,
      }),
    ).rejects.toThrow(
      /“street\.png” cannot be signed: annotation b0: \(5000, 2\) lies outside the 40×30 image/,
    );
  });

  it('exports only items changed since they were last exported, deletions included', async () => {
    const { repository, project, signer, spans } = await workspace();
    const changed = {
      projectId: project.id,
      scope: { kind: 'changed' },
      includeMedia: false,
    } as const;
    expect((await exportOnce(repository, signer, changed)).ids).toEqual(['t0', 't1', 't2', 'img']);
    expect((await planExport(repository, changed)).ids).toEqual([]);
    await repository.applyAnnotations([], ['s1']);
    await repository.setStatus('t2', 'done');
    expect((await planExport(repository, changed)).ids).toEqual(['t1', 't2']);
    // Exporting some items marks only those.
    await exportOnce(repository, signer, {
      projectId: project.id,
      scope: { kind: 'items', ids: ['t1'] },
      includeMedia: false,
    });
    expect((await planExport(repository, changed)).ids).toEqual(['t2']);
    expect(spans).toHaveLength(3);
  });

  it('stops when cancelled and marks nothing as exported', async () => {
    const { repository, project, signer } = await workspace();
    const request = { projectId: project.id, scope: { kind: 'all' }, includeMedia: true } as const;
    const plan = await planExport(repository, request);
    const controller = new AbortController();
    const run = runExport(repository, plan, request, memorySink(), {
      signer,
      appVersion: '0.1.0',
      signal: controller.signal,
      onProgress: (p) => (p.items === 2 ? controller.abort() : undefined),
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(
      (await planExport(repository, { ...request, scope: { kind: 'changed' } })).ids,
    ).toHaveLength(4);
  });

  it('keeps signing keys across a reopen: non-extractable, still able to sign, one in use', async () => {
    const { repository, pair } = await workspace();
    const first = {
      keyId: keyIdHex(pair.keyId),
      publicKey: publicKeyLine(pair.keyId, pair.publicKey),
      privateKey: pair.privateKey,
      createdAt: '2026-11-01T00:00:00.000Z',
    };
    await repository.addSigningKey(first);
    const next = await generateKeyPair();
    await repository.addSigningKey({
      keyId: keyIdHex(next.keyId),
      publicKey: publicKeyLine(next.keyId, next.publicKey),
      privateKey: next.privateKey,
      createdAt: '2026-11-02T00:00:00.000Z',
    });
    const keys = await repository.signingKeys();
    expect(keys.map((k) => [k.keyId, k.retiredAt === undefined])).toEqual([
      [keyIdHex(next.keyId), true],
      [first.keyId, false],
    ]);
    const stored = keys[1]!.privateKey;
    expect(stored.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', stored)).rejects.toThrow();
    const signature = await crypto.subtle.sign('Ed25519', stored, new Uint8Array([1, 2, 3]));
    const publicKey = await crypto.subtle.importKey(
      'raw',
      pair.publicKey as Uint8Array<ArrayBuffer>,
      'Ed25519',
      false,
      ['verify'],
    );
    expect(
      await crypto.subtle.verify('Ed25519', publicKey, signature, new Uint8Array([1, 2, 3])),
    ).toBe(true);
  });

  it('adds the format exports and names the CoNLL tokenizer in the manifest', async () => {
    const { repository, project, signer } = await workspace();
    const request = { projectId: project.id, scope: { kind: 'all' }, includeMedia: false } as const;
    const sink = memorySink();
    await runExport(repository, await planExport(repository, request), request, sink, {
      signer,
      appVersion: '0.1.0',
      formats: bundleFormats,
    });
    const zip = await ZipArchive.open(bytesAccess(sink.bytes()));
    const manifest = Manifest.parse(
      JSON.parse(new TextDecoder().decode(await zip.read(zip.get('manifest.json')!))),
    );
    const paths = manifest.files.map((f) => f.path);
    for (const path of ['exports/coco.json', 'exports/spans.jsonl', 'exports/conll.txt'])
      expect(paths).toContain(path);
    expect(paths.some((p) => p.startsWith('exports/yolo/'))).toBe(true);
    expect(manifest.tokenizer).toBe('airlock-basic-v1');
    const verdict = await verifyBundle(bytesAccess(sink.bytes()), {
      trustedKeys: [
        { keyId: signer.keyId, publicKey: parsePublicKeyLine(signer.publicKey).publicKey },
      ],
    });
    expect(verdict.reasons).toEqual([]);
  });
});
