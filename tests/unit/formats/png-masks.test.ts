import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { exportFormats } from '../../../src/formats/exports.ts';
import { greyPng, zlibRuns } from '../../../src/formats/png-encode.ts';
import { encodeRle } from '../../../src/model/rle.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { ImageItem } from '../../../src/model/item.ts';
import { box, fileText, imageItem, label, project } from '../../factories/annotations.ts';

/** A PNG as a pipeline reads it: header, inflated IDAT, rows un-filtered (None and Up). */
function readPng(png: Uint8Array): { width: number; height: number; depth: number; px: number[] } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  const idat: Uint8Array[] = [];
  while (at < png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      depth = data[8]!;
      expect(data[9]).toBe(0); // greyscale
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = depth / 8;
  const stride = 1 + width * bpp;
  const rows: number[][] = [];
  for (let y = 0; y < height; y++) {
    const filter = raw[y * stride]!;
    const row = [...raw.subarray(y * stride + 1, (y + 1) * stride)];
    if (filter === 2) row.forEach((b, i) => (row[i] = (b + rows[y - 1]![i]!) & 0xff));
    else expect(filter).toBe(0);
    rows.push(row);
  }
  const px = rows.flatMap((row) =>
    bpp === 1 ? row : row.filter((_, i) => i % 2 === 0).map((hi, i) => hi * 256 + row[2 * i + 1]!),
  );
  return { width, height, depth, px };
}

function mask(item: ImageItem, labelId: string, set: [number, number][], z?: number): Annotation {
  const bits = new Uint8Array(item.width * item.height);
  for (const [x, y] of set) bits[y * item.width + x] = 1;
  return {
    ...box(item, labelId, 0, 0, 1, 1),
    type: 'mask',
    rle: encodeRle(bits, item.width, item.height),
    ...(z === undefined ? {} : { z }),
  };
}

const road = label('road', ['mask']);
const car = label('car', ['mask', 'box']);

describe('PNG index masks', () => {
  it('paints each mask with its class, 0 elsewhere; the mask drawn on top wins', () => {
    const img = imageItem('street.png', 4, 3);
    // Road: the two left columns. Car: (1, 1) and (2, 1), drawn later, so on top of the road.
    const roadMask = mask(
      img,
      road.id,
      [0, 1].flatMap((x) => [0, 1, 2].map((y) => [x, y] as [number, number])),
    );
    const carMask = mask(img, car.id, [
      [1, 1],
      [2, 1],
    ]);
    const { files } = exportFormats({
      project: project([road, car]),
      items: [img],
      annotations: [roadMask, carMask],
    });
    const png = readPng(files.find((f) => f.path === 'exports/masks/street.png')!.data);
    expect(png).toEqual({
      width: 4,
      height: 3,
      depth: 8,
      px: [1, 1, 0, 0, 1, 2, 2, 0, 1, 1, 0, 0],
    });
    expect(fileText(files, 'exports/masks/legend.csv')).toBe(
      'value,label\r\n0,background\r\n1,road\r\n2,car\r\n',
    );

    // Brought to front (z 1), the road covers the car where they overlap.
    const raised = exportFormats({
      project: project([road, car]),
      items: [img],
      annotations: [{ ...roadMask, z: 1 }, carMask],
    });
    const px = readPng(raised.files.find((f) => f.path === 'exports/masks/street.png')!.data).px;
    expect(px).toEqual([1, 1, 0, 0, 1, 1, 2, 0, 1, 1, 0, 0]);
  });

  it('writes 16-bit pixels when a class id passes 255, and leaves out a mask of the wrong size', () => {
    const img = imageItem('big-ids.png', 3, 2);
    const many = { ...car, cocoId: 300 };
    const other = imageItem('other.png', 5, 5);
    const wrong = { ...mask(other, road.id, [[0, 0]]), itemId: img.id };
    const { files, warnings } = exportFormats({
      project: project([road, many]),
      items: [img],
      annotations: [mask(img, many.id, [[2, 1]]), wrong],
    });
    const png = readPng(files.find((f) => f.path === 'exports/masks/big-ids.png')!.data);
    expect(png).toEqual({ width: 3, height: 2, depth: 16, px: [0, 0, 0, 0, 0, 300] });
    expect(warnings).toContainEqual(
      expect.objectContaining({
        path: 'exports/masks/big-ids.png',
        reason: "the mask is 5 × 5, not the image's 3 × 2; left out",
      }),
    );
  });

  it('compresses runs so a large flat mask stays small, and inflates back byte for byte', () => {
    const data = new Uint8Array(1_000_000);
    data.fill(7, 1000, 600_000);
    data[5] = 1;
    data[6] = 1;
    const z = zlibRuns(data);
    expect(z.length).toBeLessThan(10_000);
    expect(new Uint8Array(inflateSync(z))).toEqual(data);
    // Every run length from 1 to 600 (the 1-or-2-left-over cases after 258 included).
    const runs: number[] = [];
    for (let n = 1; n <= 600; n++) for (let i = 0; i < n; i++) runs.push(n % 256);
    const bytes = Uint8Array.from(runs);
    expect(new Uint8Array(inflateSync(zlibRuns(bytes)))).toEqual(bytes);
    const png = greyPng(new Uint16Array(4000 * 3000), 4000, 3000);
    // A blank 12-MP mask: deflate repeats at most 258 bytes per 13-bit code, so ~0.7 % of 12 MB.
    expect(png.length).toBeLessThan(100_000);
  });
});
