import { ZipError, readExactly, view, type RandomAccess } from './zip-access.ts';
import { unsafeNameReason } from './zip-names.ts';
import {
  FILE_MODE,
  FLAG_DESCRIPTOR,
  FLAG_UTF8,
  MADE_BY_UNIX,
  VERSION_DEFAULT,
  VERSION_ZIP64,
} from './zip-writer.ts';

// The one layout Airlock reads: the layout its own writer produces (zip-writer.ts), byte for
// byte where it matters, and nothing else. Extractors disagree on everything outside it (end
// records in comments, short entry counts, two central directories, Unicode Path fields,
// symlink modes, local headers that differ from the directory), so an archive that could read
// differently in Python's zipfile, Info-ZIP unzip, bsdtar or 7-Zip is refused here, with a
// reason, before any of its bytes are trusted. The rules are listed in the README.

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  size: number;
  compressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
  /** Offset of the entry's (compressed) data, right after its local header. */
  dataOffset: number;
}

/** Something wrong with one entry's name; the archive could still be listed. */
export interface ZipProblem {
  entry: string;
  reason: string;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_DESCRIPTOR = 0x08074b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_LOCATOR = 0x07064b50;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const END = 22;
const LOCATOR = 20;
const END64 = 56;
/** Deflate cannot expand data more than about 1032 : 1. */
const MAX_DEFLATE_RATIO = 1032;
const ZIP64_EXTRA = 0x0001;
const KNOWN_EXTRAS: Record<number, string> = {
  0x000a: 'NTFS times',
  0x5455: 'extended timestamp',
  0x6375: 'Unicode Comment',
  0x7075: 'Unicode Path',
  0x7855: 'Info-ZIP Unix',
  0x7875: 'Unix UID/GID',
};
const utf8 = new TextDecoder('utf-8', { fatal: true });
const hex = (n: number, digits = 4) => `0x${n.toString(16).padStart(digits, '0')}`;

/** Reads and checks the whole container; throws ZipError naming the first departure. */
export async function readLayout(
  source: RandomAccess,
): Promise<{ entries: ZipEntry[]; problems: ZipProblem[] }> {
  const { count, cdOffset, cdSize } = await endRecords(source);
  const cd = await readExactly(source, cdOffset, cdSize, 'the central directory');
  const entries: ZipEntry[] = [];
  const nameBytes: Uint8Array[] = [];
  const problems: ZipProblem[] = [];
  const seen = new Set<string>();
  let p = 0;
  while (p < cd.length) {
    if (entries.length === count)
      throw new ZipError(
        '',
        `the central directory holds more than the ${count} entries its end record counts`,
      );
    const { entry, name, next } = centralEntry(cd, p, entries.length + 1);
    const unsafe = unsafeNameReason(entry.name);
    if (unsafe) problems.push({ entry: entry.name, reason: unsafe });
    if (seen.has(entry.name)) problems.push({ entry: entry.name, reason: 'duplicate entry name' });
    seen.add(entry.name);
    entries.push(entry);
    nameBytes.push(name);
    p = next;
  }
  if (entries.length !== count)
    throw new ZipError(
      '',
      `the central directory holds ${entries.length} entries, its end record counts ${count}`,
    );

  // Entries follow each other from offset 0, in directory order, up to the directory.
  let at = 0;
  for (const [i, entry] of entries.entries()) {
    if (entry.offset !== at) {
      const before = entries[i - 1];
      throw new ZipError(
        entry.name,
        entry.offset < at
          ? `its bytes overlap ${before ? `the entry ${before.name}` : 'the start of the archive'}`
          : i === 0
            ? `${entry.offset} bytes come before the first entry (prepended data)`
            : `${entry.offset - at} bytes between it and the entry ${before!.name} belong to no entry`,
      );
    }
    at = await localEntry(source, entry, nameBytes[i]!, cdOffset);
  }
  if (at !== cdOffset)
    throw new ZipError(
      '',
      `${cdOffset - at} bytes between the last entry and the central directory belong to no entry`,
    );
  return { entries, problems };
}

async function endRecords(
  source: RandomAccess,
): Promise<{ count: number; cdOffset: number; cdSize: number }> {
  const size = source.size;
  if (size < END)
    throw new ZipError('', 'not a ZIP archive, or truncated (too short for an end record)');
  const end = view(await readExactly(source, size - END, END, 'the end record'));
  if (end.getUint32(0, true) !== SIG_END) throw new ZipError('', await whyNoEndAtEnd(source));
  if (end.getUint16(20, true) !== 0)
    throw new ZipError(
      '',
      'the end record announces an archive comment, which Airlock never writes',
    );
  if (end.getUint16(4, true) !== 0 || end.getUint16(6, true) !== 0)
    throw new ZipError('', 'multi-disk archives are not supported');
  const count16 = end.getUint16(10, true);
  const cdSize32 = end.getUint32(12, true);
  const cdOffset32 = end.getUint32(16, true);
  if (end.getUint16(8, true) !== count16)
    throw new ZipError('', 'the end record counts entries on this disk and in all differently');
  const saturated = [count16 === MAX16, cdSize32 === MAX32, cdOffset32 === MAX32];
  if (saturated.some(Boolean) && !saturated.every(Boolean))
    throw new ZipError(
      '',
      'the end record is partly Zip64 (Airlock saturates all its fields or none)',
    );

  const endAt = size - END;
  if (!saturated[0]) {
    if (cdOffset32 + cdSize32 !== endAt)
      throw new ZipError(
        '',
        'the central directory does not end where the end record begins (a second directory, or bytes between them)',
      );
    return { count: count16, cdOffset: cdOffset32, cdSize: cdSize32 };
  }
  const locatorAt = endAt - LOCATOR;
  const recordAt = locatorAt - END64;
  if (recordAt < 0)
    throw new ZipError('', 'the archive is truncated (the Zip64 end records are missing)');
  const locator = view(await readExactly(source, locatorAt, LOCATOR, 'the Zip64 locator'));
  if (
    locator.getUint32(0, true) !== SIG_LOCATOR ||
    locator.getUint32(4, true) !== 0 ||
    Number(locator.getBigUint64(8, true)) !== recordAt ||
    locator.getUint32(16, true) !== 1
  )
    throw new ZipError(
      '',
      'the Zip64 locator is missing, or does not point at the Zip64 end record right before it',
    );
  const record = view(await readExactly(source, recordAt, END64, 'the Zip64 end record'));
  const count = Number(record.getBigUint64(32, true));
  const cdSize = Number(record.getBigUint64(40, true));
  const cdOffset = Number(record.getBigUint64(48, true));
  if (
    record.getUint32(0, true) !== SIG_END64 ||
    Number(record.getBigUint64(4, true)) !== END64 - 12 ||
    record.getUint16(12, true) !== (MADE_BY_UNIX | VERSION_ZIP64) ||
    record.getUint16(14, true) !== VERSION_ZIP64 ||
    record.getUint32(16, true) !== 0 ||
    record.getUint32(20, true) !== 0 ||
    Number(record.getBigUint64(24, true)) !== count
  )
    throw new ZipError('', 'the Zip64 end record is corrupt or not as Airlock writes it');
  if (cdOffset + cdSize !== recordAt)
    throw new ZipError(
      '',
      'the central directory does not end where the Zip64 end record begins (a second directory, or bytes between them)',
    );
  return { count, cdOffset, cdSize };
}

/** The reason the archive does not end with an end record: say what lies there instead. */
async function whyNoEndAtEnd(source: RandomAccess): Promise<string> {
  const length = Math.min(source.size, END + MAX16 + 1024);
  const tail = await readExactly(source, source.size - length, length, 'the end of the archive');
  const tv = view(tail);
  for (let i = tail.length - 4; i >= 0; i--) {
    if (tv.getUint32(i, true) !== SIG_END) continue;
    if (i + END > tail.length) return 'the archive is truncated (its end record is cut short)';
    const comment = tv.getUint16(i + 20, true);
    return i + END + comment === tail.length
      ? 'the archive has a comment after its end record, which Airlock never writes'
      : `${tail.length - i - END} bytes follow the end record (a comment or appended data)`;
  }
  return 'not a ZIP archive, or truncated (no end of central directory record)';
}

function centralEntry(
  cd: Uint8Array,
  p: number,
  index: number,
): { entry: ZipEntry; name: Uint8Array; next: number } {
  const cv = view(cd);
  if (p + 46 > cd.length || cv.getUint32(p, true) !== SIG_CENTRAL)
    throw new ZipError(
      '',
      `the central directory is corrupt (entry ${index} is not a directory record)`,
    );
  const madeBy = cv.getUint16(p + 4, true);
  const needed = cv.getUint16(p + 6, true);
  const flags = cv.getUint16(p + 8, true);
  const method = cv.getUint16(p + 10, true);
  const crc = cv.getUint32(p + 16, true);
  let compressedSize = cv.getUint32(p + 20, true);
  let size = cv.getUint32(p + 24, true);
  const nameLength = cv.getUint16(p + 28, true);
  const extraLength = cv.getUint16(p + 30, true);
  const commentLength = cv.getUint16(p + 32, true);
  const disk = cv.getUint16(p + 34, true);
  const internal = cv.getUint16(p + 36, true);
  const external = cv.getUint32(p + 38, true);
  let offset = cv.getUint32(p + 42, true);
  const next = p + 46 + nameLength + extraLength + commentLength;
  if (next > cd.length)
    throw new ZipError('', `the central directory is corrupt (entry ${index} overruns it)`);
  const nameBytes = cd.subarray(p + 46, p + 46 + nameLength);
  let name: string;
  try {
    name = utf8.decode(nameBytes);
  } catch {
    name = [...nameBytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : '?')).join('');
    throw new ZipError(name, 'its name is not valid UTF-8');
  }
  const refuse = (reason: string): never => {
    throw new ZipError(name, reason);
  };

