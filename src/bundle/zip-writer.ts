import { crc32 } from './crc32.ts';
import { unsafeNameReason } from './zip-names.ts';

// A streaming ZIP writer (APPNOTE 6.3.x): entries go out one by one as their bytes arrive, so
// an archive of any size passes through a small buffer. Zip64 records appear only where a size,
// an offset or the entry count needs them (or everywhere with `forceZip64`, for tests).
// Uses web standards only (CompressionStream for deflate), so it runs in browsers, workers
// and Node 20 alike.

/** Where the archive goes: a file, an OPFS handle, a download buffer, a test array. */
export interface ZipSink {
  write(chunk: Uint8Array): Promise<void>;
}

export type ZipSource = Uint8Array | AsyncIterable<Uint8Array>;

export interface ZipEntryOptions {
  /** Deflate with CompressionStream('deflate-raw'); stored otherwise. */
  compress?: boolean;
  /** Modification time written in the entry; defaults to the writer's `modified`. */
  modified?: Date;
}

export interface ZipWriterOptions {
  /** Write Zip64 records for every entry and the end record, whatever the sizes. */
  forceZip64?: boolean;
  /** Modification time of entries that give none (default: now). */
  modified?: Date;
  /** Bytes gathered before one write to the sink; fewer, larger writes are much faster. */
  bufferSize?: number;
}

export interface ZipEntryInfo {
  name: string;
  offset: number;
  crc: number;
  size: number;
  compressedSize: number;
  method: 0 | 8;
}

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
// The layout's constants, shared with the reader, which accepts nothing else (zip-layout.ts).
export const FLAG_DESCRIPTOR = 0x0008;
export const FLAG_UTF8 = 0x0800;
export const VERSION_DEFAULT = 20;
export const VERSION_ZIP64 = 45;
/** "Made by" Unix (3), spec 4.5, so unzip applies the file mode below. */
export const MADE_BY_UNIX = 3 << 8;
/** A regular file, rw-r--r--. */
export const FILE_MODE = 0o100644;

const encoder = new TextEncoder();

class Bytes {
  private readonly view: DataView;
  readonly bytes: Uint8Array;
  private at = 0;
  constructor(length: number) {
    this.bytes = new Uint8Array(length);
    this.view = new DataView(this.bytes.buffer);
  }
  u16(v: number): this {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
    return this;
  }
  u32(v: number): this {
    this.view.setUint32(this.at, v >>> 0, true);
    this.at += 4;
    return this;
  }
  u64(v: number): this {
    this.view.setBigUint64(this.at, BigInt(v), true);
    this.at += 8;
    return this;
  }
  raw(b: Uint8Array): this {
    this.bytes.set(b, this.at);
    this.at += b.length;
    return this;
  }
}

