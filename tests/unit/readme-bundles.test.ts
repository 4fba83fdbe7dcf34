// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePublicKey } from '../../src/bundle/minisign.ts';
import { rebuild, sampleBundle } from '../factories/bundle.ts';
import { hostileBundles } from '../factories/hostile-bundles.ts';

// The README tells a lab how to verify a bundle with minisign, openssl and Python. Run those
// very snippets on a real bundle, and on a tampered one, which they must reject.

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Signed bundles'),
  readme.indexOf('## Where data lives'),
);
const blocks = (lang: string) =>
  [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
const [, minisign, openssl] = blocks('sh');
const python = blocks('python')[0]!;

const root = mkdtempSync(join(tmpdir(), 'airlock-readme-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function folder(tamper: 'none' | 'manifest' | 'hostile'): Promise<string> {
  const bundle = await sampleBundle();
  const dir = mkdtempSync(join(root, `${tamper}-`));
  const bytes =
    tamper === 'manifest'
      ? await rebuild(bundle.bytes, (files) => {
          const text = new TextDecoder()
            .decode(files.get('manifest.json'))
            .replace('"items": 2', '"items": 1');
          files.set('manifest.json', new TextEncoder().encode(text));
        })
      : tamper === 'hostile'
        ? // A second annotations.jsonl the end record does not count: zipfile reads it.
          (await hostileBundles(bundle.bytes, bundle.bytes, bundle.key)).find((h) =>
            h.name.startsWith('an entry count one short'),
          )!.bytes
        : bundle.bytes;
  writeFileSync(join(dir, 'bundle.zip'), bytes);
  writeFileSync(join(dir, 'bundle.zip.minisig'), bundle.detached);
  writeFileSync(
    join(dir, 'annotator.pub'),
    encodePublicKey({ ...bundle.key, untrustedComment: 'Ada' }),
  );
  return dir;
}

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

describe('README: verifying a bundle without Airlock', () => {
  it('has the minisign, openssl and Python snippets', () => {
    expect(minisign).toContain('minisign -V -p annotator.pub -m bundle.zip\n');
    expect(openssl).toContain('openssl pkeyutl -verify');
    expect(python).toContain('Ed25519PublicKey');
  });

  it('the snippets accept a good bundle', async () => {
    const dir = await folder('none');
    expect(run('bash', ['-euo', 'pipefail', '-c', minisign!], dir)).toContain(
      'Signature and comment signature verified',
    );
    expect(run('bash', ['-euo', 'pipefail', '-c', openssl!], dir)).toContain(
      'Signature Verified Successfully',
    );
    expect(run('python3', ['-c', python], dir).trim()).toBe('verified');
  });

  it('the snippets reject a bundle whose manifest was changed', async () => {
    const dir = await folder('manifest');
    for (const [command, args] of [
      ['bash', ['-euo', 'pipefail', '-c', minisign!]],
      ['bash', ['-euo', 'pipefail', '-c', openssl!]],
      ['python3', ['-c', python]],
    ] as const)
      expect(() => run(command, [...args], dir)).toThrow();
  }, 30_000);

  it('minisign and Python refuse a hostile archive whose manifest is intact', async () => {
    // openssl checks manifest.json alone, which is why the README says to run minisign first.
    const dir = await folder('hostile');
    expect(() => run('bash', ['-euo', 'pipefail', '-c', minisign!], dir)).toThrow();
    expect(() => run('python3', ['-c', python], dir)).toThrow();
    // Unchecked, zipfile would have read the unsigned annotations.jsonl.
    const naive =
      'import zipfile; print(zipfile.ZipFile("bundle.zip").read("annotations.jsonl").decode())';
    expect(run('python3', ['-c', naive], dir)).toContain('never signed');
  }, 30_000);
});
