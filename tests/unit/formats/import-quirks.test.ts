import { describe, expect, it } from 'vitest';
import { exportFormats } from '../../../src/formats/exports.ts';
import { box, fileText, imageItem, label, project } from '../../factories/annotations.ts';
import { mustImport } from '../../factories/import-pipeline.ts';

// Issue 17.7: Label Studio regions past the image, Label Studio image names without an
// extension, and VOC's bare file name and real folder.

const task = (image: string, value: Record<string, unknown>) => ({
  data: { image },
  annotations: [
    {
      result: [
        {
          id: 'r1',
          type: 'rectanglelabels',
          from_name: 'box',
          to_name: 'image',
          original_width: 200,
          original_height: 100,
          value: { rotation: 0, rectanglelabels: ['car'], ...value },
        },
      ],
    },
  ],
});

describe('import quirks', () => {
  it('clips a Label Studio box dragged past the image to the image, with a note', async () => {
    const img = imageItem('street.png', 200, 100);
    const imported = await mustImport(
      'label-studio',
      [
        {
          path: 'ls.json',
          text: JSON.stringify([task('street.png', { x: 90, y: -10, width: 20, height: 30 })]),
        },
      ],
      project([]),
      [img],
    );
    const near = (v: number) => expect.closeTo(v, 9) as unknown;
    expect(imported.annotations).toMatchObject([
      { type: 'box', x: near(180), y: 0, w: near(20), h: near(20) },
    ]);
    expect(imported.notes).toContain(
      'ls.json: 1 region(s) reaching past the image were clipped to it.',
    );
  });

  it('matches a Label Studio image named without an extension (and with its upload prefix)', async () => {
    const img = imageItem('scans/receipt-0042.jpg', 200, 100);
    const imported = await mustImport(
      'label-studio',
      [
        {
          path: 'ls.json',
          text: JSON.stringify([
            task('/data/upload/3/1a2b3c4d-receipt-0042', { x: 10, y: 10, width: 50, height: 50 }),
          ]),
        },
      ],
      project([]),
      [img],
    );
    expect(imported.annotations).toMatchObject([
      { itemId: img.id, type: 'box', x: 20, y: 10, w: 100, h: 50 },
    ]);
  });

  it('writes VOC with the bare file name and the folder it is really in', async () => {
    const car = label('car', ['box']);
    const inFolder = imageItem('site-a/cam 1/frame.png', 40, 30);
    const atTop = imageItem('top.png', 40, 30);
    const annotations = [box(inFolder, car.id, 1, 2, 3, 4), box(atTop, car.id, 1, 2, 3, 4)];
    const { files } = exportFormats({
      project: project([car]),
      items: [inFolder, atTop],
      annotations,
    });
    const framed = fileText(files, 'exports/voc/frame.xml');
    expect(framed).toContain('<folder>site-a/cam 1</folder>\n  <filename>frame.png</filename>');
    const top = fileText(files, 'exports/voc/top.xml');
    expect(top).not.toContain('<folder>');
    expect(top).toContain('<filename>top.png</filename>');
    // labelImg's folder is the last directory only: the bare name still finds the item.
    const labelImg = framed
      .replace('<folder>site-a/cam 1</folder>', '<folder>cam 1</folder>')
      .replace(/\n\s*<source>[\s\S]*?<\/source>/, '');
    const imported = await mustImport(
      'voc',
      [{ path: 'frame.xml', text: labelImg }],
      project([car]),
      [inFolder, atTop],
    );
    expect(imported.annotations).toMatchObject([{ itemId: inFolder.id, x: 1, y: 2, w: 3, h: 4 }]);
  });
});