function dosDateTime(date: Date): { time: number; date: number } {
  // ZIP stores local time without a zone; UTC keeps archives reproducible across machines.
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** The Zip64 extended-information extra field (0x0001) with the given 8-byte values. */
function zip64Extra(values: number[]): Uint8Array {
  const b = new Bytes(4 + 8 * values.length).u16(0x0001).u16(8 * values.length);
  for (const v of values) b.u64(v);
  return b.bytes;
}

interface Written extends ZipEntryInfo {
  nameBytes: Uint8Array;
  flags: number;
  dos: { time: number; date: number };
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];
  private readonly names = new Set<string>();
  private buffer: Uint8Array;
  private buffered = 0;
  private busy = false;
  private closed = false;

  constructor(
    private readonly sink: ZipSink,
    private readonly options: ZipWriterOptions = {},
  ) {
    this.buffer = new Uint8Array(options.bufferSize ?? 1 << 20);
  }

  /** Bytes of the archive so far (written or buffered). */
  get bytesWritten(): number {
    return this.offset;
  }

  /**
   * Adds one entry. A Uint8Array is written with its sizes up front; a stream (or a
   * compressed entry) with a data descriptor after its bytes. One entry at a time.
   */
  async add(name: string, source: ZipSource, options: ZipEntryOptions = {}): Promise<ZipEntryInfo> {
    if (this.closed) throw new Error('This ZIP archive is already closed.');
    if (this.busy) throw new Error('Add ZIP entries one at a time.');
    const unsafe = unsafeNameReason(name);
    if (unsafe) throw new Error(`Cannot write "${name}": ${unsafe}.`);
    if (this.names.has(name)) throw new Error(`Cannot write "${name}" twice.`);
    this.busy = true;
    try {
      this.names.add(name);
      const info =
        source instanceof Uint8Array && !options.compress
          ? await this.addKnown(name, source, options)
          : await this.addStreamed(
              name,
              source instanceof Uint8Array ? once(source) : source,
              options,
            );
      return info;
    } finally {
      this.busy = false;
    }
  }

  /** Writes the central directory and end records, then flushes. Returns the archive size. */
  async close(): Promise<number> {
    if (this.closed) throw new Error('This ZIP archive is already closed.');
    if (this.busy) throw new Error('An entry is still being written.');
    this.closed = true;
    const force = this.options.forceZip64 === true;
    const start = this.offset;
    for (const e of this.entries) await this.push(this.centralHeader(e, force));
    const size = this.offset - start;
    const count = this.entries.length;
    const zip64 = force || count >= MAX16 || start >= MAX32 || size >= MAX32;
    if (zip64) {
      const record = this.offset;
      await this.push(
        new Bytes(56)
          .u32(0x06064b50)
          .u64(44)
          .u16(MADE_BY_UNIX | VERSION_ZIP64)
          .u16(VERSION_ZIP64)
          .u32(0)
          .u32(0)
          .u64(count)
          .u64(count)
          .u64(size)
          .u64(start).bytes,
      );
      await this.push(new Bytes(20).u32(0x07064b50).u32(0).u64(record).u32(1).bytes);
    }
    await this.push(
      new Bytes(22)
        .u32(0x06054b50)
        .u16(0)
        .u16(0)
        .u16(zip64 ? MAX16 : count)
        .u16(zip64 ? MAX16 : count)
        .u32(zip64 ? MAX32 : size)
        .u32(zip64 ? MAX32 : start)
        .u16(0).bytes,
    );
    await this.flush();
    return this.offset;
  }

  private async addKnown(
    name: string,
    data: Uint8Array,
    options: ZipEntryOptions,
  ): Promise<ZipEntryInfo> {
    const nameBytes = encoder.encode(name);
    const offset = this.offset;
    const crc = crc32(data);
    const size = data.length;
    const zip64 = this.options.forceZip64 === true || size >= MAX32;
    const extra = zip64 ? zip64Extra([size, size]) : new Uint8Array(0);
    const dos = dosDateTime(options.modified ?? this.options.modified ?? new Date());
    await this.push(
      new Bytes(30 + nameBytes.length + extra.length)
        .u32(0x04034b50)
        .u16(zip64 ? VERSION_ZIP64 : VERSION_DEFAULT)
        .u16(FLAG_UTF8)
        .u16(0)
        .u16(dos.time)
        .u16(dos.date)
        .u32(crc)
        .u32(zip64 ? MAX32 : size)
        .u32(zip64 ? MAX32 : size)
        .u16(nameBytes.length)
        .u16(extra.length)
        .raw(nameBytes)
        .raw(extra).bytes,
    );
    await this.push(data);
    const entry: Written = {
      name,
      nameBytes,
      offset,
      crc,
      size,
      compressedSize: size,
      method: 0,
      flags: FLAG_UTF8,
      dos,
    };
    this.entries.push(entry);
    return entry;
  }

  private async addStreamed(
    name: string,
    source: AsyncIterable<Uint8Array>,
    options: ZipEntryOptions,
  ): Promise<ZipEntryInfo> {
    const nameBytes = encoder.encode(name);
    const offset = this.offset;
    const method = options.compress ? 8 : 0;
    const force = this.options.forceZip64 === true;
    // Sizes are unknown until the end: with forceZip64 the local header announces 8-byte sizes
    // in the descriptor; otherwise they are 4 bytes unless the entry outgrows them (as Go's
    // archive/zip does; readers take sizes from the central directory).
    const extra = force ? zip64Extra([0, 0]) : new Uint8Array(0);
    const dos = dosDateTime(options.modified ?? this.options.modified ?? new Date());
    const flags = FLAG_UTF8 | FLAG_DESCRIPTOR;
    await this.push(
      new Bytes(30 + nameBytes.length + extra.length)
        .u32(0x04034b50)
        .u16(force ? VERSION_ZIP64 : VERSION_DEFAULT)
        .u16(flags)
        .u16(method)
        .u16(dos.time)
        .u16(dos.date)
        .u32(0)
        .u32(force ? MAX32 : 0)
        .u32(force ? MAX32 : 0)
        .u16(nameBytes.length)
        .u16(extra.length)
        .raw(nameBytes)
        .raw(extra).bytes,
    );
    let crc = 0;
    let size = 0;
    const dataStart = this.offset;
    const counted = async function* (chunks: AsyncIterable<Uint8Array>) {
      for await (const chunk of chunks) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        yield chunk;
      }
    };
    const out = method === 8 ? deflate(counted(source)) : counted(source);
    for await (const chunk of out) await this.push(chunk);
    const compressedSize = this.offset - dataStart;
    const big = force || size >= MAX32 || compressedSize >= MAX32;
    await this.push(
      big
        ? new Bytes(24).u32(0x08074b50).u32(crc).u64(compressedSize).u64(size).bytes
        : new Bytes(16).u32(0x08074b50).u32(crc).u32(compressedSize).u32(size).bytes,
    );
    const entry: Written = {
      name,
      nameBytes,
      offset,
      crc,
      size,
      compressedSize,
      method,
      flags,
      dos,
    };
    this.entries.push(entry);
    return entry;
  }

  private centralHeader(e: Written, force: boolean): Uint8Array {
    const bigSize = force || e.size >= MAX32 || e.compressedSize >= MAX32;
    const bigOffset = force || e.offset >= MAX32;
    const values = [
      ...(bigSize ? [e.size, e.compressedSize] : []),
      ...(bigOffset ? [e.offset] : []),
    ];
    const extra = values.length > 0 ? zip64Extra(values) : new Uint8Array(0);
    const version = values.length > 0 ? VERSION_ZIP64 : VERSION_DEFAULT;
    return new Bytes(46 + e.nameBytes.length + extra.length)
      .u32(0x02014b50)
      .u16(MADE_BY_UNIX | version)
      .u16(version)
      .u16(e.flags)
      .u16(e.method)
      .u16(e.dos.time)
      .u16(e.dos.date)
      .u32(e.crc)
      .u32(bigSize ? MAX32 : e.compressedSize)
      .u32(bigSize ? MAX32 : e.size)
      .u16(e.nameBytes.length)
      .u16(extra.length)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(FILE_MODE << 16)
      .u32(bigOffset ? MAX32 : e.offset)
      .raw(e.nameBytes)
      .raw(extra).bytes;
  }

  /** Buffers small pieces; big chunks go straight to the sink after what is buffered. */
  private async push(chunk: Uint8Array): Promise<void> {
    this.offset += chunk.length;
    if (chunk.length >= this.buffer.length) {
      await this.flush();
      await this.sink.write(chunk);
      return;
    }
    if (this.buffered + chunk.length > this.buffer.length) await this.flush();
    this.buffer.set(chunk, this.buffered);
    this.buffered += chunk.length;
  }

  private async flush(): Promise<void> {
    if (this.buffered === 0) return;
    const out = this.buffer.slice(0, this.buffered);
    this.buffered = 0;
    await this.sink.write(out);
  }
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  await Promise.resolve();
  yield bytes;
}

/** Raw deflate through the platform's CompressionStream, fed and drained concurrently. */
async function* deflate(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) await writer.write(chunk as Uint8Array<ArrayBuffer>);
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
      throw error;
    }
  })();
  // A failure while feeding surfaces through the reader (aborted stream) or here.
  feeding.catch(() => undefined);
  const reader = stream.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    yield value;
  }
  await feeding;
}
