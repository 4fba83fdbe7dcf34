import { checkDetached, DETACHED_LIMIT } from '../bundle/detached-signature.ts';
import type { TrustedKey } from '../bundle/verify.ts';

// A lead may drop `bundle.zip` together with the `bundle.zip.minisig` written beside it. The
// detached signature is then checked first, over the archive's exact bytes, as `minisign -V`
// would: a mismatch refuses the bundle before anything in it is read. A bundle chosen without
// one is taken in on its manifest signature alone, as `airlock verify` does.

export interface Dropped<F> {
  file: F;
  /** The .minisig chosen with it, if any. */
  signature?: F;
}

interface Named {
  name: string;
}

/** Pairs each archive with its `.minisig`; signatures whose archive was not chosen are orphans. */
export function pairSignatures<F extends Named>(
  files: readonly F[],
): { bundles: Dropped<F>[]; orphans: F[] } {
  const signatures = new Map(
    files.filter((f) => f.name.endsWith('.minisig')).map((f) => [f.name, f] as const),
  );
  const bundles = files
    .filter((f) => !f.name.endsWith('.minisig'))
    .map((file) => {
      const signature = signatures.get(`${file.name}.minisig`);
      signatures.delete(`${file.name}.minisig`);
      return signature ? { file, signature } : { file };
    });
  return { bundles, orphans: [...signatures.values()] };
}

export type DetachedVerdict = { ok: true; keyId: string } | { ok: false; problem: string };

/** Checks a dropped .minisig over the whole archive against the lead's trusted labelers. */
export async function checkDroppedSignature(
  archive: Blob & Named,
  signature: Blob & Named,
  trusted: readonly TrustedKey[],
): Promise<DetachedVerdict> {
  if (archive.size > DETACHED_LIMIT)
    return {
      ok: false,
      problem: `${signature.name}: the archive is over ${DETACHED_LIMIT} bytes, larger than any detached signature covers`,
    };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await signature.arrayBuffer());
  } catch {
    return { ok: false, problem: `${signature.name}: not UTF-8 text, so not a minisign signature` };
  }
  const check = await checkDetached(text, new Uint8Array(await archive.arrayBuffer()), trusted);
  return check.ok
    ? { ok: true, keyId: check.keyId }
    : { ok: false, problem: `${signature.name}: ${check.reason}` };
}
