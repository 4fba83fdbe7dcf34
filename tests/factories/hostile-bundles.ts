import { blake2b } from '@noble/hashes/blake2.js';
import { crc32 } from '../../src/bundle/crc32.ts';
import { globalSignedBytes, parseSignature, toBase64 } from '../../src/bundle/minisign.ts';
import { sign, type KeyPair } from '../../src/bundle/signing.ts';
import { ZipArchive, bytesAccess } from '../../src/bundle/zip-reader.ts';
import { rebuild } from './bundle.ts';
import {
  assemble,
  concat,
  endRecords,
  offsets,
  parseLayout,
  patched,
  storedEntry,
  withExtra,
  withOffset,
} from './zip-surgery.ts';

// The red team's families of hostile bundles, made from a good signed bundle by editing only
// unsigned ZIP metadata (and one re-signed in the prehashed form). `divergent` marks those
// that Python's zipfile or Info-ZIP unzip extract to something the manifest never vouched
// for: the oracle test shows it, so refusing them matters.

export interface Hostile {
  name: string;
  bytes: Uint8Array;
  /** What the refusal must say. */
  reason: RegExp;
  divergent: boolean;
}

const encoder = new TextEncoder();
export const ROGUE = encoder.encode('{"item":{"id":"i-text","rogue":"never signed"}}\n');
const ANNOTATIONS = 'annotations.jsonl';

/** Two central directories: the end record's offset names one, the bytes before it another. */
function twoDirectories(good: Uint8Array): Uint8Array {
  const { bytes, records, cdOffset, zip64 } = parseLayout(good);
  const rogue = storedEntry(ANNOTATIONS, ROGUE, cdOffset);
  const fake = concat(...records.map((r) => (r.name === ANNOTATIONS ? rogue.record : r.bytes)));
  // Readers that find the directory right before the end record take the real one for
  // prepended bytes (Python's "concat"): pad by its size so the fake offsets come out right.
  const pad = records.reduce((n, r) => n + r.bytes.length, 0);
  const real = concat(...records.map((r) => withOffset(r.bytes, dv(r.bytes, pad))));
  const realAt = pad + cdOffset + rogue.local.length;
  const entries = concat(new Uint8Array(pad), bytes.subarray(0, cdOffset), rogue.local);
  const recordAt = realAt + real.length + fake.length;
  return concat(
    entries,
    real,
    fake,
    endRecords(records.length, fake.length, realAt, zip64, recordAt),
  );
}

/** The record's offset moved by `by` (reads the current offset, Zip64 or not). */
function dv(record: Uint8Array, by: number): number {
  const v = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const offset = v.getUint32(42, true);
  if (offset !== 0xffffffff) return offset + by;
  const end = 46 + v.getUint16(28, true) + v.getUint16(30, true);
  return Number(v.getBigUint64(end - 8, true)) + by;
}

/** The same bundle with manifest.json signed in minisign's prehashed ED form. */
async function prehashed(good: Uint8Array, key: KeyPair): Promise<Uint8Array> {
  const zip = await ZipArchive.open(bytesAccess(good));
  const read = async (name: string) => zip.read(zip.get(name)!);
  const manifest = await read('manifest.json');
  const old = parseSignature(new TextDecoder().decode(await read('manifest.json.minisig')));
  const signature = await sign(key.privateKey, blake2b(manifest));
  const global = await sign(key.privateKey, globalSignedBytes(signature, old.trustedComment));
  const line = toBase64(concat(encoder.encode('ED'), key.keyId, signature));
  const text = `untrusted comment: prehashed\n${line}\ntrusted comment: ${old.trustedComment}\n${toBase64(global)}\n`;
  return rebuild(good, (files) => void files.set('manifest.json.minisig', encoder.encode(text)));
}

