import { describe, expect, it } from 'vitest';
import { exportFormats, formatExports } from '../../../src/formats/exports.ts';
import { fromVoc, toVoc } from '../../../src/formats/voc.ts';
import { box, fileText, imageItem, label, project } from '../../factories/annotations.ts';

const sign = label('Stop <sign> & "co"', ['box']);

describe('Pascal VOC export', () => {
  it('uses 1-based inclusive pixel indices: x 0, w 10 covers pixels 1..10', () => {
    expect(toVoc({ x: 0, y: 0, w: 10, h: 5 }, 100, 100)).toEqual({
      xmin: 1,
      ymin: 1,
      xmax: 10,
      ymax: 5,
    });
    expect(fromVoc({ xmin: 1, ymin: 1, xmax: 10, ymax: 5 })).toEqual({ x: 0, y: 0, w: 10, h: 5 });
    expect(toVoc({ x: 0, y: 0, w: 100, h: 80 }, 100, 80)).toEqual({
      xmin: 1,
      ymin: 1,
      xmax: 100,
      ymax: 80,
    });
  });

  it('rounds edges to the nearest pixel edge, clamps to the image and keeps one pixel', () => {
    expect(toVoc({ x: 2.4, y: 2.5, w: 3.2, h: 0.1 }, 10, 10)).toEqual({
      xmin: 3,
      ymin: 4,
      xmax: 6,
      ymax: 3 + 1,
    });
    expect(toVoc({ x: -5, y: 8, w: 20, h: 10 }, 10, 10)).toEqual({
      xmin: 1,
      ymin: 9,
      xmax: 10,
      ymax: 10,
    });
    expect(toVoc({ x: 10, y: 10, w: 0, h: 0 }, 10, 10)).toEqual({
      xmin: 10,
      ymin: 10,
      xmax: 10,
      ymax: 10,
    });
  });

  it('writes one escaped XML per image with size and objects', () => {
    const img = imageItem('road & <cars>.png', 640, 480);
    const { files, warnings } = exportFormats({
      project: project([sign]),
      items: [img],
      annotations: [box(img, sign.id, 10, 20, 30, 40)],
    });
    const xml = fileText(files, 'exports/voc/road_cars_.xml');
    expect(xml).toContain('<filename>road &amp; &lt;cars&gt;.png</filename>');
    expect(xml).toContain('<width>640</width>\n    <height>480</height>');
    expect(xml).toContain('<name>Stop &lt;sign&gt; &amp; "co"</name>');
    expect(xml).toContain(
      '<xmin>11</xmin>\n      <ymin>21</ymin>\n      <xmax>40</xmax>\n      <ymax>60</ymax>',
    );
    expect(warnings).toEqual([]);
  });

  it('is written only when there are boxes', () => {
    const img = imageItem('empty.png', 4, 4);
    const files = formatExports({ project: project([sign]), items: [img], annotations: [] });
    expect(
      files.some((f) => f.path.startsWith('exports/voc/') || f.path.startsWith('exports/yolo')),
    ).toBe(false);
  });
});
