import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../import/hash.ts';

// SHA-256 over a stream of chunks. WebCrypto only digests whole buffers, so entries that are
// produced or read piece by piece are hashed incrementally (audited @noble/hashes); the CLI
// passes Node's native hash instead, which is faster.

export interface Hasher {
  update(chunk: Uint8Array): void;
  /** Lowercase hex. */
  digest(): string;
}

export type CreateHasher = () => Hasher;

export const incrementalSha256: CreateHasher = () => {
  const hash = sha256.create();
  return {
    update: (chunk) => void hash.update(chunk),
    digest: () => toHex(hash.digest()),
  };
};
