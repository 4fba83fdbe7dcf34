import { describe, expect, it, vi } from 'vitest';
import { readImage, type ImageDecoder } from '../../../src/import/image.ts';
import { MAX_IMAGE_PIXELS, checkImagePixels } from '../../../src/import/limits.ts';
import { ImportRejected } from '../../../src/import/rejection.ts';
import { importFiles } from '../../../src/import/importer.ts';
import { freshRepository, pngHeader, sourceFile } from '../../factories/files.ts';

/** A decoder that, like Chromium on a 30000 × 30000 PNG, fails: it must not be reached. */
const failing = () => vi.fn<ImageDecoder>(() => Promise.reject(new Error('could not decode')));
const buffer = (bytes: Uint8Array) => bytes.slice().buffer;

describe('image pixel limit', () => {
  it('refuses a 30000 × 30000 PNG from its header, as too large, naming the file, without decoding', async () => {
    const decode = failing();
    const error = await readImage(
      'scans/huge map.png',
      buffer(pngHeader(30000, 30000)),
      new Set(),
      decode,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).file).toBe('scans/huge map.png');
    expect((error as Error).message).toBe(
      'scans/huge map.png: is too large (30000 × 30000, 900,000,000 pixels; ' +
        'the limit is 250,000,000 pixels)',
    );
    expect((error as Error).message).not.toMatch(/corrupt/);
    expect(decode).not.toHaveBeenCalled();
  });

  it('accepts an image at the limit and refuses one pixel more', () => {
    expect(MAX_IMAGE_PIXELS).toBe(250_000_000);
    expect(() => checkImagePixels('a.png', 25_000, 10_000)).not.toThrow();
    expect(() => checkImagePixels('a.png', 25_000, 10_000 + 1)).toThrow(/a\.png: is too large/);
    expect(() => checkImagePixels('a.png', 1, MAX_IMAGE_PIXELS + 1)).toThrow(/is too large/);
  });

  it('still says corrupt when the header is fine but the pixels do not decode', async () => {
    await expect(
      readImage('cut.png', buffer(pngHeader(640, 480)), new Set(), failing()),
    ).rejects.toThrow('cut.png: could not be decoded: the image is corrupt or truncated');
  });

  it('checks the decoded size too, for a header it cannot read', async () => {
    // A PNG whose first chunk is not IHDR: the header gives no size, the decoder does.
    const odd = pngHeader(10, 10);
    odd.set([0x69, 0x48, 0x44, 0x52], 12); // "iHDR"
    const decode = vi.fn<ImageDecoder>(() => Promise.resolve({ width: 40000, height: 40000 }));
    await expect(readImage('odd.png', buffer(odd), new Set(), decode)).rejects.toThrow(
      'odd.png: is too large (40000 × 40000, 1,600,000,000 pixels;',
    );
  });

  it('lists the huge image in the import summary while the good files import', async () => {
    const repository = freshRepository();
    const project = await repository.createProject('Maps');
    const summary = await importFiles({
      repository,
      projectId: project.id,
      choices: { jsonlField: 'text', csvColumn: 'text' },
      decodeImage: (bytes) =>
        bytes[20] === 0x75 // 30000 = 0x7530: only the small image ever reaches the decoder
          ? Promise.reject(new Error('out of memory'))
          : Promise.resolve({ width: 64, height: 48 }),
      files: [
        sourceFile('huge.png', pngHeader(30000, 30000)),
        sourceFile('small.png', pngHeader(64, 48)),
      ],
    });
    expect(summary.added).toBe(1);
    expect(summary.rejected).toEqual([
      {
        file: 'huge.png',
        reason: expect.stringMatching(
          /^is too large \(30000 × 30000, 900,000,000 pixels; the limit is 250,000,000 pixels\)$/,
        ) as unknown,
      },
    ]);
  });
});
