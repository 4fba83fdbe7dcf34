// @vitest-environment node
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePublicKey, keyIdHex, publicKeyLine } from '../../../src/bundle/minisign.ts';
import { verifyBundle } from '../../../src/bundle/verify.ts';
import { ZipArchive, bytesAccess } from '../../../src/bundle/zip-reader.ts';
import { receiveBundle } from '../../../src/review/receive-bundle.ts';
import { imageItem, project, sampleBundle, textItem } from '../../factories/bundle.ts';
import { hostileBundles, type Hostile } from '../../factories/hostile-bundles.ts';
import { rewritten } from '../../factories/zip-surgery.ts';

// The red team's hostile bundles against both doors (the CLI and the Review tab's intake),
// and an oracle: every archive the verifier accepts must extract, with Python's zipfile and
// with Info-ZIP unzip, to exactly the bytes the signed manifest vouches for.

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'airlock-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
  name: string;
  bytes: Uint8Array;
  path: string;
}
let good: Case[] = [];
let hostile: (Hostile & { path: string })[] = [];
/** SHA-256 of every file the signed manifest vouches for, and of the manifest and signature. */
const signed = new Map<string, string>();
let pub = '';
let labeler: Parameters<typeof receiveBundle>[3][number];

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  const bundle = await sampleBundle();
  const forced = await rewritten(bundle.bytes, (name) => name.endsWith('.jsonl'));
  good = [
    { name: 'a bundle as written', bytes: bundle.bytes, path: '' },
    { name: 'the same with Zip64 forced, JSONL deflated', bytes: forced, path: '' },
  ];
  for (const [i, c] of good.entries())
    writeFileSync((c.path = join(dir, `good-${i}.zip`)), c.bytes);
  hostile = (await hostileBundles(bundle.bytes, forced, bundle.key)).map((h, i) => {
    const path = join(dir, `hostile-${String(i).padStart(2, '0')}.zip`);
    writeFileSync(path, h.bytes);
    return { ...h, path };
  });
  const zip = await ZipArchive.open(bytesAccess(bundle.bytes));
  for (const e of zip.entries) signed.set(e.name, sha(await zip.read(e)));
  pub = join(dir, 'ada.pub');
  writeFileSync(pub, encodePublicKey({ ...bundle.key, untrustedComment: 'Ada' }));
  labeler = {
    keyId: keyIdHex(bundle.key.keyId),
    publicKey: publicKeyLine(bundle.key.keyId, bundle.key.publicKey),
    name: 'Ada',
    addedAt: '2026-11-23T00:00:00.000Z',
  };
});

const items = (ids: readonly string[]) =>
  Promise.resolve([textItem, imageItem].filter((i) => ids.includes(i.id)));

describe('hostile archives', { timeout: 120_000 }, () => {
  it('the CLI passes the good bundles and refuses every hostile one, saying why', async () => {
    const run = promisify(execFile);
    const paths = [...good, ...hostile].map((c) => c.path);
    const { stdout } = await run(
      'node',
      ['bin/airlock.mjs', 'verify', ...paths, '--keys', pub, '--json'],
      {
        cwd: ROOT,
      },
    ).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    const results = JSON.parse(stdout) as {
      path: string;
      ok: boolean;
      reasons: { entry: string; reason: string }[];
    }[];
    expect(results.length).toBe(paths.length);
    for (const c of good)
      expect(
        results.find((r) => r.path === c.path),
        c.name,
      ).toMatchObject({ ok: true });
    for (const h of hostile) {
      const result = results.find((r) => r.path === h.path)!;
      expect(result.ok, h.name).toBe(false);
      expect(result.reasons.map((r) => `${r.entry}: ${r.reason}`).join('; '), h.name).toMatch(
        h.reason,
      );
    }
  });

  it('the Review tab’s intake takes in the good bundles and refuses every hostile one', async () => {
    for (const c of good) {
      const received = await receiveBundle(
        bytesAccess(c.bytes),
        'ada.zip',
        project,
        [labeler],
        items,
      );
      expect(received.ok, c.name).toBe(true);
    }
    for (const h of hostile) {
      const received = await receiveBundle(
        bytesAccess(h.bytes),
        'ada.zip',
        project,
        [labeler],
        items,
      );
      expect(received.ok, h.name).toBe(false);
      if (!received.ok) expect(received.problems.join('; '), h.name).toMatch(h.reason);
    }
  });
});

/** What an extractor wrote: file path → SHA-256, "symlink", or "directory" (an empty one). */
function tree(root: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(join(root, prefix))) {
    const path = prefix ? `${prefix}/${name}` : name;
    const info = lstatSync(join(root, path));
    if (info.isSymbolicLink()) out.set(path, 'symlink');
    else if (info.isDirectory()) {
      const inner = tree(root, path);
      if (inner.size === 0) out.set(path, 'directory');
      for (const [k, v] of inner) out.set(k, v);
    } else out.set(path, sha(readFileSync(join(root, path))));
  }
  return out;
}

const PYTHON = `import sys, zipfile
try:
    zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
except Exception as e:
    print("refused:", e)`;

/** Each extractor's reading of the archive, with "refused" when it would not extract. */
function extracted(path: string): Record<'python' | 'unzip', Map<string, string> | 'refused'> {
  const python = mkdtempSync(join(dir, 'py-'));
  const py = spawnSync('python3', ['-c', PYTHON, path, python], { encoding: 'utf8' });
  const unzip = mkdtempSync(join(dir, 'unzip-'));
  // -P: a wrong password rather than a prompt; exit 1 is only a warning, >= 2 an error.
  const uz = spawnSync('unzip', ['-o', '-q', '-P', 'x', path, '-d', unzip], {
    encoding: 'utf8',
    input: '',
  });
  return {
    python: py.stdout.includes('refused:') ? 'refused' : tree(python),
    unzip: (uz.status ?? 9) >= 2 ? 'refused' : tree(unzip),
  };
}

const exactly = (got: Map<string, string> | 'refused') =>
  got !== 'refused' && got.size === signed.size && [...signed].every(([k, v]) => got.get(k) === v);
/** Extracted, but not to the signed bytes: a refusal is no harm, other bytes are. */
const somethingElse = (got: Map<string, string> | 'refused') => got !== 'refused' && !exactly(got);

describe('extraction oracle (Python zipfile, Info-ZIP unzip)', { timeout: 120_000 }, () => {
  it('every archive the verifier accepts extracts to exactly the signed bytes', async () => {
    let accepted = 0;
    for (const c of [...good, ...hostile]) {
      const verdict = await verifyBundle(bytesAccess(c.bytes), {
        trustedKeys: [{ keyId: labeler.keyId, publicKey: bytesOfKey(labeler.publicKey) }],
      });
      if (!verdict.ok) continue;
      accepted++;
      const { python, unzip } = extracted(c.path);
      expect(exactly(python), `${c.name}: Python`).toBe(true);
      expect(exactly(unzip), `${c.name}: unzip`).toBe(true);
    }
    expect(accepted).toBe(good.length);
  });

  it('each divergent hostile family extracts to something unsigned in Python or unzip', () => {
    const divergent = hostile.filter((h) => h.divergent);
    expect(divergent.map((h) => h.name).length).toBe(5);
    for (const h of divergent) {
      const { python, unzip } = extracted(h.path);
      expect(somethingElse(python) || somethingElse(unzip), h.name).toBe(true);
    }
  });
});

function bytesOfKey(line: string): Uint8Array {
  return Uint8Array.from(atob(line), (c) => c.charCodeAt(0)).slice(10);
}
