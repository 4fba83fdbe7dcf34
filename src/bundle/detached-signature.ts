import { LEGACY, globalSignedBytes, keyIdHex, parseSignature } from './minisign.ts';
import { signMinisign, verifyEd25519 } from './signing.ts';
import type { TrustedKey } from './verify.ts';

// `<bundle>.zip.minisig`: a minisign signature (legacy Ed form, the bundle's key) over the exact
// bytes of the whole archive, so a lab can run `minisign -V -p annotator.pub -m bundle.zip`
// before anything unzips it. The legacy form signs the message itself, and Ed25519 hashes its
// message twice (SHA-512), so neither WebCrypto nor any library can sign it as a stream: the
// whole archive must be in memory once. Measured (Node 20, 2 shared cores): 256 MiB took 7 s
// at 0.8 GB peak, 1 GiB 32 s at 3.2 GB peak (the crypto layer copies the message). So the
// detached signature is written for archives up to DETACHED_LIMIT; bigger ones carry only the
// manifest signature (which covers every file's SHA-256) and the export says so.

/** The largest archive that gets a detached signature (and that `verify` checks whole). */
export const DETACHED_LIMIT = 512 * 1024 * 1024;

export function detachedName(bundleFileName: string): string {
  return `${bundleFileName}.minisig`;
}

/** The .minisig text over the whole archive, with the bundle's file name in the trusted comment. */
export async function signArchive(
  privateKey: CryptoKey,
  keyId: Uint8Array,
  archive: Uint8Array,
  fileName: string,
  createdAt: Date,
): Promise<string> {
  if (archive.length > DETACHED_LIMIT)
    throw new Error(`Archives over ${DETACHED_LIMIT} bytes get no detached signature.`);
  const comment = `timestamp:${Math.floor(createdAt.getTime() / 1000)}\tfile:${fileName.replace(/[\r\n\t]+/g, ' ')}`;
  return signMinisign(privateKey, keyId, archive, comment);
}

export type DetachedCheck =
  { ok: true; keyId: string; trustedComment: string } | { ok: false; reason: string };

/** Checks a .minisig text over the archive's bytes against the trusted keys. */
export async function checkDetached(
  text: string,
  archive: Uint8Array,
  trusted: readonly TrustedKey[],
): Promise<DetachedCheck> {
  let signature;
  try {
    signature = parseSignature(text);
  } catch (error) {
    return { ok: false, reason: `not a minisign signature (${(error as Error).message})` };
  }
  if (signature.algorithm !== LEGACY)
    return {
      ok: false,
      reason: 'a prehashed (ED) minisign signature: label bundles use the legacy Ed form only',
    };
  const keyId = keyIdHex(signature.keyId);
  const key = trusted.find((k) => k.keyId === keyId);
  if (!key) return { ok: false, reason: `signed by key ${keyId}, which is not a trusted key` };
  if (!(await verifyEd25519(key.publicKey, signature.signature, archive)))
    return { ok: false, reason: 'does not match the archive (its bytes were changed)' };
  const global = globalSignedBytes(signature.signature, signature.trustedComment);
  if (!(await verifyEd25519(key.publicKey, signature.globalSignature, global)))
    return { ok: false, reason: 'the trusted comment was changed (its signature does not match)' };
  return { ok: true, keyId, trustedComment: signature.trustedComment };
}
