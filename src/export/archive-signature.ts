import { DETACHED_LIMIT, detachedName, signArchive } from '../bundle/detached-signature.ts';
import { keyIdBytes } from '../bundle/minisign.ts';
import type { ExportSigner } from './export-job.ts';

// After a bundle is saved, its bytes are read back from disk and signed whole: the detached
// `<bundle>.zip.minisig` a lab checks with minisign before unzipping (label-bundle-v1). Reading
// back keeps the streamed export's memory flat until this one moment, and signs exactly the
// bytes that landed. Archives over DETACHED_LIMIT are not read into memory (see its comment).

export interface ArchiveSignature {
  /** `<bundle file name>.minisig`. */
  name: string;
  text: string;
}

export async function signSavedArchive(
  saved: Blob,
  fileName: string,
  signer: ExportSigner,
  createdAt: Date,
): Promise<ArchiveSignature | undefined> {
  if (saved.size > DETACHED_LIMIT) return undefined;
  const bytes = new Uint8Array(await saved.arrayBuffer());
  const text = await signArchive(
    signer.privateKey,
    keyIdBytes(signer.keyId),
    bytes,
    fileName,
    createdAt,
  );
  return { name: detachedName(fileName), text };
}