  if (flags & 0x0001 || flags & 0x0040 || flags & 0x2000) refuse('it is encrypted');
  if (flags !== FLAG_UTF8 && flags !== (FLAG_UTF8 | FLAG_DESCRIPTOR))
    refuse(`its flags ${hex(flags)} are not as Airlock writes them`);
  if (method !== 0 && method !== 8) refuse(`unsupported compression method ${method}`);
  if (method === 8 && !(flags & FLAG_DESCRIPTOR))
    refuse('a deflated entry without a data descriptor');
  const type = (external >>> 16) & 0o170000;
  if (name.endsWith('/') || type === 0o040000 || external & 0x10)
    refuse('it is a directory, not a file');
  if (type === 0o120000) refuse('it is a symbolic link, not a regular file');
  if (madeBy >> 8 !== MADE_BY_UNIX >> 8)
    refuse(`made by host system ${madeBy >> 8}, not Unix: its file mode cannot be checked`);
  if (type !== 0o100000)
    refuse(`its mode ${(external >>> 16).toString(8)} is a device or special file`);
  if (external !== FILE_MODE * 0x10000)
    refuse(`its file attributes ${hex(external, 8)} are not as Airlock writes them`);
  if (commentLength !== 0) refuse('it has an entry comment, which Airlock never writes');
  if (disk !== 0 || internal !== 0)
    refuse('its disk number or internal attributes are not as Airlock writes them');

