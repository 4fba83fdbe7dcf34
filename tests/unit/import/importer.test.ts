import { describe, expect, it, vi } from 'vitest';
import { guardWrite } from '../../../src/storage/errors.ts';
import {
  importFiles,
  type ImageDecoder,
  type ImportProgress,
  NO_ROOM,
} from '../../../src/import/importer.ts';
import { freshRepository, pngHeader, sourceFile } from '../../factories/files.ts';

const choices = { jsonlField: 'text', csvColumn: 'body' };
/** Stands in for the browser's decoder: byte 33 set to 0xff marks a corrupt image. */
const decodeImage: ImageDecoder = (bytes) =>
  bytes[33] === 0xff
    ? Promise.reject(new Error('decode failed'))
    : Promise.resolve({
        width: new DataView(bytes.buffer).getUint32(16),
        height: new DataView(bytes.buffer).getUint32(20),
      });

async function setup() {
  const repository = freshRepository();
  const project = await repository.createProject('Import');
  return { repository, project };
}

describe('importFiles', () => {
  it('imports the good files and names each bad one with its line and reason', async () => {
    const { repository, project } = await setup();
    const big = { ...sourceFile('huge.txt', 'x'), size: 200 * 1024 * 1024 };
    const summary = await importFiles({
      repository,
      projectId: project.id,
      choices,
      decodeImage,
      files: [
        sourceFile('good.txt', 'Ada 👩🏽‍💻 met Grace.\r\n'),
        sourceFile('good.jsonl', '{"id":"a","text":"one"}\n{"id":"b","text":"two"}\n'),
        sourceFile('bad.jsonl', '{"text":"fine"}\n{"text":"also fine"}\n{"text": oops}\n'),
        sourceFile('rows.csv', 'id,body\n1,"first, with comma"\n2,"second ""quoted"""\n'),
        sourceFile('nocolumn.csv', 'id,text\n1,hello\n'),
        sourceFile('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])),
        sourceFile('empty.txt', ''),
        big,
        sourceFile('photo.png', pngHeader(640, 480)),
        sourceFile('broken.png', pngHeader(10, 10, 0xff)),
        sourceFile('fake.png', 'not an image at all'),
        sourceFile('notes.docx', 'x'),
      ],
    });
    expect(summary).toMatchObject({
      added: 6,
      duplicates: 0,
      filesDone: 12,
      filesTotal: 12,
      cancelled: false,
    });
    expect(summary.rejected).toEqual([
      {
        file: 'bad.jsonl',
        line: 3,
        reason: expect.stringMatching(/^is not valid JSON/) as unknown,
      },
      { file: 'nocolumn.csv', line: 1, reason: 'has no column "body"' },
      {
        file: 'latin1.txt',
        line: 1,
        reason: expect.stringMatching(/not valid UTF-8.*offset 3/) as unknown,
      },
      { file: 'empty.txt', reason: 'is empty' },
      { file: 'huge.txt', reason: 'is too large (200.0 MB; the limit is 100 MB)' },
      { file: 'broken.png', reason: 'could not be decoded: the image is corrupt or truncated' },
      { file: 'fake.png', reason: 'is not a PNG, JPEG, WebP or GIF image' },
      { file: 'notes.docx', reason: expect.stringMatching(/^is not a supported file/) as unknown },
    ]);
    const items = await repository.getItems(await repository.itemIds(project.id));
    expect(
      items.map((i) => [
        i.name,
        i.kind === 'text' ? i.text : i.kind === 'image' ? `${i.width}x${i.height}` : '',
      ]),
    ).toEqual([
      ['good.txt', 'Ada 👩🏽‍💻 met Grace.\r\n'],
      ['a', 'one'],
      ['b', 'two'],
      ['1', 'first, with comma'],
      ['2', 'second "quoted"'],
      ['photo.png', '640x480'],
    ]);
    // Nothing of bad.jsonl landed, not even its good first lines.
    expect(await repository.itemIds(project.id, { text: 'fine' })).toEqual([]);
    const image = items.find((i) => i.kind === 'image');
    expect(await repository.getMedia(image!.sha256)).toBeDefined();
  });

  it('skips duplicates by SHA-256, within a batch and against the project', async () => {
    const { repository, project } = await setup();
    const run = (files: ReturnType<typeof sourceFile>[]) =>
      importFiles({ repository, projectId: project.id, choices, decodeImage, files });
    const first = await run([
      sourceFile('a.txt', 'same'),
      sourceFile('b.jsonl', '{"text":"same"}\n{"text":"other"}'),
    ]);
    expect(first).toMatchObject({ added: 2, duplicates: 1 });
    const second = await run([
      sourceFile('c.txt', 'other'),
      sourceFile('d.png', pngHeader(2, 2)),
      sourceFile('e.png', pngHeader(2, 2)),
    ]);
    expect(second).toMatchObject({ added: 1, duplicates: 2 });
    expect(await repository.itemIds(project.id)).toHaveLength(3);
  });

  it('keeps folder paths as item names', async () => {
    const { repository, project } = await setup();
    await importFiles({
      repository,
      projectId: project.id,
      choices,
      decodeImage,
      files: [sourceFile('x.txt', 'hi', 'batch-1/x.txt')],
    });
    const [item] = await repository.getItems(await repository.itemIds(project.id));
    expect(item?.name).toBe('batch-1/x.txt');
  });

  it('stops at Cancel: finished files stay, later ones are not imported', async () => {
    const { repository, project } = await setup();
    const controller = new AbortController();
    const seen: ImportProgress[] = [];
    const summary = await importFiles({
      repository,
      projectId: project.id,
      choices,
      decodeImage,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.filesDone === 1) controller.abort();
      },
      files: [sourceFile('1.txt', 'one'), sourceFile('2.txt', 'two'), sourceFile('3.txt', 'three')],
    });
    expect(summary).toMatchObject({ cancelled: true, added: 1, filesDone: 1, filesTotal: 3 });
    expect(seen[0]).toMatchObject({ filesDone: 0, filesTotal: 3 });
    expect(await repository.itemIds(project.id)).toHaveLength(1);
  });

  describe('previews of big images', () => {
    /**
     * A decoder that hands back a pending preview for every image and counts the pictures it
     * holds (decoded, not yet made into a preview or discarded) at their highest.
     */
    function countingDecoder(repository: ReturnType<typeof freshRepository>, projectId: string) {
      const state = { held: 0, most: 0, made: [] as string[], writtenFirst: [] as boolean[] };
      // A preview being made waits for the next picture's decode (or 50 ms, after the last).
      let decoded = () => {};
      const decode: ImageDecoder = async (bytes) => {
        const width = new DataView(bytes.buffer).getUint32(16);
        await Promise.resolve(); // decoding is asynchronous, as the browser's is
        decoded();
        state.held++;
        state.most = Math.max(state.most, state.held);
        let open = true;
        const release = () => {
          if (open) state.held--;
          open = false;
        };
        return {
          width,
          height: 100,
          preview: {
            make: async () => {
              await new Promise<void>((resolve) => {
                decoded = resolve;
                setTimeout(resolve, 50);
              });
              // The image it belongs to is stored before its preview is made.
              const ids = await repository.itemIds(projectId);
              const items = await repository.getItems(ids);
              state.writtenFirst.push(items.some((i) => i.kind === 'image' && i.width === width));
              state.made.push(String(width));
              release();
              return { type: 'image/jpeg', width: 10, height: 5, bytes: new ArrayBuffer(3) };
            },
            discard: release,
          },
        };
      };
      return { decode, state };
    }

    /** Imports one PNG header per width, `height` pixels high, through the counting decoder. */
    async function importPictures(widths: number[], height: number, cancelAt?: number) {
      const { repository, project } = await setup();
      const { decode, state } = countingDecoder(repository, project.id);
      const controller = new AbortController();
      const summary = await importFiles({
        repository,
        projectId: project.id,
        choices,
        decodeImage: async (bytes, type) => {
          const decoded = await decode(bytes, type);
          if (decoded.width === cancelAt) controller.abort();
          return decoded;
        },
        signal: controller.signal,
        files: widths.map((w) => sourceFile(`${w}.png`, pngHeader(w, height))),
      });
      return { repository, project, state, summary };
    }

    it('makes each after its image lands, holding at most two pictures, and stores it', async () => {
      const { repository, project, state, summary } = await importPictures(
        [1001, 1002, 1003, 1004],
        100,
      );
      expect(summary).toMatchObject({ added: 4, rejected: [] });
      expect(state.made).toEqual(['1001', '1002', '1003', '1004']);
      expect(state.writtenFirst).toEqual([true, true, true, true]);
      expect(state.most).toBe(2);
      expect(state.held).toBe(0);
      const items = await repository.getItems(await repository.itemIds(project.id));
      for (const item of items) expect(await repository.preview(item.sha256)).toBeDefined();
    });

    it('decodes a picture over 24 MP only once the one before has let go of its pixels', async () => {
      const { state, summary } = await importPictures([6001, 6002, 6003], 5000);
      expect(summary).toMatchObject({ added: 3, rejected: [] });
      expect(state.made).toEqual(['6001', '6002', '6003']);
      expect(state.most).toBe(1);
    });

    it('lets go of a decoded picture when Cancel comes before it lands', async () => {
      const { state, summary } = await importPictures([1001, 1002, 1003], 100, 1002);
      expect(summary).toMatchObject({ cancelled: true, added: 1 });
      expect(state.made).toEqual(['1001']);
      expect(state.held).toBe(0);
    });
  });

  it('reports lone surrogates in JSONL text instead of storing broken Unicode', async () => {
    const { repository, project } = await setup();
    const summary = await importFiles({
      repository,
      projectId: project.id,
      choices,
      decodeImage,
      files: [sourceFile('s.jsonl', '{"text":"ok"}\n{"text":"bad \\ud800 here"}\n')],
    });
    expect(summary.rejected).toMatchObject([
      { file: 's.jsonl', line: 2, reason: expect.stringMatching(/lone surrogate/) as unknown },
    ]);
    expect(summary.added).toBe(0);
  });
});

