import { ZipArchive, ZipError, type RandomAccess, type ZipEntry } from './zip-reader.ts';
import { readExactly } from './zip-access.ts';
import {
  ANNOTATIONS,
  MANIFEST,
  Manifest,
  SIGNATURE,
  SIGNER_PUB,
  compareBytes,
} from './manifest.ts';
import {
  MinisignFormatError,
  LEGACY,
  globalSignedBytes,
  keyIdHex,
  parsePublicKey,
  parseSignature,
  publicKeyLine,
} from './minisign.ts';
import { verifyEd25519 } from './signing.ts';
import { DETACHED_LIMIT, checkDetached } from './detached-signature.ts';
import { incrementalSha256, type CreateHasher } from './sha256.ts';

// The one implementation of label-bundle-v1's checks ("What a pipeline does"), shared by the
// `airlock verify` CLI and the browser's import of bundles. Every failure is collected with
// the entry it concerns; any failure rejects the whole bundle.

export interface TrustedKey {
  /** As minisign prints it: 16 upper-case hex digits. */
  keyId: string;
  publicKey: Uint8Array;
  /** Where the key came from (a file name), for messages. */
  source?: string;
}

export interface Reason {
  /** The archive entry concerned, or "(archive)" for the container itself. */
  entry: string;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  reasons: Reason[];
  /** Parsed manifest when it could be read (trust it only when `ok`). */
  manifest?: Manifest;
  /** Key id of the signature, when it could be read. */
  signerKeyId?: string;
  /** The trusted comment of a valid signature. */
  trustedComment?: string;
  /** True when a detached signature over the whole archive was given and verified. */
  containerVerified?: boolean;
}

export interface VerifyOptions {
  trustedKeys: readonly TrustedKey[];
  createHasher?: CreateHasher;
  /** Called after each listed file is hashed, for progress. */
  onFile?: (path: string) => void;
  /** The `<bundle>.zip.minisig` found beside the archive: checked first, over its exact bytes. */
  detached?: { name: string; text: string };
}

/** Small entries are read whole; a manifest or signature larger than this is refused. */
const MAX_MANIFEST = 64 << 20;
const MAX_SMALL = 64 << 10;
const ARCHIVE = '(archive)';
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A trusted key from the text of a minisign .pub file. */
export function trustedKeyFromPub(text: string, source?: string): TrustedKey {
  const key = parsePublicKey(text);
  return {
    keyId: keyIdHex(key.keyId),
    publicKey: key.publicKey,
    ...(source ? { source } : {}),
  };
}

export async function verifyBundle(
  source: RandomAccess,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const reasons: Reason[] = [];
  const fail = (entry: string, reason: string) => void reasons.push({ entry, reason });
  const result = (extra: Partial<VerifyResult> = {}): VerifyResult => ({
    ok: reasons.length === 0,
    reasons,
    ...extra,
  });

  // 0. The detached signature over the whole container, when there is one.
  let container: string | undefined;
  if (options.detached) {
    const { name, text } = options.detached;
    if (source.size > DETACHED_LIMIT)
      fail(name, `the archive is over ${DETACHED_LIMIT} bytes: check it with minisign -V`);
    else {
      const archive = await readExactly(source, 0, source.size, 'the archive');
      const checked = await checkDetached(text, archive, options.trustedKeys);
      if (checked.ok) container = checked.keyId;
      else fail(name, checked.reason);
    }
  }

  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(source);
  } catch (error) {
    if (error instanceof ZipError) fail(error.entry || ARCHIVE, error.reason);
    else throw error;
    return result();
  }
  for (const problem of zip.problems) fail(problem.entry, problem.reason);

  const readSmall = async (entry: ZipEntry, limit: number): Promise<Uint8Array | undefined> => {
    if (entry.size > limit) {
      fail(entry.name, `too large (${entry.size} bytes)`);
      return undefined;
    }
    try {
      return await zip.read(entry);
    } catch (error) {
      if (!(error instanceof ZipError)) throw error;
      fail(error.entry || entry.name, error.reason);
      return undefined;
    }
  };

  // 1. The signature over manifest.json, by a trusted key.
  const manifestEntry = zip.get(MANIFEST);
  const signatureEntry = zip.get(SIGNATURE);
  if (!manifestEntry) fail(MANIFEST, 'missing');
  if (!signatureEntry) fail(SIGNATURE, 'missing');
  const manifestRaw = manifestEntry && (await readSmall(manifestEntry, MAX_MANIFEST));
  const signatureRaw = signatureEntry && (await readSmall(signatureEntry, MAX_SMALL));
  let signerKeyId: string | undefined;
  let trustedComment: string | undefined;
  if (manifestRaw && signatureRaw) {
    const checked = await checkSignature(manifestRaw, signatureRaw, options.trustedKeys);
    signerKeyId = checked.keyId;
    if (checked.reason) fail(SIGNATURE, checked.reason);
    else trustedComment = checked.trustedComment;
  }

  // 2. The manifest itself.
  let manifest: Manifest | undefined;
  if (manifestRaw) {
    manifest = parseManifest(manifestRaw, fail);
    if (manifest && signerKeyId && manifest.signer.key_id !== signerKeyId)
      fail(MANIFEST, `names signer key ${manifest.signer.key_id} but is signed by ${signerKeyId}`);
  }

  // signer.pub is a convenience, but one that disagrees with the signature is a red flag.
  const pubEntry = zip.get(SIGNER_PUB);
  if (!pubEntry) fail(SIGNER_PUB, 'missing');
  else {
    const pubRaw = await readSmall(pubEntry, MAX_SMALL);
    if (pubRaw) {
      try {
        const pub = parsePublicKey(decoder.decode(pubRaw));
        if (signerKeyId && keyIdHex(pub.keyId) !== signerKeyId)
          fail(SIGNER_PUB, `holds key ${keyIdHex(pub.keyId)}, not the signing key ${signerKeyId}`);
        if (manifest && publicKeyLine(pub.keyId, pub.publicKey) !== manifest.signer.public_key)
          fail(SIGNER_PUB, 'differs from the public key in the manifest');
      } catch (error) {
        fail(SIGNER_PUB, `not a minisign public key (${describe(error)})`);
      }
    }
  }

  if (manifest) {
    // 3. Every listed file: present, same size, same SHA-256.
    const listed = new Set<string>();
    let previous: string | undefined;
    for (const file of manifest.files) {
      if (listed.has(file.path)) fail(file.path, 'listed twice in the manifest');
      if (previous !== undefined && compareBytes(previous, file.path) > 0)
        fail(MANIFEST, `files are not sorted by path (${file.path} after ${previous})`);
      if (file.path === MANIFEST || file.path === SIGNATURE)
        fail(file.path, 'must not be listed in the manifest');
      previous = file.path;
      listed.add(file.path);
      const entry = zip.get(file.path);
      if (!entry) {
        fail(file.path, 'listed in the manifest but missing from the archive');
        continue;
      }
      if (entry.size !== file.size) {
        fail(file.path, `size is ${entry.size} bytes, the manifest says ${file.size}`);
        continue;
      }
      const digest = await hashEntry(zip, entry, options.createHasher ?? incrementalSha256, fail);
      if (digest !== undefined && digest !== file.sha256)
        fail(file.path, 'SHA-256 does not match the manifest (the content was changed)');
      options.onFile?.(file.path);
    }
    for (const required of [SIGNER_PUB, ANNOTATIONS])
      if (!listed.has(required)) fail(required, 'required but not listed in the manifest');
    // 4. Nothing in the archive that the manifest does not list.
    for (const entry of zip.entries) {
      if (entry.name === MANIFEST || entry.name === SIGNATURE) continue;
      if (!listed.has(entry.name))
        fail(entry.name, 'in the archive but not listed in the manifest');
    }
  }

  if (container && signerKeyId && container !== signerKeyId)
    fail(options.detached!.name, `signed by key ${container}, the manifest by ${signerKeyId}`);
  return result({
    ...(container && reasons.length === 0 ? { containerVerified: true } : {}),
    ...(manifest ? { manifest } : {}),
    ...(signerKeyId ? { signerKeyId } : {}),
    ...(trustedComment !== undefined && reasons.length === 0 ? { trustedComment } : {}),
  });
}