  // The only extra field: Zip64's, with exactly the saturated fields, in the order the spec says.
  const bigSize = size === MAX32 || compressedSize === MAX32;
  if (bigSize && (size !== MAX32 || compressedSize !== MAX32))
    refuse('only one of its sizes is Zip64 (Airlock saturates both)');
  const wanted = (bigSize ? 2 : 0) + (offset === MAX32 ? 1 : 0);
  const e = p + 46 + nameLength;
  if (extraLength > 0) {
    const id = extraLength >= 4 ? cv.getUint16(e, true) : -1;
    if (id !== ZIP64_EXTRA)
      refuse(
        `it has an extra field ${id < 0 ? '(cut short)' : `${hex(id)}${KNOWN_EXTRAS[id] ? ` (${KNOWN_EXTRAS[id]})` : ''}`}, which Airlock never writes`,
      );
    if (wanted === 0 || cv.getUint16(e + 2, true) !== 8 * wanted || extraLength !== 4 + 8 * wanted)
      refuse('its Zip64 extra field does not match its saturated sizes and offset');
    let q = e + 4;
    const take = () => {
      const v = Number(cv.getBigUint64(q, true));
      q += 8;
      return v;
    };
    if (bigSize) {
      size = take();
      compressedSize = take();
    }
    if (offset === MAX32) offset = take();
  } else if (wanted > 0) refuse('its sizes or offset say Zip64, but it has no Zip64 extra field');
  const version = extraLength > 0 ? VERSION_ZIP64 : VERSION_DEFAULT;
  if (madeBy !== (MADE_BY_UNIX | version) || needed !== version)
    refuse('its version fields are not as Airlock writes them');
  if (method === 0 && size !== compressedSize) refuse('a stored entry whose two sizes differ');
  if (method === 8 && size > Math.max(compressedSize, 1) * MAX_DEFLATE_RATIO)
    refuse(`its stated size (${size} bytes) is impossible for ${compressedSize} compressed bytes`);
  const dataOffset = 0; // set once the local header is read
  return {
    entry: { name, method, flags, crc, size, compressedSize, offset, dataOffset },
    name: nameBytes,
    next,
  };
}

