// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyBundle, trustedKeyFromPub, type TrustedKey } from '../../../src/bundle/verify.ts';
import { ZipArchive, bytesAccess } from '../../../src/bundle/zip-reader.ts';
import { keyIdHex, parseSignature, encodePublicKey } from '../../../src/bundle/minisign.ts';
import { generateKeyPair } from '../../../src/bundle/signing.ts';
import { Manifest } from '../../../src/bundle/manifest.ts';
import { patchAscii } from '../../factories/zip.ts';
import { createdAt, png, rebuild, sampleBundle, signerKey } from '../../factories/bundle.ts';

const dir = mkdtempSync(join(tmpdir(), 'airlock-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const encode = (s: string) => new TextEncoder().encode(s);

async function trusted(): Promise<TrustedKey[]> {
  const key = await signerKey();
  return [{ keyId: keyIdHex(key.keyId), publicKey: key.publicKey }];
}

async function verify(bytes: Uint8Array, keys?: TrustedKey[]) {
  return verifyBundle(bytesAccess(bytes), { trustedKeys: keys ?? (await trusted()) });
}

async function entries(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await ZipArchive.open(bytesAccess(bytes));
  const out = new Map<string, Uint8Array>();
  for (const e of zip.entries) out.set(e.name, await zip.read(e));
  return out;
}

describe('a written bundle', () => {
  it('holds the spec entries, a manifest listing them, and verifies', async () => {
    const bundle = await sampleBundle();
    const files = await entries(bundle.bytes);
    const mediaPath = `media/${createHash('sha256').update(png).digest('hex')}.png`;
    expect([...files.keys()].sort()).toEqual(
      [
        'annotations.jsonl',
        'exports/spans.jsonl',
        mediaPath,
        'signer.pub',
        'manifest.json',
        'manifest.json.minisig',
      ].sort(),
    );
    const manifest = Manifest.parse(JSON.parse(decode(files.get('manifest.json')!)));
    expect(manifest).toMatchObject({
      type: 'airlock.label-bundle',
      version: 1,
      bundle_id: 'b-1',
      created_at: '2026-11-23T10:20:30Z',
      app: { name: 'airlock', version: '0.1.0' },
      project: { id: 'p-1', name: 'Contracts Zürich 2026' },
      signer: { name: 'Ada Lovelace', key_id: keyIdHex(bundle.key.keyId) },
      units: { text_offsets: 'codepoint', image_coordinates: 'pixel' },
      counts: { items: 2, annotations: 7 },
    });
    expect(manifest.project.labels[1]).toEqual({
      id: 'l-urgent',
      name: 'Urgent',
      kind: 'text_class',
      kinds: ['text_class', 'image_class'],
      color: '#3cb44b',
    });
    expect(manifest.files.map((f) => f.path)).toEqual([
      'annotations.jsonl',
      'exports/spans.jsonl',
      mediaPath,
      'signer.pub',
    ]);
    for (const file of manifest.files) {
      const data = files.get(file.path)!;
      expect(file.size).toBe(data.length);
      expect(file.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    }
    expect(Buffer.from(files.get(mediaPath)!).equals(png)).toBe(true);
    expect(manifest.signer.public_key).toBe(decode(files.get('signer.pub')!).split('\n')[1]);
    const sha = createHash('sha256').update(files.get('manifest.json')!).digest('hex');
    expect(bundle.fileName).toBe(`contracts-zurich-2026-20261123T102030Z-${sha.slice(0, 8)}.zip`);
    expect(bundle.size).toBe(bundle.bytes.length);

    const result = await verify(bundle.bytes);
    expect(result.reasons).toEqual([]);
    expect(result).toMatchObject({ ok: true, signerKeyId: keyIdHex(bundle.key.keyId) });
    expect(result.trustedComment).toBe(
      `timestamp:${createdAt.getTime() / 1000 - 0.456}\tfile:manifest.json\tbundle:b-1`,
    );
  });

  it('writes one native record per item, in the spec shape and a stable order', async () => {
    const files = await entries((await sampleBundle()).bytes);
    const lines = decode(files.get('annotations.jsonl')!).split('\n');
    expect(lines.at(-1)).toBe('');
    const [text, image] = lines.slice(0, -1).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(text).toEqual({
      item: {
        id: 'i-text',
        kind: 'text',
        name: 'letter.txt',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        text: 'Ada 👩🏽‍💻 met Grace in 東京.',
      },
      status: 'done',
      note: 'checked twice',
      annotations: [
        {
          id: 'a-ada',
          type: 'span',
          label: 'l-person',
          annotator: '0123456789ABCDEF',
          created_at: '2026-11-20T09:01:00.000Z',
          updated_at: '2026-11-20T09:01:00.000Z',
          start: 0,
          end: 3,
          text: 'Ada',
        },
        expect.objectContaining({ id: 'a-grace', start: 13, end: 18, text: 'Grace' }),
        expect.objectContaining({ id: 'a-rel', type: 'relation', from: 'a-ada', to: 'a-grace' }),
        expect.objectContaining({ id: 'a-cls', type: 'class', label: 'l-urgent' }),
      ],
    });
    // Code point offsets: what Python's text[13:18] returns.
    expect([...'Ada 👩🏽‍💻 met Grace in 東京.'].slice(13, 18).join('')).toBe('Grace');
    expect(image).toMatchObject({
      item: { id: 'i-image', kind: 'image', width: 64, height: 48, media_type: 'image/png' },
      status: 'todo',
      annotations: [
        { type: 'box', x: 1.5, y: 2, w: 30, h: 20 },
        {
          type: 'polygon',
          points: [
            [0, 0],
            [10, 0],
            [5, 8],
          ],
        },
        { type: 'point', x: 60, y: 40 },
      ],
    });
    expect((await sampleBundle()).bytes).toEqual((await sampleBundle()).bytes.slice(0));
  });

  it('leaves media out unless asked', async () => {
    const bundle = await sampleBundle({ media: false });
    expect([...(await entries(bundle.bytes)).keys()].some((n) => n.startsWith('media/'))).toBe(
      false,
    );
    expect((await verify(bundle.bytes)).ok).toBe(true);
  });

  it('refuses export files that would clash with the bundle or escape it', async () => {
    for (const path of ['manifest.json', '../x', 'media/a.png', 'signer.pub'])
      await expect(sampleBundle({ files: [{ path, data: encode('x') }] })).rejects.toThrow(path);
  });
});

describe('tools a lab already has verify the signature', () => {
  async function extracted() {
    const bundle = await sampleBundle();
    const files = await entries(bundle.bytes);
    const out = mkdtempSync(join(dir, 'x-'));
    for (const name of ['manifest.json', 'manifest.json.minisig', 'signer.pub'])
      writeFileSync(join(out, name), files.get(name)!);
    return { out, files, bundle };
  }

  it('minisign -V', async () => {
    const { out } = await extracted();
    const report = execFileSync(
      'minisign',
      ['-V', '-p', 'signer.pub', '-m', 'manifest.json', '-x', 'manifest.json.minisig'],
      { cwd: out, encoding: 'utf8' },
    );
    expect(report).toContain('Signature and comment signature verified');
    writeFileSync(join(out, 'manifest.json'), '{"tampered":true}');
    expect(() =>
      execFileSync('minisign', ['-V', '-p', 'signer.pub', '-m', 'manifest.json'], {
        cwd: out,
        stdio: 'pipe',
      }),
    ).toThrow();
  });

  it('openssl pkeyutl -verify -rawin with the raw key wrapped as DER/PEM', async () => {
    const { out, files } = await extracted();
    const pub = Buffer.from(decode(files.get('signer.pub')!).split('\n')[1]!, 'base64');
    const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub.subarray(10)]);
    const pem = `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
    writeFileSync(join(out, 'signer.pem'), pem);
    const sig = Buffer.from(decode(files.get('manifest.json.minisig')!).split('\n')[1]!, 'base64');
    writeFileSync(join(out, 'manifest.sig'), sig.subarray(10));
    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pem', '-rawin'];
    const ok = execFileSync(
      'openssl',
      [...args, '-in', 'manifest.json', '-sigfile', 'manifest.sig'],
      {
        cwd: out,
        encoding: 'utf8',
      },
    );
    expect(ok).toContain('Signature Verified Successfully');
    writeFileSync(join(out, 'other.json'), '{}');
    expect(() =>
      execFileSync('openssl', [...args, '-in', 'other.json', '-sigfile', 'manifest.sig'], {
        cwd: out,
        stdio: 'pipe',
      }),
    ).toThrow();
  });

  it("Python's cryptography", async () => {
    const { out } = await extracted();
    const script = [
      'import base64, sys',
      'from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey',
      'pub = base64.b64decode(open("signer.pub").read().splitlines()[1])',
      'sig = base64.b64decode(open("manifest.json.minisig").read().splitlines()[1])',
      'assert pub[:2] == b"Ed" and sig[2:10] == pub[2:10]',
      'Ed25519PublicKey.from_public_bytes(pub[10:]).verify(sig[10:], open("manifest.json", "rb").read())',
      'print("verified")',
    ].join('\n');
    expect(execFileSync('python3', ['-c', script], { cwd: out, encoding: 'utf8' }).trim()).toBe(
      'verified',
    );
  });
});

describe('verification rejects tampering, naming the entry and the reason', () => {
  it('one changed byte inside an entry (raw: its CRC no longer matches)', async () => {
    const { bytes } = await sampleBundle();
    const zip = await ZipArchive.open(bytesAccess(bytes));
    const media = zip.entries.find((e) => e.name.startsWith('media/'))!;
    const tampered = bytes.slice();
    tampered[media.offset + 30 + media.name.length + 60]! ^= 0x01;
    const result = await verify(tampered);
    expect(result.ok).toBe(false);
    expect(result.reasons).toEqual([
      { entry: media.name, reason: 'CRC-32 mismatch (damaged data)' },
    ]);
  });

  it('one changed byte inside an entry (archive rebuilt around it: its SHA-256 no longer matches)', async () => {
    const { bytes } = await sampleBundle();
    const tampered = await rebuild(bytes, (files) => {
      const jsonl = files.get('annotations.jsonl')!.slice();
      jsonl[jsonl.indexOf('G'.charCodeAt(0))] = 'J'.charCodeAt(0);
      files.set('annotations.jsonl', jsonl);
    });
    const result = await verify(tampered);
    expect(result.reasons).toEqual([
      {
        entry: 'annotations.jsonl',
        reason: 'SHA-256 does not match the manifest (the content was changed)',
      },
    ]);
  });

  it('a changed manifest', async () => {
    const { bytes } = await sampleBundle();
    const tampered = await rebuild(bytes, (files) => {
      const text = decode(files.get('manifest.json')!).replace('"items": 2', '"items": 3');
      files.set('manifest.json', encode(text));
    });
    const result = await verify(tampered);
    expect(result.ok).toBe(false);
    expect(result.reasons).toEqual([
      {
        entry: 'manifest.json.minisig',
        reason: expect.stringMatching(/^the signature does not match manifest.json/) as unknown,
      },
    ]);
  });

  it('a changed trusted comment', async () => {
    const { bytes } = await sampleBundle();
    const tampered = await rebuild(bytes, (files) => {
      const text = decode(files.get('manifest.json.minisig')!).replace('timestamp:', 'timestamp:1');
      files.set('manifest.json.minisig', encode(text));
    });
    expect((await verify(tampered)).reasons).toEqual([
      {
        entry: 'manifest.json.minisig',
        reason: 'the trusted comment was changed (its signature does not match)',
      },
    ]);
  });

  it('an extra entry', async () => {
    const { bytes } = await sampleBundle();
    const tampered = await rebuild(
      bytes,
      (files) => void files.set('exports/extra.txt', encode('x')),
    );
    expect((await verify(tampered)).reasons).toEqual([
      { entry: 'exports/extra.txt', reason: 'in the archive but not listed in the manifest' },
    ]);
  });

  it('a missing entry', async () => {
    const { bytes } = await sampleBundle();
    const tampered = await rebuild(bytes, (files) => void files.delete('exports/spans.jsonl'));
    expect((await verify(tampered)).reasons).toEqual([
      {
        entry: 'exports/spans.jsonl',
        reason: 'listed in the manifest but missing from the archive',
      },
    ]);
  });

  it('an unsafe ../ name', async () => {
    const { bytes } = await sampleBundle();
    const added = await rebuild(bytes, (files) => void files.set('xx/evil.sh', encode('x')));
    const result = await verify(patchAscii(added, 'xx/evil.sh', '../evil.sh'));
    expect(result.reasons).toEqual([
      { entry: '../evil.sh', reason: 'entry name has a ".." segment' },
      { entry: '../evil.sh', reason: 'in the archive but not listed in the manifest' },
    ]);
  });

  it('a duplicate name', async () => {
    const { bytes } = await sampleBundle();
    const added = await rebuild(
      bytes,
      (files) => void files.set('annotations.jsonX', encode('{}\n')),
    );
    const result = await verify(patchAscii(added, 'annotations.jsonX', 'annotations.jsonl'));
    expect(result.reasons).toContainEqual({
      entry: 'annotations.jsonl',
      reason: 'duplicate entry name',
    });
    expect(result.ok).toBe(false);
  });

  it('a truncated archive', async () => {
    const { bytes } = await sampleBundle();
    for (const cut of [bytes.length - 1, Math.floor(bytes.length / 2), 10]) {
      const result = await verify(bytes.subarray(0, cut));
      expect(result.ok).toBe(false);
      expect(result.reasons).toEqual([
        { entry: '(archive)', reason: expect.stringMatching(/truncated/) as unknown },
      ]);
    }
  });

  it('a key the lab does not trust, and a signer.pub swapped for another key', async () => {
    const { bytes, key } = await sampleBundle();
    const other = await generateKeyPair();
    const result = await verify(bytes, [
      { keyId: keyIdHex(other.keyId), publicKey: other.publicKey },
    ]);
    expect(result.reasons).toEqual([
      {
        entry: 'manifest.json.minisig',
        reason: `signed by key ${keyIdHex(key.keyId)}, which is not a trusted key`,
      },
    ]);
    // Same key id, another public key: the signature fails.
    const impostor = await verify(bytes, [
      { keyId: keyIdHex(key.keyId), publicKey: other.publicKey },
    ]);
    expect(impostor.reasons[0]?.reason).toMatch(/signature does not match/);

    const swapped = await rebuild(bytes, (files) =>
      files.set('signer.pub', encode(encodePublicKey({ ...other, untrustedComment: 'x' }))),
    );
    const reasons = (await verify(swapped)).reasons.map((r) => `${r.entry}: ${r.reason}`);
    expect(reasons).toContain(
      `signer.pub: holds key ${keyIdHex(other.keyId)}, not the signing key ${keyIdHex(key.keyId)}`,
    );
    // Another key, so another size: caught by the manifest's file list as well.
    expect(reasons).toContainEqual(
      expect.stringMatching(/^signer\.pub: size is \d+ bytes, the manifest says \d+$/),
    );
  });

  it('reads the key list from minisign .pub text, as the CLI does', async () => {
    const key = await signerKey();
    const text = encodePublicKey({ ...key, untrustedComment: 'lab list' });
    expect(trustedKeyFromPub(text)).toEqual({
      keyId: keyIdHex(key.keyId),
      publicKey: key.publicKey,
    });
    expect(
      parseSignature(
        decode((await entries((await sampleBundle()).bytes)).get('manifest.json.minisig')!),
      ).algorithm,
    ).toBe('Ed');
  });
});
