// @vitest-environment node
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePublicKey, keyIdHex } from '../../../src/bundle/minisign.ts';
import { generateKeyPair } from '../../../src/bundle/signing.ts';
import { rebuild, sampleBundle } from '../../factories/bundle.ts';

// The CLI as a lab's pipeline runs it: a child process, real files, exit codes.

const ROOT = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'airlock-cli-'));
let good = '';
let keyId = '';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const bundle = await sampleBundle();
  keyId = keyIdHex(bundle.key.keyId);
  mkdirSync(join(dir, 'bundles'));
  mkdirSync(join(dir, 'keys'));
  good = join(dir, 'bundles', bundle.fileName);
  writeFileSync(good, bundle.bytes);
  const tampered = await rebuild(bundle.bytes, (files) =>
    files.set('exports/extra.txt', new Uint8Array([1])),
  );
  writeFileSync(join(dir, 'bundles', 'tampered.zip'), tampered);
  writeFileSync(
    join(dir, 'keys', 'ada.pub'),
    encodePublicKey({ ...bundle.key, untrustedComment: 'Ada' }),
  );
  const other = await generateKeyPair();
  writeFileSync(join(dir, 'other.pub'), encodePublicKey({ ...other, untrustedComment: 'Other' }));
});

async function airlock(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/airlock.mjs', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('airlock verify', { timeout: 30_000 }, () => {
  it('passes a good bundle with the signer key: one line, exit 0', async () => {
    const { code, stdout } = await airlock('verify', good, '--keys', join(dir, 'keys', 'ada.pub'));
    expect(stdout).toBe(
      `OK    ${good}: signed by Ada Lovelace (key ${keyId}, ada.pub); 2 items, 7 annotations, 4 files; no archive signature beside it\n`,
    );
    expect(code).toBe(0);
  });

  it('checks every bundle of a folder, one line each, and fails when any fails', async () => {
    const before = readdirSync(dir, { recursive: true }).sort();
    const { code, stdout } = await airlock(
      'verify',
      join(dir, 'bundles'),
      '--keys',
      join(dir, 'keys'),
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^OK {4}.*contracts-zurich-2026-/);
    expect(lines[1]).toBe(
      `FAIL  ${join(dir, 'bundles', 'tampered.zip')}: exports/extra.txt: in the archive but not listed in the manifest`,
    );
    expect(code).toBe(1);
    // It only reads: nothing appeared beside the bundles or keys.
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(before);
  });

  it('rejects a bundle signed by a key the lab does not trust', async () => {
    const { code, stdout } = await airlock('verify', good, '--keys', join(dir, 'other.pub'));
    expect(stdout).toContain(
      `manifest.json.minisig: signed by key ${keyId}, which is not a trusted key`,
    );
    expect(code).toBe(1);
  });

  it('prints JSON for a pipeline with --json', async () => {
    const { code, stdout } = await airlock(
      'verify',
      join(dir, 'bundles'),
      '--keys',
      join(dir, 'keys'),
      '--json',
    );
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as { path: string; ok: boolean; reasons: unknown[] }[];
    expect(results).toEqual([
      expect.objectContaining({
        path: good,
        ok: true,
        reasons: [],
        signer_key_id: keyId,
        counts: { items: 2, annotations: 7 },
      }),
      expect.objectContaining({
        ok: false,
        reasons: [
          { entry: 'exports/extra.txt', reason: 'in the archive but not listed in the manifest' },
        ],
      }),
    ]);
  });

  it('explains its usage and exits 2 on a usage error', async () => {
    for (const args of [
      [],
      ['verify', good],
      ['verify', '--keys', join(dir, 'keys')],
      ['sign', good],
    ]) {
      const { code, stderr } = await airlock(...args);
      expect(code).toBe(2);
      expect(stderr).toContain('Usage: airlock verify');
    }
    const missing = await airlock('verify', join(dir, 'nope.zip'), '--keys', join(dir, 'keys'));
    expect(missing.stderr).toContain('nope.zip: no such file or folder');
    const badKey = await airlock('verify', good, '--keys', good);
    expect(badKey.stderr).toContain('not a minisign public key');
  });

  it('runs as `npx airlock` from the project', async () => {
    const { stdout } = await run(
      'npx',
      ['--no-install', 'airlock', 'verify', good, '--keys', join(dir, 'keys')],
      {
        cwd: ROOT,
      },
    );
    expect(stdout).toMatch(/^OK /);
  });
});
