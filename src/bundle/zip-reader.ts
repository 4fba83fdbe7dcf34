import { crc32 } from './crc32.ts';
import { ZipError, readExactly, type RandomAccess } from './zip-access.ts';
import { readLayout, type ZipEntry, type ZipProblem } from './zip-layout.ts';

// Reads a ZIP archive over random access, so the same code reads a browser Blob or File and
// a Node file handle without loading the archive. It never trusts the archive: it accepts only
// the layout Airlock's writer produces (zip-layout.ts), and checks names, sizes and CRCs.

export { ZipError, blobAccess, bytesAccess, type RandomAccess } from './zip-access.ts';
export type { ZipEntry, ZipProblem } from './zip-layout.ts';

const CHUNK = 1 << 20;

export class ZipArchive {
  private constructor(
    private readonly source: RandomAccess,
    /** Entries in central-directory order. */
    readonly entries: readonly ZipEntry[],
    /** Unsafe and duplicate names: a caller refuses the archive when there is any. */
    readonly problems: readonly ZipProblem[],
  ) {}

  /** Opens the archive; throws ZipError when it is not in Airlock's layout. */
  static async open(source: RandomAccess): Promise<ZipArchive> {
    const { entries, problems } = await readLayout(source);
    return new ZipArchive(source, entries, problems);
  }

  /** The first entry with this name. */
  get(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /**
   * The entry's uncompressed bytes in chunks. Throws ZipError when the data is cut short or
   * corrupt, or when its size or CRC do not match.
   */
  async *stream(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    // The local header was checked against the directory when the archive was opened.
    const start = entry.dataOffset;
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
