// Random access to an archive's bytes, shared by the reader and the layout check, so the same
// code reads a browser Blob or File and a Node file handle without loading the archive.

/** Random access to the archive's bytes. */
export interface RandomAccess {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** The archive cannot be read whole (not a ZIP, truncated, corrupt, or not Airlock's layout). */
export class ZipError extends Error {
  override name = 'ZipError';
  constructor(
    readonly entry: string,
    readonly reason: string,
  ) {
    super(entry ? `${entry}: ${reason}` : reason);
  }
}

export function blobAccess(blob: Blob): RandomAccess {
  return {
    size: blob.size,
    read: async (offset, length) =>
      new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

export function bytesAccess(bytes: Uint8Array): RandomAccess {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}

export function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

export async function readExactly(
  source: RandomAccess,
  offset: number,
  length: number,
  what: string,
): Promise<Uint8Array> {
  if (offset < 0 || offset + length > source.size)
    throw new ZipError('', `the archive is truncated (${what} lies past its end)`);
  const bytes = await source.read(offset, length);
  if (bytes.length !== length)
    throw new ZipError('', `the archive is truncated (short read of ${what})`);
  return bytes;
}