describe('importFiles, edge files', () => {
  it('rejects a JSONL or CSV file with no records', async () => {
    const { repository, project } = await setup();
    const summary = await importFiles({
      repository,
      projectId: project.id,
      choices,
      decodeImage,
      files: [sourceFile('blank.jsonl', '\n\n  \n'), sourceFile('header-only.csv', 'id,body\n')],
    });
    expect(summary.rejected).toEqual([
      { file: 'blank.jsonl', reason: 'has no items to import' },
      { file: 'header-only.csv', reason: 'has no items to import' },
    ]);
  });

  it('stops on a full disk with a summary: what landed stays, the file it hit and the rest are listed', async () => {
    const { repository, project } = await setup();
    const addItems = repository.addItems.bind(repository);
    let calls = 0;
    vi.spyOn(repository, 'addItems').mockImplementation((...args) => {
      // The third file's write hits a full disk, as IndexedDB reports it.
      if (++calls === 3)
        return guardWrite(() =>
          Promise.reject(Object.assign(new Error('quota'), { name: 'QuotaExceededError' })),
        );
      return addItems(...args);
    });
    const summary = await importFiles({
      repository,
      projectId: project.id,
      choices,
      decodeImage,
      files: ['a', 'b', 'c', 'd', 'e'].map((n) => sourceFile(`${n}.txt`, `text ${n}`)),
    });
    expect(summary).toMatchObject({
      added: 2,
      filesDone: 3,
      filesTotal: 5,
      cancelled: false,
      stopped: expect.stringMatching(/no room left/) as unknown,
      rejected: [{ file: 'c.txt', reason: NO_ROOM }],
      notReached: ['d.txt', 'e.txt'],
    });
    const items = await repository.getItems(await repository.itemIds(project.id));
    expect(items.map((i) => i.name)).toEqual(['a.txt', 'b.txt']);
    expect(calls).toBe(3); // nothing tried after the wall
  });

  it('lets a file that fails in an unforeseen way fail alone, with the reason', async () => {
    const { repository, project } = await setup();
    const addItems = repository.addItems.bind(repository);
    vi.spyOn(repository, 'addItems').mockImplementation((id, drafts, media) =>
      drafts[0]?.name === 'odd.txt'
        ? Promise.reject(new Error('Key already exists in the object store.'))
        : addItems(id, drafts, media),
    );
    const summary = await importFiles({
      repository,
      projectId: project.id,
      choices,
      decodeImage,
      files: [
        sourceFile('good.txt', 'fine'),
        { name: 'gone.txt', size: 4, arrayBuffer: () => Promise.reject(new Error('x')) },
        sourceFile('odd.txt', 'odd'),
        sourceFile('also-good.txt', 'fine too'),
      ],
    });
    expect(summary.added).toBe(2);
    expect(summary.notReached).toEqual([]);
    expect(summary.rejected).toEqual([
      { file: 'gone.txt', reason: 'could not be read (moved, deleted or not accessible)' },
      {
        file: 'odd.txt',
        reason: 'could not be imported (Key already exists in the object store.)',
      },
    ]);
  });
});
