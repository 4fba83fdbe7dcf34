import { crc32 } from './crc32.ts';
import { unsafeNameReason } from './zip-names.ts';

// Reads a ZIP archive through its central directory over random access, so the same code
// reads a browser Blob or File and a Node file handle without loading the archive. It never
// trusts the archive: names, duplicates, bounds, sizes and CRCs are all checked.

/** Random access to the archive's bytes. */
export interface RandomAccess {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  size: number;
  compressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** Something wrong with one entry; the archive could still be listed. */
export interface ZipProblem {
  entry: string;
  reason: string;
}

/** The archive cannot be read whole (not a ZIP, truncated, corrupt). */
export class ZipError extends Error {
  override name = 'ZipError';
  constructor(
    readonly entry: string,
    readonly reason: string,
  ) {
    super(entry ? `${entry}: ${reason}` : reason);
  }
}

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const EOCD_SIZE = 22;
const CHUNK = 1 << 20;
const utf8 = new TextDecoder('utf-8', { fatal: true });

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

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

async function readExactly(
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

export class ZipArchive {
  private constructor(
    private readonly source: RandomAccess,
    /** Entries in central-directory order. */
    readonly entries: readonly ZipEntry[],
    /** Unsafe and duplicate names, and entries whose bounds are impossible. */
    readonly problems: readonly ZipProblem[],
  ) {}

  static async open(source: RandomAccess): Promise<ZipArchive> {
    const tailLength = Math.min(source.size, EOCD_SIZE + MAX16);
    if (source.size < EOCD_SIZE)
      throw new ZipError('', 'not a ZIP archive, or truncated (too short for an end record)');
    const tailStart = source.size - tailLength;
    const tail = await readExactly(source, tailStart, tailLength, 'the end record');
    const tv = view(tail);
    let at = -1;
    for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
      if (
        tv.getUint32(i, true) === 0x06054b50 &&
        i + EOCD_SIZE + tv.getUint16(i + 20, true) === tail.length
      ) {
        at = i;
        break;
      }
    }
    if (at < 0)
      throw new ZipError(
        '',
        'not a ZIP archive, or truncated (no end of central directory record)',
      );
    const eocdOffset = tailStart + at;
    let count = tv.getUint16(at + 10, true);
    let cdSize = tv.getUint32(at + 12, true);
    let cdOffset = tv.getUint32(at + 16, true);
    if (tv.getUint16(at + 4, true) !== 0 || tv.getUint16(at + 6, true) !== 0)
      throw new ZipError('', 'multi-disk archives are not supported');
    let cdEnd = eocdOffset;

    const locatorAt = eocdOffset - 20;
    const hasLocator =
      locatorAt >= 0 &&
      (await readExactly(source, locatorAt, 4, 'the Zip64 locator').then(
        (b) => view(b).getUint32(0, true) === 0x07064b50,
      ));
    if (hasLocator) {
      const locator = view(await readExactly(source, locatorAt, 20, 'the Zip64 locator'));
      const recordOffset = Number(locator.getBigUint64(8, true));
      const record = view(await readExactly(source, recordOffset, 56, 'the Zip64 end record'));
      if (record.getUint32(0, true) !== 0x06064b50)
        throw new ZipError('', 'the Zip64 end of central directory record is missing or corrupt');
      count = Number(record.getBigUint64(32, true));
      cdSize = Number(record.getBigUint64(40, true));
      cdOffset = Number(record.getBigUint64(48, true));
      cdEnd = recordOffset;
    } else if (count === MAX16 || cdSize === MAX32 || cdOffset === MAX32) {
      throw new ZipError('', 'the Zip64 end records are missing (truncated archive?)');
    }
    if (cdOffset + cdSize > cdEnd)
      throw new ZipError(
        '',
        'the archive is truncated or corrupt (central directory out of bounds)',
      );

    const cd = await readExactly(source, cdOffset, cdSize, 'the central directory');
    const cv = view(cd);
    const entries: ZipEntry[] = [];
    const problems: ZipProblem[] = [];
    const seen = new Set<string>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cv.getUint32(p, true) !== 0x02014b50)
        throw new ZipError('', `the central directory is corrupt (entry ${i + 1} of ${count})`);
      const flags = cv.getUint16(p + 8, true);
      const method = cv.getUint16(p + 10, true);
      const crc = cv.getUint32(p + 16, true);
      let compressedSize = cv.getUint32(p + 20, true);
      let size = cv.getUint32(p + 24, true);
      const nameLength = cv.getUint16(p + 28, true);
      const extraLength = cv.getUint16(p + 30, true);
      const commentLength = cv.getUint16(p + 32, true);
      let offset = cv.getUint32(p + 42, true);
      const end = p + 46 + nameLength + extraLength + commentLength;
      if (end > cd.length)
        throw new ZipError('', 'the central directory is corrupt (entry overruns it)');
      const nameBytes = cd.subarray(p + 46, p + 46 + nameLength);
      let name: string;
      try {
        name = utf8.decode(nameBytes);
      } catch {
        name = [...nameBytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : '?')).join('');
        problems.push({ entry: name, reason: 'entry name is not valid UTF-8' });
      }
      // Zip64 extra: only the fields whose 32-bit slot is saturated, in this order.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = cv.getUint16(e, true);
        const length = cv.getUint16(e + 2, true);
        if (id === 0x0001) {
          let q = e + 4;
          const take = () => {
            if (q + 8 > e + 4 + length)
              throw new ZipError(name, 'its Zip64 extra field is too short');
            const v = Number(cv.getBigUint64(q, true));
            q += 8;
            return v;
          };
          if (size === MAX32) size = take();
          if (compressedSize === MAX32) compressedSize = take();
          if (offset === MAX32) offset = take();
        }
        e += 4 + length;
      }
      p = end;
      const unsafe = unsafeNameReason(name);
      if (unsafe) problems.push({ entry: name, reason: unsafe });
      if (seen.has(name)) problems.push({ entry: name, reason: 'duplicate entry name' });
      seen.add(name);
      if (flags & 0x0001) problems.push({ entry: name, reason: 'entry is encrypted' });
      if (method !== 0 && method !== 8)
        problems.push({ entry: name, reason: `unsupported compression method ${method}` });
      if (offset + 30 + compressedSize > cdOffset)
        throw new ZipError(name, 'the entry lies outside the archive (truncated or corrupt)');
      entries.push({ name, method, flags, crc, size, compressedSize, offset });
    }
    // Entries whose bytes overlap another's are a known way to build zip bombs or to show
    // different content to different readers.
    const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
    for (let i = 1; i < byOffset.length; i++) {
      const before = byOffset[i - 1]!;
      const end =
        before.offset + 30 + new TextEncoder().encode(before.name).length + before.compressedSize;
      if (end > byOffset[i]!.offset)
        problems.push({ entry: byOffset[i]!.name, reason: `overlaps the entry ${before.name}` });
    }
    return new ZipArchive(source, entries, problems);
  }

  /** The first entry with this name. */
  get(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /**
   * The entry's uncompressed bytes in chunks. Throws ZipError when its local header disagrees
   * with the central directory, when the data is cut short, or when size or CRC do not match.
   */
  async *stream(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    const header = view(
      await readExactly(this.source, entry.offset, 30, `the header of ${entry.name}`),
    );
    if (header.getUint32(0, true) !== 0x04034b50)
      throw new ZipError(entry.name, 'its local header is missing or corrupt');
    const nameLength = header.getUint16(26, true);
    const extraLength = header.getUint16(28, true);
    const localName = await readExactly(this.source, entry.offset + 30, nameLength, entry.name);
    if (new TextDecoder().decode(localName) !== entry.name)
      throw new ZipError(entry.name, 'its local header names another entry');
    const start = entry.offset + 30 + nameLength + extraLength;
    if (start + entry.compressedSize > this.source.size)
      throw new ZipError(entry.name, 'its data is cut short (truncated archive)');
    const source = this.source;
    async function* raw(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < entry.compressedSize; at += CHUNK) {
        const length = Math.min(CHUNK, entry.compressedSize - at);
        yield await readExactly(source, start + at, length, entry.name);
      }
    }
    const chunks = entry.method === 8 ? inflate(raw(), entry.name) : raw();
    let crc = 0;
    let size = 0;
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > entry.size)
        throw new ZipError(entry.name, 'it holds more bytes than its stated size');
      crc = crc32(chunk, crc);
      yield chunk;
    }
    if (size !== entry.size)
      throw new ZipError(entry.name, `it holds ${size} bytes, not ${entry.size}`);
    if (crc !== entry.crc) throw new ZipError(entry.name, 'CRC-32 mismatch (damaged data)');
  }

  /** The whole entry in memory: for small entries (manifests, signatures, keys). */
  async read(entry: ZipEntry): Promise<Uint8Array> {
    const out = new Uint8Array(entry.size);
    let at = 0;
    for await (const chunk of this.stream(entry)) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

async function* inflate(
  chunks: AsyncIterable<Uint8Array>,
  name: string,
): AsyncGenerator<Uint8Array> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const feeding = (async () => {
    for await (const chunk of chunks) await writer.write(chunk as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  feeding.catch(() => undefined);
  const reader = stream.readable.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
    await feeding;
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError(name, 'its compressed data is corrupt');
  } finally {
    reader.releaseLock();
  }
}