export async function hostileBundles(
  good: Uint8Array,
  good64: Uint8Array,
  key: KeyPair,
): Promise<Hostile[]> {
  const { bytes, records, cdOffset } = parseLayout(good);
  const at = await offsets(good);
  const cd = (edit: (name: string, record: Uint8Array) => Uint8Array) =>
    assemble(
      bytes.subarray(0, cdOffset),
      records.map((r) => edit(r.name, r.bytes)),
      false,
    );
  const local = (name: string, field: number, value: number, size: 2 | 4) =>
    concat(
      patched(bytes.subarray(0, cdOffset), at.get(name)! + field, value, size),
      bytes.subarray(cdOffset),
    );
  const out: Hostile[] = [];
  const add = (name: string, b: Uint8Array, reason: RegExp, divergent = false) =>
    out.push({ name, bytes: b, reason, divergent });

  // A fake end record inside the comment, pointing at a fake directory and a rogue entry.
  {
    const rogueAt = bytes.length;
    const rogue = storedEntry(ANNOTATIONS, ROGUE, rogueAt);
    const fakeCd = concat(...records.map((r) => (r.name === ANNOTATIONS ? rogue.record : r.bytes)));
    const fakeEnd = endRecords(
      records.length,
      fakeCd.length,
      rogueAt + rogue.local.length,
      false,
      0,
    );
    const comment = concat(rogue.local, fakeCd, fakeEnd, encoder.encode('.'));
    const real = endRecords(
      records.length,
      records.reduce((n, r) => n + r.bytes.length, 0),
      cdOffset,
      false,
      0,
      comment,
    );
    add(
      'a fake end record in the comment',
      concat(bytes.subarray(0, bytes.length - 22), real),
      /follow the end record/,
      true,
    );
  }
  add(
    'an archive comment',
    concat(patched(bytes, bytes.length - 2, 5, 2), encoder.encode('hello')),
    /comment/,
  );
  {
    const rogue = storedEntry(ANNOTATIONS, ROGUE, cdOffset);
    const directory = concat(...records.map((r) => r.bytes), rogue.record);
    add(
      'an entry count one short, a second annotations.jsonl after it',
      concat(
        bytes.subarray(0, cdOffset),
        rogue.local,
        directory,
        endRecords(records.length, directory.length, cdOffset + rogue.local.length, false, 0),
      ),
      /more than the \d+ entries its end record counts/,
      true,
    );
  }
  add(
    'two central directories',
    twoDirectories(good),
    /does not end where the end record begins/,
    true,
  );
  add(
    'two central directories (Zip64)',
    twoDirectories(good64),
    /does not end where the Zip64 end record begins/,
    true,
  );
  {
    const name = encoder.encode(ANNOTATIONS);
    const field = concat(new Uint8Array([1]), new Uint8Array(4), name);
    new DataView(field.buffer).setUint32(1, crc32(encoder.encode('exports/spans.jsonl')), true);
    add(
      'a Unicode Path extra field (0x7075)',
      cd((n, r) => (n === 'exports/spans.jsonl' ? withExtra(r, 0x7075, field) : r)),
      /extra field 0x7075 \(Unicode Path\)/,
      // Debian's unzip 6.0 ignores the field while the UTF-8 flag is set; refused all the same.
      false,
    );
  }
  const mode = (m: number) => (n: string, r: Uint8Array) =>
    n === 'exports/spans.jsonl' ? patched(r, 38, m * 0x10000, 4) : r;
  add('a symlink mode (0120000)', cd(mode(0o120777)), /symbolic link/, true);
  add('a device mode (character device)', cd(mode(0o020644)), /device or special file/);
  {
    const dir = storedEntry('exports/', new Uint8Array(0), cdOffset, 0o040755);
    add(
      'a directory entry',
      assemble(
        concat(bytes.subarray(0, cdOffset), dir.local),
        [...records.map((r) => r.bytes), dir.record],
        false,
      ),
      /directory/,
    );
  }
  const pub = 'signer.pub';
  add('a local header with other sizes', local(pub, 18, 3, 4), /disagrees .*sizes/);
  add('a local header with another method', local(pub, 8, 8, 2), /disagrees .*compression method/);
  add('a local header with another CRC-32', local(pub, 14, 0x12345678, 4), /disagrees .*CRC-32/);
  add('a local header with other flags', local(pub, 6, 0, 2), /disagrees .*flags/);
  add('a local header that says encrypted', local(pub, 6, 0x0801, 2), /says encrypted/);
  add(
    'an encrypted entry',
    concat(
      patched(bytes.subarray(0, cdOffset), at.get(pub)! + 6, 0x0801, 2),
      ...records.map((r) => (r.name === pub ? patched(r.bytes, 8, 0x0801, 2) : r.bytes)),
      bytes.subarray(bytes.length - 22),
    ),
    /encrypted/,
  );
  {
    const second = records[1]!.name;
    const gap = 7;
    const split = at.get(second)!;
    add(
      'a gap between entries',
      assemble(
        concat(bytes.subarray(0, split), new Uint8Array(gap), bytes.subarray(split, cdOffset)),
        records.map((r) =>
          at.get(r.name)! >= split ? withOffset(r.bytes, at.get(r.name)! + gap) : r.bytes,
        ),
        false,
      ),
      /7 bytes between it and the entry .* belong to no entry/,
    );
  }
  add('trailing bytes', concat(bytes, encoder.encode('trailing')), /follow the end record/);
  add(
    'prepended bytes',
    concat(encoder.encode('#!/bin/sh\n'), bytes),
    /central directory does not end|before the first entry/,
  );
  add(
    'overlapping entries',
    cd((n, r) => (n === pub ? withOffset(r, at.get(ANNOTATIONS)!) : r)),
    /overlap/,
  );
  add('a prehashed ED signature', await prehashed(good, key), /prehashed/);
  return out;
}
