import { open, readFile, readdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { RandomAccess } from './zip-reader.ts';
import { trustedKeyFromPub, verifyBundle, type TrustedKey, type VerifyResult } from './verify.ts';
import { detachedName } from './detached-signature.ts';

// `airlock verify <bundle.zip | folder>… --keys <trusted .pub file or folder> [--json]`
// Checks bundles for a lab's pipeline. Reads only: it writes nothing anywhere, and prints one
// line per bundle (or JSON). Exit status 0 when every bundle passes, 1 when any fails, 2 on
// a usage error.

const USAGE = `Usage: airlock verify <bundle.zip | folder>... --keys <trusted .pub file | folder> [--json]

Checks each label bundle as label-bundle-v1 requires: the detached signature <bundle>.zip.minisig
over the whole archive when it lies beside it, an archive in Airlock's exact layout, the minisign
signature of manifest.json by a trusted key, the manifest, every listed file's size and SHA-256,
and no unlisted, unsafe or duplicate entry. A folder means every .zip file in it. --keys may be
given more than once.`;

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const console_: Output = {
  out: (line) => void process.stdout.write(line + '\n'),
  err: (line) => void process.stderr.write(line + '\n'),
};

class UsageError extends Error {}

function fileAccess(handle: Awaited<ReturnType<typeof open>>, size: number): RandomAccess {
  return {
    size,
    async read(offset, length) {
      const buffer = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    },
  };
}

const nodeSha256 = () => {
  const hash = createHash('sha256');
  return {
    update: (chunk: Uint8Array) => void hash.update(chunk),
    digest: () => hash.digest('hex'),
  };
};

async function filesIn(path: string, extension: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`${path}: no such file or folder`);
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith(extension)).sort();
  return names.map((n) => join(path, n));
}

async function loadKeys(paths: string[]): Promise<TrustedKey[]> {
  const keys: TrustedKey[] = [];
  for (const path of paths) {
    const files = await filesIn(path, '.pub');
    if (files.length === 0) throw new UsageError(`${path}: no .pub files in this folder`);
    for (const file of files) {
      try {
        keys.push(trustedKeyFromPub(await readFile(file, 'utf8'), basename(file)));
      } catch (error) {
        throw new UsageError(
          `${file}: not a minisign public key (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
  }
  return keys;
}

async function verifyFile(path: string, keys: TrustedKey[]): Promise<VerifyResult> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const reason = `cannot be read (${error instanceof Error ? error.message : String(error)})`;
    return { ok: false, reasons: [{ entry: '(archive)', reason }] };
  }
  try {
    const { size } = await handle.stat();
    // The detached signature over the whole archive, when it lies beside it.
    const signature = detachedName(path);
    const text = await readFile(signature, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    return await verifyBundle(fileAccess(handle, size), {
      trustedKeys: keys,
      createHasher: nodeSha256,
      ...(text !== undefined ? { detached: { name: basename(signature), text } } : {}),
    });
  } finally {
    await handle.close();
  }
}

function parseArgs(args: string[]): { bundles: string[]; keys: string[]; json: boolean } {
  const [command, ...rest] = args;
  if (command !== 'verify') throw new UsageError(command ? `unknown command "${command}"` : '');
  const bundles: string[] = [];
  const keys: string[] = [];
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--keys') {
      const value = rest[++i];
      if (!value) throw new UsageError('--keys needs a .pub file or a folder of them');
      keys.push(value);
    } else if (arg.startsWith('--keys=')) keys.push(arg.slice('--keys='.length));
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else bundles.push(arg);
  }
  if (bundles.length === 0) throw new UsageError('name at least one bundle or folder');
  if (keys.length === 0)
    throw new UsageError('--keys is required: the lab decides which signers it trusts');
  return { bundles, keys, json };
}

/** Runs the CLI; returns the exit status. */
export async function main(args: string[], io: Output = console_): Promise<number> {
  let options;
  let keys: TrustedKey[];
  let paths: string[] = [];
  try {
    options = parseArgs(args);
    keys = await loadKeys(options.keys);
    for (const path of options.bundles) {
      const found = await filesIn(path, '.zip');
      if (found.length === 0) throw new UsageError(`${path}: no .zip files in this folder`);
      paths = paths.concat(found);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) io.err(`airlock: ${error.message}`);
    io.err(USAGE);
    return 2;
  }

  const results: { path: string; result: VerifyResult }[] = [];
  for (const path of paths) {
    const result = await verifyFile(path, keys);
    results.push({ path, result });
    if (!options.json) io.out(describe(path, result, keys));
  }
  if (options.json) {
    io.out(
      JSON.stringify(
        results.map(({ path, result }) => ({
          path,
          ok: result.ok,
          reasons: result.reasons,
          signer_key_id: result.signerKeyId ?? null,
          archive_signature: result.containerVerified ? detachedName(basename(path)) : null,
          signer_name: result.ok ? result.manifest?.signer.name : null,
          bundle_id: result.ok ? result.manifest?.bundle_id : null,
          project: result.ok ? result.manifest?.project.name : null,
          counts: result.ok ? result.manifest?.counts : null,
        })),
        null,
        2,
      ),
    );
  }
  return results.every((r) => r.result.ok) ? 0 : 1;
}

function describe(path: string, result: VerifyResult, keys: TrustedKey[]): string {
  if (result.ok && result.manifest) {
    const m = result.manifest;
    const key = keys.find((k) => k.keyId === result.signerKeyId);
    return (
      `OK    ${path}: signed by ${m.signer.name} (key ${result.signerKeyId}` +
      `${key?.source ? `, ${key.source}` : ''}); ${m.counts.items} items, ` +
      `${m.counts.annotations} annotations, ${m.files.length} files` +
      (result.containerVerified
        ? `; whole archive verified by ${detachedName(basename(path))}`
        : '; no archive signature beside it')
    );
  }
  const reasons = result.reasons.map((r) => `${r.entry}: ${r.reason}`).join('; ');
  return `FAIL  ${path}: ${reasons}`;
}
