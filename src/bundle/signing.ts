import { globalSignedBytes, encodeSignature, keyIdHex } from './minisign.ts';

// Ed25519 through WebCrypto, the same in browsers, workers and Node 20. The private key is
// made non-extractable: it can sign, be stored in IndexedDB and be posted to a worker, but
// its bytes can never be read, so it cannot leave the browser.

export interface KeyPair {
  keyId: Uint8Array;
  privateKey: CryptoKey;
  /** The raw 32-byte public key. */
  publicKey: Uint8Array;
}

const ED25519 = { name: 'Ed25519' } as const;

/** A new signing key; `keyId` defaults to 8 random bytes. */
export async function generateKeyPair(keyId?: Uint8Array): Promise<KeyPair> {
  const pair = await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return {
    keyId: keyId ?? crypto.getRandomValues(new Uint8Array(8)),
    privateKey: pair.privateKey,
    publicKey,
  };
}

export async function sign(privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.sign(ED25519, privateKey, message as Uint8Array<ArrayBuffer>),
  );
}

export async function verifyEd25519(
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  const key = await crypto.subtle.importKey(
    'raw',
    publicKey as Uint8Array<ArrayBuffer>,
    ED25519,
    false,
    ['verify'],
  );
  return crypto.subtle.verify(
    ED25519,
    key,
    signature as Uint8Array<ArrayBuffer>,
    message as Uint8Array<ArrayBuffer>,
  );
}

/**
 * The .minisig text for `message`: the Ed25519 signature, then the global signature binding
 * the trusted comment to it. Verifies with `minisign -V`.
 */
export async function signMinisign(
  privateKey: CryptoKey,
  keyId: Uint8Array,
  message: Uint8Array,
  trustedComment: string,
): Promise<string> {
  const signature = await sign(privateKey, message);
  const globalSignature = await sign(privateKey, globalSignedBytes(signature, trustedComment));
  return encodeSignature({
    keyId,
    signature,
    trustedComment,
    globalSignature,
    untrustedComment: `signature from Airlock key ${keyIdHex(keyId)}`,
  });
}
