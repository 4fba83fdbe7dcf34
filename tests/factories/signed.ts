import { createHash } from 'node:crypto';
import type { KeyPair } from '../../src/bundle/signing.ts';
import { signMinisign } from '../../src/bundle/signing.ts';
import { encodePublicKey, keyIdHex, publicKeyLine } from '../../src/bundle/minisign.ts';
import {
  ANNOTATIONS,
  MANIFEST,
  SIGNATURE,
  SIGNER_PUB,
  buildManifest,
  manifestBytes,
} from '../../src/bundle/manifest.ts';
import { ZipWriter } from '../../src/bundle/zip-writer.ts';
import type { Project } from '../../src/model/project.ts';
import { memorySink } from './zip.ts';

/**
 * A correctly signed bundle whose annotations.jsonl holds exactly `annotations` (any bytes):
 * what a trusted labeler's machine could send, whatever its Airlock did.
 */
export async function signedWith(
  key: KeyPair,
  project: Project,
  annotations: Uint8Array | string,
  options: { bundleId?: string; createdAt?: Date; name?: string } = {},
): Promise<Uint8Array> {
  const data =
    typeof annotations === 'string' ? new TextEncoder().encode(annotations) : annotations;
  const pub = new TextEncoder().encode(
    encodePublicKey({ keyId: key.keyId, publicKey: key.publicKey, untrustedComment: 'test key' }),
  );
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const manifest = buildManifest({
    bundleId: options.bundleId ?? 'b-signed',
    createdAt: options.createdAt ?? new Date('2026-12-01T10:00:00Z'),
    appVersion: '0.1.0',
    project,
    signer: {
      name: options.name ?? 'Tester',
      keyId: keyIdHex(key.keyId),
      publicKey: publicKeyLine(key.keyId, key.publicKey),
    },
    counts: { items: 1, annotations: 1 },
    files: [
      { path: ANNOTATIONS, size: data.length, sha256: sha(data) },
      { path: SIGNER_PUB, size: pub.length, sha256: sha(pub) },
    ],
  });
  const bytes = manifestBytes(manifest);
  const signature = await signMinisign(key.privateKey, key.keyId, bytes, 'timestamp:0');
  const sink = memorySink();
  const zip = new ZipWriter(sink);
  await zip.add(ANNOTATIONS, data);
  await zip.add(SIGNER_PUB, pub);
  await zip.add(MANIFEST, bytes);
  await zip.add(SIGNATURE, new TextEncoder().encode(signature));
  await zip.close();
  return sink.bytes();
}
