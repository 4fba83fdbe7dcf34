import { describe, expect, it } from 'vitest';
import { exportFormats } from '../../../src/formats/exports.ts';
import { parseVoc } from '../../../src/formats/voc-import.ts';
import { fileText, imageItem, project } from '../../factories/annotations.ts';
import { mustImport } from '../../factories/import-pipeline.ts';

// A labelImg file as it saves one (tabs, <path> to the labeler's disk, database Unknown), with
// the VOC2007 flags set on some objects, a pose, and VOC2012's <occluded> on one.
const LABELIMG = `<annotation>
\t<folder>JPEGImages</folder>
\t<filename>000005.jpg</filename>
\t<path>C:\\Users\\ana\\VOC\\JPEGImages\\000005.jpg</path>
\t<source>
\t\t<database>Unknown</database>
\t</source>
\t<size>
\t\t<width>500</width>
\t\t<height>375</height>
\t\t<depth>3</depth>
\t</size>
\t<segmented>0</segmented>
\t<object>
\t\t<name>chair</name>
\t\t<pose>Rear</pose>
\t\t<truncated>0</truncated>
\t\t<difficult>0</difficult>
\t\t<bndbox>
\t\t\t<xmin>263</xmin>
\t\t\t<ymin>211</ymin>
\t\t\t<xmax>324</xmax>
\t\t\t<ymax>339</ymax>
\t\t</bndbox>
\t</object>
\t<object>
\t\t<name>chair</name>
\t\t<pose>Unspecified</pose>
\t\t<truncated>1</truncated>
\t\t<difficult>1</difficult>
\t\t<bndbox>
\t\t\t<xmin>5</xmin>
\t\t\t<ymin>244</ymin>
\t\t\t<xmax>67</xmax>
\t\t\t<ymax>374</ymax>
\t\t</bndbox>
\t</object>
\t<object>
\t\t<name>person</name>
\t\t<pose>Unspecified</pose>
\t\t<truncated>0</truncated>
\t\t<difficult>0</difficult>
\t\t<occluded>1</occluded>
\t\t<bndbox>
\t\t\t<xmin>241</xmin>
\t\t\t<ymin>194</ymin>
\t\t\t<xmax>295</xmax>
\t\t\t<ymax>299</ymax>
\t\t</bndbox>
\t</object>
</annotation>
`;

const photo = () => imageItem('JPEGImages/000005.jpg', 500, 375);

describe('VOC attributes', () => {
  it('reads difficult, truncated, occluded and pose; 0 and Unspecified stay unset', () => {
    const parsed = parseVoc([{ path: 'Annotations/000005.xml', text: LABELIMG }]);
    if (!parsed.ok) throw new Error('parse failed');
    expect(parsed.records[0]!.annotations.map((a) => a.attributes)).toEqual([
      { pose: 'Rear' },
      { truncated: true, difficult: true },
      { occluded: true },
    ]);
  });

  it('declares them on the labels, stores them on the boxes and writes them back', async () => {
    const item = photo();
    const fresh = await mustImport(
      'voc',
      [{ path: 'Annotations/000005.xml', text: LABELIMG }],
      project([]),
      [item],
    );
    const chair = fresh.labels.find((l) => l.name === 'chair')!;
    expect(chair.attributes).toEqual([
      { name: 'pose', type: 'text' },
      { name: 'truncated', type: 'boolean' },
      { name: 'difficult', type: 'boolean' },
    ]);
    expect(fresh.labels.find((l) => l.name === 'person')!.attributes).toEqual([
      { name: 'occluded', type: 'boolean' },
    ]);
    const proj = project(fresh.labels);
    const once = exportFormats({ project: proj, items: [item], annotations: fresh.annotations });
    const xml = fileText(once.files, 'exports/voc/000005.xml');
    expect(xml).toContain(
      '<name>chair</name>\n    <pose>Unspecified</pose>\n    <truncated>1</truncated>\n    <difficult>1</difficult>\n    <bndbox>\n      <xmin>5</xmin>',
    );
    expect(xml).toContain(
      '<pose>Rear</pose>\n    <truncated>0</truncated>\n    <difficult>0</difficult>',
    );
    expect(xml).toContain('<difficult>0</difficult>\n    <occluded>1</occluded>');
    expect(xml.match(/<occluded>/g)).toHaveLength(1);

    // Back into its own project: nothing new. Into an empty one: the same file again.
    const back = await mustImport(
      'voc',
      [{ path: 'voc/000005.xml', text: xml }],
      proj,
      [item],
      fresh.annotations,
    );
    expect([back.annotations.length, back.duplicates]).toEqual([0, 3]);
    const again = await mustImport('voc', [{ path: 'voc/000005.xml', text: xml }], project([]), [
      item,
    ]);
    const twice = exportFormats({
      project: project(again.labels),
      items: [item],
      annotations: again.annotations,
    });
    expect(fileText(twice.files, 'exports/voc/000005.xml')).toBe(xml);
  });
});
