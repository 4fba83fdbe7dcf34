// minisign's file formats (jedisct1.github.io/minisign), in the legacy Ed25519 form that
// WebCrypto can produce: the signature covers the message itself, not a BLAKE2b prehash.
//
//   .pub     untrusted comment: …\n base64("Ed" ‖ key_id[8] ‖ public_key[32])
//   .minisig untrusted comment: …\n base64("Ed" ‖ key_id[8] ‖ signature[64])
//            trusted comment: …\n base64(global_signature[64])
//
// The global signature covers signature ‖ trusted comment, so the comment cannot be swapped.

export const LEGACY = 'Ed';
export const PREHASHED = 'ED';

export interface PublicKey {
  /** The 8 key id bytes as stored in the files. */
  keyId: Uint8Array;
  publicKey: Uint8Array;
  untrustedComment: string;
}

export interface Signature {
  algorithm: typeof LEGACY | typeof PREHASHED;
  keyId: Uint8Array;
  signature: Uint8Array;
  trustedComment: string;
  globalSignature: Uint8Array;
  untrustedComment: string;
}

/** A .pub or .minisig file that does not follow the format. */
export class MinisignFormatError extends Error {
  override name = 'MinisignFormatError';
}

const UNTRUSTED = 'untrusted comment: ';
const TRUSTED = 'trusted comment: ';

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    throw new MinisignFormatError('not valid base64');
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * The key id as minisign prints it: the 8 bytes read as a little-endian number, in upper-case
 * hex. This is the form in manifest.json, in annotations' `annotator`, and in the lab's lists.
 */
export function keyIdHex(keyId: Uint8Array): string {
  let out = '';
  for (let i = keyId.length - 1; i >= 0; i--) out += keyId[i]!.toString(16).padStart(2, '0');
  return out.toUpperCase();
}

/** The key id bytes for a printed key id (the inverse of keyIdHex). */
export function keyIdBytes(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{16}$/.test(hex)) throw new MinisignFormatError('a key id is 16 hex digits');
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[7 - i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const encoder = new TextEncoder();

function oneLine(text: string, what: string): string {
  if (/[\r\n]/.test(text)) throw new MinisignFormatError(`${what} must be one line`);
  return text;
}

/** The second line of a .pub file: what the manifest's `signer.public_key` holds. */
export function publicKeyLine(keyId: Uint8Array, publicKey: Uint8Array): string {
  if (keyId.length !== 8 || publicKey.length !== 32)
    throw new MinisignFormatError('an Ed25519 key id is 8 bytes and a public key 32 bytes');
  return toBase64(concat(encoder.encode(LEGACY), keyId, publicKey));
}

export function encodePublicKey(key: PublicKey): string {
  return (
    `${UNTRUSTED}${oneLine(key.untrustedComment, 'the comment')}\n` +
    `${publicKeyLine(key.keyId, key.publicKey)}\n`
  );
}

function lines(text: string, count: number, what: string): string[] {
  const all = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  if (all.length !== count)
    throw new MinisignFormatError(`${what} has ${all.length} lines, not ${count}`);
  return all;
}

/** Decodes the base64 line of a public key (the second line of a .pub file). */
export function parsePublicKeyLine(line: string): Omit<PublicKey, 'untrustedComment'> {
  const bytes = fromBase64(line.trim());
  if (bytes.length !== 42 || bytes[0] !== 0x45 || bytes[1] !== 0x64)
    throw new MinisignFormatError('not a minisign Ed25519 public key');
  return { keyId: bytes.slice(2, 10), publicKey: bytes.slice(10) };
}

export function parsePublicKey(text: string): PublicKey {
  const [comment, line] = lines(text, 2, 'a minisign public key file');
  if (!comment!.startsWith(UNTRUSTED))
    throw new MinisignFormatError('a minisign public key starts with "untrusted comment: "');
  return { ...parsePublicKeyLine(line!), untrustedComment: comment!.slice(UNTRUSTED.length) };
}

export function encodeSignature(sig: Omit<Signature, 'algorithm'>): string {
  return (
    `${UNTRUSTED}${oneLine(sig.untrustedComment, 'the comment')}\n` +
    `${toBase64(concat(encoder.encode(LEGACY), sig.keyId, sig.signature))}\n` +
    `${TRUSTED}${oneLine(sig.trustedComment, 'the trusted comment')}\n` +
    `${toBase64(sig.globalSignature)}\n`
  );
}

export function parseSignature(text: string): Signature {
  const [untrusted, line, trusted, global] = lines(text, 4, 'a minisign signature file');
  if (!untrusted!.startsWith(UNTRUSTED))
    throw new MinisignFormatError('a minisign signature starts with "untrusted comment: "');
  if (!trusted!.startsWith(TRUSTED))
    throw new MinisignFormatError('the third line of a minisign signature is its trusted comment');
  const bytes = fromBase64(line!);
  const algorithm = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0);
  if (bytes.length !== 74 || (algorithm !== LEGACY && algorithm !== PREHASHED))
    throw new MinisignFormatError('not a minisign Ed25519 signature');
  const globalSignature = fromBase64(global!);
  if (globalSignature.length !== 64)
    throw new MinisignFormatError('the global signature is not 64 bytes');
  return {
    algorithm: algorithm,
    keyId: bytes.slice(2, 10),
    signature: bytes.slice(10),
    trustedComment: trusted!.slice(TRUSTED.length),
    globalSignature,
    untrustedComment: untrusted!.slice(UNTRUSTED.length),
  };
}

/** What the global signature covers: the signature, then the trusted comment's UTF-8. */
export function globalSignedBytes(signature: Uint8Array, trustedComment: string): Uint8Array {
  return concat(signature, encoder.encode(trustedComment));
}