async function checkSignature(
  manifest: Uint8Array,
  raw: Uint8Array,
  trusted: readonly TrustedKey[],
): Promise<{ keyId?: string; reason?: string; trustedComment?: string }> {
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    return { reason: 'not UTF-8 text' };
  }
  let signature;
  try {
    signature = parseSignature(text);
  } catch (error) {
    return { reason: `not a minisign signature (${describe(error)})` };
  }
  const keyId = keyIdHex(signature.keyId);
  const key = trusted.find((k) => k.keyId === keyId);
  if (!key) return { keyId, reason: `signed by key ${keyId}, which is not a trusted key` };
  // The prehashed form signs a BLAKE2b hash; label-bundle-v1 names the legacy form only.
  if (signature.algorithm !== LEGACY)
    return {
      keyId,
      reason: 'a prehashed (ED) minisign signature: label bundles use the legacy Ed form only',
    };
  if (!(await verifyEd25519(key.publicKey, signature.signature, manifest)))
    return { keyId, reason: `the signature does not match manifest.json (key ${keyId})` };
  const global = globalSignedBytes(signature.signature, signature.trustedComment);
  if (!(await verifyEd25519(key.publicKey, signature.globalSignature, global)))
    return { keyId, reason: 'the trusted comment was changed (its signature does not match)' };
  return { keyId, trustedComment: signature.trustedComment };
}

function parseManifest(
  raw: Uint8Array,
  fail: (entry: string, reason: string) => void,
): Manifest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(raw));
  } catch {
    fail(MANIFEST, 'not UTF-8 JSON');
    return undefined;
  }
  const record = json as { type?: unknown; version?: unknown } | null;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    fail(MANIFEST, 'not a JSON object');
    return undefined;
  }
  if (record.type !== 'airlock.label-bundle') {
    fail(MANIFEST, `type is ${JSON.stringify(record.type)}, not "airlock.label-bundle"`);
    return undefined;
  }
  if (record.version !== 1) {
    fail(MANIFEST, `version ${JSON.stringify(record.version)} is not supported (only 1)`);
    return undefined;
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(MANIFEST, `${issue?.path.join('.') || 'manifest'}: ${issue?.message}`);
    return undefined;
  }
  return parsed.data;
}

async function hashEntry(
  zip: ZipArchive,
  entry: ZipEntry,
  createHasher: CreateHasher,
  fail: (entry: string, reason: string) => void,
): Promise<string | undefined> {
  const hash = createHasher();
  try {
    for await (const chunk of zip.stream(entry)) hash.update(chunk);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    fail(error.entry || entry.name, error.reason);
    return undefined;
  }
  return hash.digest();
}

function describe(error: unknown): string {
  return error instanceof MinisignFormatError || error instanceof Error
    ? error.message
    : String(error);
}
