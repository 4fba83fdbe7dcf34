// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/bundle/cli.ts';
import { encodePublicKey, keyIdHex, parseSignature } from '../../../src/bundle/minisign.ts';
import { generateKeyPair } from '../../../src/bundle/signing.ts';
import { signArchive } from '../../../src/bundle/detached-signature.ts';
import { signSavedArchive } from '../../../src/export/archive-signature.ts';
import { createdAt, sampleBundle } from '../../factories/bundle.ts';

// `<bundle>.zip.minisig`: the whole container signed in minisign's legacy form, checked by
// minisign itself and by `airlock verify` when it lies beside the bundle.

const dir = mkdtempSync(join(tmpdir(), 'airlock-detached-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let bundle: Awaited<ReturnType<typeof sampleBundle>>;
let pub = '';

beforeAll(async () => {
  bundle = await sampleBundle();
  pub = join(dir, 'annotator.pub');
  writeFileSync(pub, encodePublicKey({ ...bundle.key, untrustedComment: 'Ada' }));
});

/** A folder holding `name` (the archive) and, when given, `name.minisig`. */
function folder(name: string, bytes: Uint8Array, minisig?: string): string {
  const at = mkdtempSync(join(dir, 'case-'));
  writeFileSync(join(at, name), bytes);
  if (minisig !== undefined) writeFileSync(join(at, `${name}.minisig`), minisig);
  return join(at, name);
}

async function verify(path: string, json = false) {
  const out: string[] = [];
  const code = await main(['verify', path, '--keys', pub, ...(json ? ['--json'] : [])], {
    out: (l) => out.push(l),
    err: (l) => out.push(l),
  });
  return { code, out: out.join('\n') };
}

const minisign = (path: string) =>
  execFileSync('minisign', ['-V', '-p', pub, '-m', path], { encoding: 'utf8', stdio: 'pipe' });

describe('the detached signature over the whole archive', { timeout: 60_000 }, () => {
  it('verifies with minisign -V -m, legacy form, naming the bundle in its trusted comment', () => {
    const path = folder(bundle.fileName, bundle.bytes, bundle.detached);
    expect(minisign(path)).toContain('Signature and comment signature verified');
    const signature = parseSignature(bundle.detached);
    expect(signature.algorithm).toBe('Ed');
    expect(signature.trustedComment).toBe(
      `timestamp:${Math.floor(createdAt.getTime() / 1000)}\tfile:${bundle.fileName}`,
    );
  });

  it('minisign refuses the archive once one byte changed', () => {
    const changed = bundle.bytes.slice();
    changed[100]! ^= 1;
    expect(() => minisign(folder(bundle.fileName, changed, bundle.detached))).toThrow();
  });

  it('airlock verify checks it when it lies beside the bundle and says so', async () => {
    const path = folder(bundle.fileName, bundle.bytes, bundle.detached);
    const ok = await verify(path);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^OK .*; whole archive verified by .*\.zip\.minisig$/);
    const json = JSON.parse((await verify(path, true)).out) as { archive_signature: string }[];
    expect(json[0]!.archive_signature).toBe(`${bundle.fileName}.minisig`);
    const without = await verify(folder(bundle.fileName, bundle.bytes));
    expect(without.out).toMatch(/no archive signature beside it$/);
    expect(without.code).toBe(0);
  });

  it('airlock verify fails a bundle whose detached signature is there but does not verify', async () => {
    const other = await sampleBundle({ media: false });
    const stranger = await generateKeyPair();
    const foreign = await signArchive(
      stranger.privateKey,
      stranger.keyId,
      bundle.bytes,
      'x.zip',
      createdAt,
    );
    const cases: [string, string, RegExp][] = [
      ['another archive’s', other.detached, /\.minisig: does not match the archive/],
      [
        'an untrusted key’s',
        foreign,
        /\.minisig: signed by key [0-9A-F]{16}, which is not a trusted key/,
      ],
      ['a garbled', 'not a signature', /\.minisig: not a minisign signature/],
    ];
    for (const [what, text, reason] of cases) {
      const result = await verify(folder(bundle.fileName, bundle.bytes, text));
      expect(result.code, what).toBe(1);
      expect(result.out, what).toMatch(reason);
    }
  });

  it('the export signs the saved file as read back from disk', async () => {
    const signer = {
      name: 'Ada',
      keyId: keyIdHex(bundle.key.keyId),
      publicKey: '',
      privateKey: bundle.key.privateKey,
    };
    const signed = await signSavedArchive(
      new Blob([bundle.bytes as Uint8Array<ArrayBuffer>]),
      bundle.fileName,
      signer,
      createdAt,
    );
    expect(signed?.name).toBe(`${bundle.fileName}.minisig`);
    const path = folder(bundle.fileName, bundle.bytes, signed!.text);
    expect(minisign(path)).toContain('Signature and comment signature verified');
  });
});
