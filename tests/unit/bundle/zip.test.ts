// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/bundle/crc32.ts';
import { ZipWriter } from '../../../src/bundle/zip-writer.ts';
import { ZipArchive, ZipError, bytesAccess } from '../../../src/bundle/zip-reader.ts';
import { unsafeNameReason } from '../../../src/bundle/zip-names.ts';
import { chunksOf, memorySink, patchAscii } from '../../factories/zip.ts';

const dir = mkdtempSync(join(tmpdir(), 'airlock-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) out[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

const media = randomBytes(3 * 1024 * 1024 + 17, 7);
const text = encode('{"id":"a","text":"Zürich 東京 👩🏽‍💻"}\n'.repeat(5000));

async function sample(forceZip64 = false): Promise<Uint8Array> {
  const sink = memorySink();
  const zip = new ZipWriter(sink, { forceZip64, modified: new Date('2026-11-23T10:20:30Z') });
  await zip.add('annotations.jsonl', chunksOf(text, 4096));
  await zip.add('exports/spans.jsonl', text, { compress: true });
  await zip.add('media/ab.png', media);
  await zip.add('empty.txt', new Uint8Array(0));
  await zip.add('dir/ünïcødé 東京.txt', encode('名前'));
  await zip.close();
  return sink.bytes();
}

/** What Python's zipfile (an independent reader) sees: names, sizes and a full CRC test. */
function pythonList(path: string): { names: string[]; sizes: number[]; bad: string | null } {
  const script =
    'import sys,json,zipfile\n' +
    'z=zipfile.ZipFile(sys.argv[1])\n' +
    'print(json.dumps({"names":z.namelist(),"sizes":[i.file_size for i in z.infolist()],"bad":z.testzip()}))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as never;
}

describe('crc32', () => {
  it('matches the standard check value and continues across chunks', () => {
    expect(crc32(encode('123456789'))).toBe(0xcbf43926);
    const whole = crc32(media);
    expect(crc32(media.subarray(1000), crc32(media.subarray(0, 1000)))).toBe(whole);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('zip writer', () => {
  for (const forceZip64 of [false, true]) {
    it(`writes an archive unzip and Python accept${forceZip64 ? ' (Zip64 forced)' : ''}`, async () => {
      const bytes = await sample(forceZip64);
      const path = join(dir, `sample${forceZip64 ? '-64' : ''}.zip`);
      writeFileSync(path, bytes);
      const report = execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
      expect(report).toContain('No errors detected');
      const listed = pythonList(path);
      expect(listed.bad).toBeNull();
      expect(listed.names).toEqual([
        'annotations.jsonl',
        'exports/spans.jsonl',
        'media/ab.png',
        'empty.txt',
        'dir/ünïcødé 東京.txt',
      ]);
      expect(listed.sizes).toEqual([text.length, text.length, media.length, 0, 6]);
      const zipinfo = execFileSync('zipinfo', ['-v', path], { encoding: 'utf8' });
      if (forceZip64) expect(zipinfo).toMatch(/PKWARE 64-bit sizes/);
      else expect(zipinfo).not.toMatch(/64-bit/);
    });
  }

  it('round-trips through the reader, stored and deflated, byte for byte', async () => {
    for (const force of [false, true]) {
      const zip = await ZipArchive.open(bytesAccess(await sample(force)));
      expect(zip.problems).toEqual([]);
      const got = async (name: string) => zip.read(zip.get(name)!);
      expect(decode(await got('annotations.jsonl'))).toBe(decode(text));
      expect(decode(await got('exports/spans.jsonl'))).toBe(decode(text));
      expect(zip.get('exports/spans.jsonl')!.compressedSize).toBeLessThan(text.length / 10);
      const sha = createHash('sha256')
        .update(await got('media/ab.png'))
        .digest('hex');
      expect(sha).toBe(createHash('sha256').update(media).digest('hex'));
      expect(decode(await got('dir/ünïcødé 東京.txt'))).toBe('名前');
      expect(await got('empty.txt')).toEqual(new Uint8Array(0));
    }
  });

  it('writes Zip64 end records when there are 65,535 entries or more', async () => {
    const sink = memorySink();
    const zip = new ZipWriter(sink);
    for (let i = 0; i < 65_536; i++) await zip.add(`e/${i}`, encode(String(i)));
    await zip.close();
    const path = join(dir, 'many.zip');
    writeFileSync(path, sink.bytes());
    const listed = pythonList(path);
    expect(listed.names.length).toBe(65_536);
    expect(listed.bad).toBeNull();
    const read = await ZipArchive.open(bytesAccess(sink.bytes()));
    expect(read.entries.length).toBe(65_536);
    expect(decode(await read.read(read.entries[65_535]!))).toBe('65535');
  }, 60_000);

  it('gathers small pieces into few writes to the sink', async () => {
    const sink = memorySink();
    const zip = new ZipWriter(sink);
    for (let i = 0; i < 500; i++) await zip.add(`n/${i}.txt`, encode('x'));
    const size = await zip.close();
    expect(sink.writes).toBe(1);
    expect(sink.bytes().length).toBe(size);
  });

  it('refuses unsafe and duplicate names before writing them', async () => {
    const zip = new ZipWriter(memorySink());
    await zip.add('a.txt', encode('a'));
    await expect(zip.add('a.txt', encode('b'))).rejects.toThrow('twice');
    for (const name of ['../x', '/etc/passwd', 'a\\b', 'C:/x', 'a/../b', ''])
      await expect(zip.add(name, encode('b'))).rejects.toThrow('Cannot write');
  });
});

describe('entry names', () => {
  it('accepts relative names and rejects every unsafe form', () => {
    expect(unsafeNameReason('media/ab.png')).toBeUndefined();
    expect(unsafeNameReason('exports/yolo/labels/a b.txt')).toBeUndefined();
    expect(unsafeNameReason('../a')).toMatch('..');
    expect(unsafeNameReason('a/../../b')).toMatch('..');
    expect(unsafeNameReason('/a')).toMatch('leading /');
    expect(unsafeNameReason('a\\b')).toMatch('backslash');
    expect(unsafeNameReason('a//b')).toMatch('empty');
    expect(unsafeNameReason('D:x')).toMatch('drive');
  });
});

describe('zip reader', () => {
  it('reports an unsafe ../ name and a duplicate name', async () => {
    const sink = memorySink();
    const zip = new ZipWriter(sink);
    await zip.add('aa/evil', encode('x'));
    await zip.add('one.txt', encode('1'));
    await zip.add('two.txt', encode('2'));
    await zip.close();
    const tampered = patchAscii(
      patchAscii(sink.bytes(), 'aa/evil', '../evil'),
      'two.txt',
      'one.txt',
    );
    const read = await ZipArchive.open(bytesAccess(tampered));
    expect(read.problems).toEqual([
      { entry: '../evil', reason: 'entry name has a ".." segment' },
      { entry: 'one.txt', reason: 'duplicate entry name' },
    ]);
  });

  it('refuses a truncated archive, naming the reason', async () => {
    const bytes = await sample();
    for (const cut of [1, 100, bytes.length / 2, bytes.length - 10]) {
      const error = await ZipArchive.open(bytesAccess(bytes.subarray(0, cut))).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ZipError);
      expect((error as ZipError).message).toMatch(/truncated/);
    }
    await expect(
      ZipArchive.open(bytesAccess(encode('not a zip at all, just text.'))),
    ).rejects.toThrow(/not a ZIP archive/);
  });

  it('detects one changed byte of an entry by its CRC', async () => {
    const bytes = await sample();
    const zip = await ZipArchive.open(bytesAccess(bytes));
    const entry = zip.get('media/ab.png')!;
    const tampered = bytes.slice();
    tampered[entry.offset + 30 + 'media/ab.png'.length + 1000]! ^= 1;
    const bad = await ZipArchive.open(bytesAccess(tampered));
    await expect(bad.read(bad.get('media/ab.png')!)).rejects.toThrow('CRC-32 mismatch');
  });
});

describe('zip reader, overlapping entries', () => {
  it('refuses an entry whose bytes overlap another (a zip-bomb trick)', async () => {
    const sink = memorySink();
    const zip = new ZipWriter(sink);
    await zip.add('a.txt', encode('aaaa'));
    await zip.add('b.txt', encode('bbbb'));
    await zip.close();
    const bytes = sink.bytes();
    const read = await ZipArchive.open(bytesAccess(bytes));
    // Point b.txt's central directory record at a.txt's local header.
    const tampered = bytes.slice();
    const view = new DataView(tampered.buffer);
    const cd = bytes.length - 22 - (46 + 5) * 2;
    const second = cd + 46 + 5;
    expect(view.getUint32(second, true)).toBe(0x02014b50);
    view.setUint32(second + 42, read.get('a.txt')!.offset, true);
    await expect(ZipArchive.open(bytesAccess(tampered))).rejects.toThrow(
      'b.txt: its bytes overlap the entry a.txt',
    );
  });
});
