const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b]!;
  return out;
}

/** SHA-256 of the bytes as lowercase hex (WebCrypto: same in the browser and in Node). */
export async function sha256Hex(bytes: Uint8Array | ArrayBuffer): Promise<string> {
  const data =
    bytes instanceof Uint8Array ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
}

const encoder = new TextEncoder();

/** A text item's identity: the SHA-256 of its UTF-8 bytes. For a .txt file, that of the file. */
export function sha256OfText(text: string): Promise<string> {
  return sha256Hex(encoder.encode(text));
}
