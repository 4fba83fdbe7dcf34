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