/**
 * Checks an entry's local header (and data descriptor) against its directory record, exactly
 * as the writer writes them; sets its data offset; returns where the next entry must begin.
 */
async function localEntry(
  source: RandomAccess,
  entry: ZipEntry,
  name: Uint8Array,
  cdOffset: number,
): Promise<number> {
  const refuse = (reason: string): never => {
    throw new ZipError(entry.name, reason);
  };
  const headerLength = 30 + name.length;
  if (entry.offset + headerLength > cdOffset)
    refuse('its local header runs into the central directory');
  const length = Math.min(headerLength + 20, cdOffset - entry.offset);
  const bytes = await readExactly(source, entry.offset, length, `the header of ${entry.name}`);
  const lv = view(bytes);
  if (lv.getUint32(0, true) !== SIG_LOCAL) refuse('its local header is missing or corrupt');
  const differs = (what: string) =>
    refuse(`its local header disagrees with the central directory (${what})`);
  if (lv.getUint16(6, true) !== entry.flags) {
    if (lv.getUint16(6, true) & 0x41) differs('the local header says encrypted');
    differs('flags');
  }
  if (lv.getUint16(8, true) !== entry.method) differs('compression method');
  if (lv.getUint16(26, true) !== name.length) differs('name');
  for (let i = 0; i < name.length; i++) if (bytes[30 + i] !== name[i]) differs('name');
  const extraLength = lv.getUint16(28, true);
  const zip64 = extraLength > 0;
  if (zip64) {
    if (
      extraLength !== 20 ||
      length < headerLength + 20 ||
      lv.getUint16(headerLength, true) !== ZIP64_EXTRA ||
      lv.getUint16(headerLength + 2, true) !== 16
    )
      refuse('its local header has an extra field other than the Zip64 sizes Airlock writes');
  }
  if (lv.getUint16(4, true) !== (zip64 ? VERSION_ZIP64 : VERSION_DEFAULT)) differs('version');
  const crc = lv.getUint32(14, true);
  const compressed32 = lv.getUint32(18, true);
  const size32 = lv.getUint32(22, true);
  const local64 = zip64
    ? [
        Number(lv.getBigUint64(headerLength + 4, true)),
        Number(lv.getBigUint64(headerLength + 12, true)),
      ]
    : [];
  const dataOffset = entry.offset + headerLength + extraLength;
  const dataEnd = dataOffset + entry.compressedSize;
  if (dataEnd > cdOffset) refuse('its data runs into the central directory');
  entry.dataOffset = dataOffset;

  if (!(entry.flags & FLAG_DESCRIPTOR)) {
    // Sizes up front: the CRC and sizes as in the directory, Zip64 when the directory has them.
    if (crc !== entry.crc) differs('CRC-32');
    const expected = zip64 ? [MAX32, MAX32, entry.size, entry.size] : [entry.size, entry.size];
    if (![compressed32, size32, ...local64].every((v, i) => v === expected[i])) differs('sizes');
    return dataEnd;
  }
  // Streamed: zeros up front (MAX32 and a Zip64 field of zeros when forced), sizes after.
  if (
    crc !== 0 ||
    compressed32 !== (zip64 ? MAX32 : 0) ||
    size32 !== (zip64 ? MAX32 : 0) ||
    local64.some((v) => v !== 0)
  )
    differs('a streamed entry announces a CRC or sizes up front');
  const big = zip64 || entry.size >= MAX32 || entry.compressedSize >= MAX32;
  const descriptorLength = big ? 24 : 16;
  if (dataEnd + descriptorLength > cdOffset)
    refuse('its data descriptor runs into the central directory');
  const d = view(
    await readExactly(source, dataEnd, descriptorLength, `the data descriptor of ${entry.name}`),
  );
  const sizes = big
    ? [Number(d.getBigUint64(8, true)), Number(d.getBigUint64(16, true))]
    : [d.getUint32(8, true), d.getUint32(12, true)];
  if (d.getUint32(0, true) !== SIG_DESCRIPTOR) refuse('its data descriptor is missing or corrupt');
  if (
    d.getUint32(4, true) !== entry.crc ||
    sizes[0] !== entry.compressedSize ||
    sizes[1] !== entry.size
  )
    refuse('its data descriptor disagrees with the central directory (CRC-32 or sizes)');
  return dataEnd + descriptorLength;
}
