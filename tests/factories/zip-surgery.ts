import { crc32 } from '../../src/bundle/crc32.ts';
import { ZipArchive, bytesAccess } from '../../src/bundle/zip-reader.ts';
import { ZipWriter } from '../../src/bundle/zip-writer.ts';
import { memorySink } from './zip.ts';

// Byte surgery on unsigned ZIP metadata, as a red team does it: no signing key needed. Parses
// an archive as the writer lays it out, then builds records by hand to reassemble it.

const MAX32 = 0xffffffff;
const encoder = new TextEncoder();

export interface Layout {
  bytes: Uint8Array;
  /** Central directory records, in order, each with the name it carries. */
  records: { name: string; bytes: Uint8Array }[];
  /** Where the entries end and the central directory begins. */
  cdOffset: number;
  zip64: boolean;
}

const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function parseLayout(bytes: Uint8Array): Layout {
  const end = dv(bytes.subarray(bytes.length - 22));
  const zip64 = end.getUint32(16, true) === MAX32;
  let cdOffset = end.getUint32(16, true);
  let cdSize = end.getUint32(12, true);
  if (zip64) {
    const record = dv(bytes.subarray(bytes.length - 22 - 20 - 56));
    cdSize = Number(record.getBigUint64(40, true));
    cdOffset = Number(record.getBigUint64(48, true));
  }
  const cd = bytes.subarray(cdOffset, cdOffset + cdSize);
  const v = dv(cd);
  const records: Layout['records'] = [];
  for (let p = 0; p < cd.length;) {
    const n = v.getUint16(p + 28, true);
    const length = 46 + n + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
    records.push({
      name: new TextDecoder().decode(cd.subarray(p + 46, p + 46 + n)),
      bytes: cd.slice(p, p + length),
    });
    p += length;
  }
  return { bytes, records, cdOffset, zip64 };
}

/** A copy of a central directory record pointing at another local header. */
export function withOffset(record: Uint8Array, offset: number): Uint8Array {
  const out = record.slice();
  const v = dv(out);
  if (v.getUint32(42, true) === MAX32) {
    // Zip64: the offset is the last value of the extra field, which ends the record here.
    const end = 46 + v.getUint16(28, true) + v.getUint16(30, true);
    v.setBigUint64(end - 8, BigInt(offset), true);
  } else v.setUint32(42, offset, true);
  return out;
}

/** A copy of a record with one field changed (little-endian, 2 or 4 bytes). */
export function patched(bytes: Uint8Array, at: number, value: number, size: 2 | 4): Uint8Array {
  const out = bytes.slice();
  if (size === 2) dv(out).setUint16(at, value, true);
  else dv(out).setUint32(at, value >>> 0, true);
  return out;
}

/** A copy of a central directory record with an extra field appended. */
export function withExtra(record: Uint8Array, id: number, data: Uint8Array): Uint8Array {
  const v = dv(record);
  const at = 46 + v.getUint16(28, true) + v.getUint16(30, true);
  const field = new Uint8Array(4 + data.length);
  dv(field).setUint16(0, id, true);
  dv(field).setUint16(2, data.length, true);
  field.set(data, 4);
  const out = concat(record.subarray(0, at), field, record.subarray(at));
  dv(out).setUint16(30, v.getUint16(30, true) + field.length, true);
  return out;
}

/** A stored entry as another tool would write it: local header + data, and its record. */
export function storedEntry(
  name: string,
  data: Uint8Array,
  offset: number,
  mode = 0o100644,
): { local: Uint8Array; record: Uint8Array } {
  const n = encoder.encode(name);
  const crc = crc32(data);
  const local = new Uint8Array(30 + n.length + data.length);
  const l = dv(local);
  l.setUint32(0, 0x04034b50, true);
  l.setUint16(4, 20, true);
  l.setUint16(6, 0x0800, true);
  l.setUint32(14, crc, true);
  l.setUint32(18, data.length, true);
  l.setUint32(22, data.length, true);
  l.setUint16(26, n.length, true);
  local.set(n, 30);
  local.set(data, 30 + n.length);
  const record = new Uint8Array(46 + n.length);
  const r = dv(record);
  r.setUint32(0, 0x02014b50, true);
  r.setUint16(4, (3 << 8) | 20, true);
  r.setUint16(6, 20, true);
  r.setUint16(8, 0x0800, true);
  r.setUint32(16, crc, true);
  r.setUint32(20, data.length, true);
  r.setUint32(24, data.length, true);
  r.setUint16(28, n.length, true);
  r.setUint32(38, mode * 0x10000, true);
  r.setUint32(42, offset, true);
  record.set(n, 46);
  return { local, record };
}

/** End records for a central directory of `count` entries at `cdOffset`; Zip64 when asked. */
export function endRecords(
  count: number,
  cdSize: number,
  cdOffset: number,
  zip64: boolean,
  at: number,
  comment = new Uint8Array(0),
): Uint8Array {
  const end = new Uint8Array(22 + comment.length);
  const e = dv(end);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, zip64 ? 0xffff : count, true);
  e.setUint16(10, zip64 ? 0xffff : count, true);
  e.setUint32(12, zip64 ? MAX32 : cdSize, true);
  e.setUint32(16, zip64 ? MAX32 : cdOffset, true);
  e.setUint16(20, comment.length, true);
  end.set(comment, 22);
  if (!zip64) return end;
  const record = new Uint8Array(56 + 20);
  const r = dv(record);
  r.setUint32(0, 0x06064b50, true);
  r.setBigUint64(4, 44n, true);
  r.setUint16(12, (3 << 8) | 45, true);
  r.setUint16(14, 45, true);
  r.setBigUint64(24, BigInt(count), true);
  r.setBigUint64(32, BigInt(count), true);
  r.setBigUint64(40, BigInt(cdSize), true);
  r.setBigUint64(48, BigInt(cdOffset), true);
  r.setUint32(56, 0x07064b50, true);
  r.setBigUint64(64, BigInt(at), true);
  r.setUint32(72, 1, true);
  return concat(record, end);
}

/** Entries + a central directory of `records` + end records, in the writer's order. */
export function assemble(entries: Uint8Array, records: Uint8Array[], zip64: boolean): Uint8Array {
  const cd = concat(...records);
  const at = entries.length + cd.length;
  return concat(entries, cd, endRecords(records.length, cd.length, entries.length, zip64, at));
}

/** The local header offset of each entry, by name. */
export async function offsets(bytes: Uint8Array): Promise<Map<string, number>> {
  const zip = await ZipArchive.open(bytesAccess(bytes));
  return new Map(zip.entries.map((e) => [e.name, e.offset]));
}

/** The same entries, rewritten by Airlock's own writer with Zip64 forced and some deflated. */
export async function rewritten(bytes: Uint8Array, deflate: (name: string) => boolean) {
  const zip = await ZipArchive.open(bytesAccess(bytes));
  const sink = memorySink();
  const writer = new ZipWriter(sink, { forceZip64: true });
  for (const e of zip.entries)
    await writer.add(e.name, await zip.read(e), { compress: deflate(e.name) });
  await writer.close();
  return sink.bytes();
}
