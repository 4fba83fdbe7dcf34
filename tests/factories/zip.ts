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

/** Fields of one entry, set alike wherever the archive states them. */
export interface EntryPatch {
  crc?: number;
  size?: number;
}

/**
 * A copy of a ZIP (without Zip64 fields) in which the entry `name` declares other values:
 * byte surgery as a hostile file would do it, in the central directory and in the local
 * header or, for a streamed entry, in its data descriptor, all kept in agreement.
 */
export function patchZipEntry(bytes: Uint8Array, name: string, patch: EntryPatch): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const wanted = new TextEncoder().encode(name);
  const named = (at: number) => wanted.every((b, i) => out[at + i] === b);
  const set = (at: number, crc: number, size: number) => {
    if (patch.crc !== undefined) view.setUint32(at + crc, patch.crc, true);
    if (patch.size !== undefined) view.setUint32(at + size, patch.size, true);
  };
  for (let p = 0; p + 46 <= out.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    if (view.getUint16(p + 28, true) !== wanted.length || !named(p + 46)) continue;
    const compressedSize = view.getUint32(p + 20, true);
    const local = view.getUint32(p + 42, true);
    set(p, 16, 24);
    if (view.getUint16(local + 6, true) & 0x0008) {
      const descriptor = entryDataOffset(out, local) + compressedSize;
      if (view.getUint32(descriptor, true) !== 0x08074b50)
        throw new Error(`patchZipEntry: ${name} has no data descriptor signature`);
      set(descriptor, 4, 12);
    } else {
      set(local, 14, 22);
    }
    return out;
  }
  throw new Error(`patchZipEntry: no ${name} in the central directory`);
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
