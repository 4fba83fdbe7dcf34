import type { ZipSink } from '../../src/bundle/zip-writer.ts';

/** A sink that keeps the archive in memory, for tests. */
export function memorySink(): ZipSink & { bytes(): Uint8Array; writes: number } {
  const chunks: Uint8Array[] = [];
  const sink = {
    writes: 0,
    write(chunk: Uint8Array) {
      chunks.push(chunk.slice());
      sink.writes++;
      return Promise.resolve();
    },
    bytes() {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },
  };
  return sink;
}

/** Replaces every occurrence of the ASCII string `from` with `to` (same length) in a copy. */
export function patchAscii(bytes: Uint8Array, from: string, to: string): Uint8Array {
  if (from.length !== to.length) throw new Error('patchAscii keeps lengths');
  const out = bytes.slice();
  const f = new TextEncoder().encode(from);
  const t = new TextEncoder().encode(to);
  let hits = 0;
  outer: for (let i = 0; i + f.length <= out.length; i++) {
    for (let j = 0; j < f.length; j++) if (out[i + j] !== f[j]) continue outer;
    out.set(t, i);
    hits++;
  }
  if (hits === 0) throw new Error(`"${from}" not found`);
  return out;
}

export async function* chunksOf(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

/** Fields of one entry, set alike in its local header and its central-directory record. */
export interface EntryPatch {
  crc?: number;
  size?: number;
  compressedSize?: number;
}

/**
 * A copy of a ZIP (without Zip64 fields) in which the entry `name` declares other values:
 * byte surgery as a hostile file would do it, local header and directory kept in agreement.
 */
export function patchZipEntry(bytes: Uint8Array, name: string, patch: EntryPatch): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const wanted = new TextEncoder().encode(name);
  const named = (at: number) => wanted.every((b, i) => out[at + i] === b);
  let found = 0;
  for (let p = 0; p + 46 <= out.length; p++) {
    const signature = view.getUint32(p, true);
    if (
      signature === 0x04034b50 &&
      view.getUint16(p + 26, true) === wanted.length &&
      named(p + 30)
    ) {
      if (patch.crc !== undefined) view.setUint32(p + 14, patch.crc, true);
      if (patch.compressedSize !== undefined) view.setUint32(p + 18, patch.compressedSize, true);
      if (patch.size !== undefined) view.setUint32(p + 22, patch.size, true);
      found++;
    } else if (
      signature === 0x02014b50 &&
      view.getUint16(p + 28, true) === wanted.length &&
      named(p + 46)
    ) {
      if (patch.crc !== undefined) view.setUint32(p + 16, patch.crc, true);
      if (patch.compressedSize !== undefined) view.setUint32(p + 20, patch.compressedSize, true);
      if (patch.size !== undefined) view.setUint32(p + 24, patch.size, true);
      found++;
    }
  }
  if (found !== 2) throw new Error(`patchZipEntry: ${name} found ${found} times, not twice`);
  return out;
}

/** Offset of the first byte of an entry's (compressed) data, from its local header. */
export function entryDataOffset(bytes: Uint8Array, localHeaderOffset: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (
    localHeaderOffset +
    30 +
    view.getUint16(localHeaderOffset + 26, true) +
    view.getUint16(localHeaderOffset + 28, true)
  );
}
