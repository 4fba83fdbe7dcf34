// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { memorySink } from '../../factories/zip.ts';
import { generateKeyPair } from '../../../src/bundle/signing.ts';
import { keyIdHex, parsePublicKeyLine, publicKeyLine } from '../../../src/bundle/minisign.ts';
import { verifyBundle } from '../../../src/bundle/verify.ts';
import { ZipArchive, bytesAccess } from '../../../src/bundle/zip-reader.ts';
import { planExport, runExport } from '../../../src/export/export-job.ts';
import { bundleFormats } from '../../../src/export/format-exports.ts';
import { sha256OfText } from '../../../src/import/hash.ts';

// The bundle as the export worker writes it: with the standard formats under exports/ and the
// manifest naming the CoNLL tokenizer.

async function exported(widenSpans?: boolean) {
  const repository = freshRepository();
  const project = await repository.createProject('Memos', [
    { id: 'person', name: 'Person', color: '#e6194b', kinds: ['span'] },
  ]);
  const text = 'Ada met Grace 👩🏽‍💻';
  await repository.addItems(project.id, [
    {
      id: 't',
      kind: 'text',
      name: 'memo-1',
      text,
      sha256: await sha256OfText(text),
      status: 'done',
      note: '',
    },
  ]);
  const at = new Date().toISOString();
  await repository.applyAnnotations([
    {
      id: 's',
      projectId: project.id,
      itemId: 't',
      label: 'person',
      annotator: 'me',
      createdAt: at,
      updatedAt: at,
      type: 'span',
      start: 8,
      end: 13,
      text: 'Grace',
    },
    // Cuts the token "Ada": CoNLL cannot hold it, and the manifest says so.
    {
      id: 's2',
      projectId: project.id,
      itemId: 't',
      label: 'person',
      annotator: 'me',
      createdAt: at,
      updatedAt: at,
      type: 'span',
      start: 0,
      end: 2,
      text: 'Ad',
    },
  ]);
  const pair = await generateKeyPair();
  const signer = {
    name: 'Grace',
    keyId: keyIdHex(pair.keyId),
    publicKey: publicKeyLine(pair.keyId, pair.publicKey),
    privateKey: pair.privateKey,
  };
  const request = {
    projectId: project.id,
    scope: { kind: 'all' },
    includeMedia: false,
    ...(widenSpans ? { widenSpans } : {}),
  } as const;
  const sink = memorySink();
  const result = await runExport(repository, await planExport(repository, request), request, sink, {
    signer,
    appVersion: '0.1.0',
    formats: bundleFormats,
  });

  const bytes = sink.bytes();
  const zip = await ZipArchive.open(bytesAccess(bytes));
  const read = async (name: string) => new TextDecoder().decode(await zip.read(zip.get(name)!));
  return { bytes, read, result, signer, text };
}

describe('bundle format exports', () => {
  it('puts every format into the signed bundle, listed and verified like the rest', async () => {
    const { bytes, read, result, signer, text } = await exported();
    const manifest = JSON.parse(await read('manifest.json')) as {
      tokenizer?: string;
      files: { path: string }[];
      warnings: unknown[];
    };
    const cut = {
      file: 'exports/conll.txt',
      item: 't',
      annotation: 's2',
      reason: expect.stringContaining('cuts through the token "Ada" [0, 3)') as unknown,
    };
    // Once for each file that leaves it out: conll.txt and the Hugging Face tokens.
    expect(manifest.warnings).toEqual([cut, { ...cut, file: 'exports/hf/ner.jsonl' }]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        path: 'exports/conll.txt',
        itemName: 'memo-1',
        annotationId: 's2',
      }),
      expect.objectContaining({ path: 'exports/hf/ner.jsonl', annotationId: 's2' }),
    ]);
    expect(manifest.tokenizer).toBe('airlock-basic-v1');
    expect(manifest.files.map((f) => f.path)).toEqual([
      'annotations.jsonl',
      'exports/brat/annotation.conf',
      'exports/brat/memo-1.ann',
      'exports/brat/memo-1.txt',
      'exports/conll.txt',
      'exports/hf/ner.jsonl',
      'exports/hf/ner_tags.json',
      'exports/label-studio.json',
      'exports/spans.jsonl',
      'signer.pub',
    ]);
    expect(await read('exports/spans.jsonl')).toBe(
      `${JSON.stringify({
        id: 'memo-1',
        text,
        spans: [
          { start: 0, end: 2, label: 'Person', text: 'Ad' },
          { start: 8, end: 13, label: 'Person', text: 'Grace' },
        ],
        classes: [],
      })}\n`,
    );
    expect(await read('exports/conll.txt')).toContain('Grace -X- -X- B-Person\n');
    const verdict = await verifyBundle(bytesAccess(bytes), {
      trustedKeys: [
        { keyId: signer.keyId, publicKey: parsePublicKeyLine(signer.publicKey).publicKey },
      ],
    });
    expect(verdict.reasons).toEqual([]);
  });

  it('widens a span that cuts a CoNLL token when the export asks, and says so in the manifest', async () => {
    const { read } = await exported(true);
    const manifest = JSON.parse(await read('manifest.json')) as { warnings: { reason: string }[] };
    const widened = expect.stringMatching(
      /cuts through the token "Ada" \[0, 3\).*; widened to \[0, 3\)$/,
    ) as unknown;
    expect(manifest.warnings.map((w) => w.reason)).toEqual([widened, widened]);
    expect(await read('exports/conll.txt')).toContain('Ada -X- -X- B-Person\n');
  });
});
