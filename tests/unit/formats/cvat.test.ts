import { describe, expect, it } from 'vitest';
import { exportFormats, formatExports } from '../../../src/formats/exports.ts';
import { detectFormat, parseAnnotationFiles } from '../../../src/formats/annotation-formats.ts';
import { fromCvatMask, toCvatMask } from '../../../src/formats/cvat-rle.ts';
import { Annotation } from '../../../src/model/annotation.ts';
import type { ImageItem } from '../../../src/model/item.ts';
import type { Label } from '../../../src/model/label.ts';
import { decodeRle, encodeRle } from '../../../src/model/rle.ts';
import {
  box,
  fileText,
  imageItem,
  label,
  mask,
  point,
  polygon,
  polyline,
  project,
  rbox,
  textClass,
} from '../../factories/annotations.ts';
import { asTextFiles, essence, mustImport, runImport } from '../../factories/import-pipeline.ts';
import { seeded, type Random } from '../../factories/random.ts';

// "CVAT for images 1.1" XML, both ways. The fixture is laid out as CVAT 2.x dumps a task:
// two-decimal coordinates, a rotated box (rotation about the centre), occluded="1", z_order,
// group_id, a <points> shape of two points, a <mask> whose runs cover its own box row by row,
// an image-level <tag>, attributes typed by the meta (select, checkbox, number, text).

const FIXTURE = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <task>
      <id>42</id>
      <name>dock survey</name>
      <size>1</size>
      <mode>annotation</mode>
      <overlap>0</overlap>
      <created>2024-03-01 10:11:12.345678+00:00</created>
      <labels>
        <label>
          <name>crane</name>
          <color>#fa3253</color>
          <type>rectangle</type>
          <attributes>
            <attribute>
              <name>colour</name>
              <mutable>False</mutable>
              <input_type>select</input_type>
              <default_value>yellow</default_value>
              <values>yellow
red
__undefined__</values>
            </attribute>
            <attribute>
              <name>moving</name>
              <mutable>True</mutable>
              <input_type>checkbox</input_type>
              <default_value>false</default_value>
              <values>false</values>
            </attribute>
            <attribute>
              <name>height_m</name>
              <mutable>False</mutable>
              <input_type>number</input_type>
              <default_value>0</default_value>
              <values>0
100
1</values>
            </attribute>
          </attributes>
        </label>
        <label>
          <name>quay</name>
          <color>#33ddff</color>
          <type>polygon</type>
          <attributes>
          </attributes>
        </label>
        <label>
          <name>rope</name>
          <color>#b83df5</color>
          <type>polyline</type>
          <attributes/>
        </label>
        <label>
          <name>bollard</name>
          <color>#24b353</color>
          <type>points</type>
          <attributes/>
        </label>
        <label>
          <name>water</name>
          <color>#3d3df5</color>
          <type>mask</type>
          <attributes/>
        </label>
        <label>
          <name>night</name>
          <color>#aaaaaa</color>
          <type>tag</type>
          <attributes/>
        </label>
        <label>
          <name>unused ship</name>
          <color>#ffcc33</color>
          <type>rectangle</type>
          <attributes/>
        </label>
      </labels>
    </task>
    <dumped>2024-03-02 08:00:00.000000+00:00</dumped>
  </meta>
  <image id="0" name="site/dock 1.jpg" width="8" height="6">
    <box label="crane" source="manual" occluded="1" xtl="1.00" ytl="1.50" xbr="5.00" ybr="3.50" rotation="90.00" z_order="2" group_id="1">
      <attribute name="colour">red</attribute>
      <attribute name="moving">true</attribute>
      <attribute name="height_m">12.5</attribute>
    </box>
    <box label="crane" source="semi-auto" occluded="0" xtl="0.00" ytl="0.00" xbr="2.00" ybr="1.00" z_order="0">
      <attribute name="colour">yellow</attribute>
      <attribute name="moving">false</attribute>
      <attribute name="height_m">3</attribute>
    </box>
    <polygon label="quay" source="manual" occluded="0" points="0.00,6.00;8.00,6.00;8.00,4.50" z_order="0">
    </polygon>
    <polyline label="rope" source="manual" occluded="0" points="1.25,1.25;3.75,2.00;6.00,5.50" z_order="1">
    </polyline>
    <points label="bollard" source="manual" occluded="0" points="2.00,5.00;6.50,5.00" z_order="0">
    </points>
    <mask label="water" source="manual" occluded="0" rle="2, 4" left="5" top="4" width="3" height="2" z_order="0">
    </mask>
    <tag label="night" source="manual">
    </tag>
  </image>
</annotations>
`;

describe('CVAT for images 1.1 import', () => {
  it('reads what CVAT writes: rotation, occluded, z_order, points, mask, tag and typed attributes', async () => {
    const img = imageItem('site/dock 1.jpg', 8, 6);
    const files = [{ path: 'annotations.xml', text: FIXTURE }];
    expect(detectFormat(files)).toBe('cvat');
    const imported = await mustImport('cvat', files, project([]), [img]);
    const shapes = imported.annotations.map((a) => essence(a, imported.labels));
    expect(shapes).toEqual([
      {
        itemId: img.id,
        label: 'crane',
        type: 'rbox',
        cx: 3,
        cy: 2.5,
        w: 4,
        h: 2,
        angle: 90,
        z: 2,
        attributes: { occluded: true, colour: 'red', moving: true, height_m: 12.5 },
      },
      {
        itemId: img.id,
        label: 'crane',
        type: 'box',
        x: 0,
        y: 0,
        w: 2,
        h: 1,
        attributes: { colour: 'yellow', moving: false, height_m: 3 },
      },
      {
        itemId: img.id,
        label: 'quay',
        type: 'polygon',
        points: [
          [0, 6],
          [8, 6],
          [8, 4.5],
        ],
      },
      {
        itemId: img.id,
        label: 'rope',
        type: 'polyline',
        points: [
          [1.25, 1.25],
          [3.75, 2],
          [6, 5.5],
        ],
        z: 1,
      },
      { itemId: img.id, label: 'bollard', type: 'point', x: 2, y: 5 },
      { itemId: img.id, label: 'bollard', type: 'point', x: 6.5, y: 5 },
      { itemId: img.id, label: 'water', type: 'mask', rle: expect.anything() as unknown },
      { itemId: img.id, label: 'night', type: 'class' },
    ]);
    // Runs 2, 4 over the 3 × 2 box at (5, 4): row 4 is 0 0 1, row 5 is 1 1 1.
    const water = imported.annotations.find((a) => a.type === 'mask')!;
    const pixels = decodeRle((water as { rle: Parameters<typeof decodeRle>[0] }).rle);
    const set = [...pixels.keys()].filter((i) => pixels[i]).map((i) => [i % 8, Math.floor(i / 8)]);
    expect(set).toEqual([
      [7, 4],
      [5, 5],
      [6, 5],
      [7, 5],
    ]);
    // Labels as the meta declares them, unused ones too, with their attributes typed.
    const crane = imported.labels.find((l) => l.name === 'crane')!;
    expect(crane.kinds).toEqual(['rbox', 'box']);
    expect(crane.attributes).toEqual([
      { name: 'colour', type: 'choice', choices: ['yellow', 'red'] },
      { name: 'moving', type: 'boolean' },
      { name: 'height_m', type: 'number' },
      { name: 'occluded', type: 'boolean' },
    ]);
    expect(imported.labels.map((l) => [l.name, l.kinds])).toContainEqual(['unused ship', ['box']]);
    expect(imported.labels.find((l) => l.name === 'night')!.kinds).toEqual(['image_class']);
    expect(imported.notes).toContain(
      'annotations.xml: 1 <points> shape(s) with several points came in as one point annotation per point.',
    );
    // Every annotation is a valid stored annotation.
    for (const a of imported.annotations) expect(() => Annotation.parse(a)).not.toThrow();
  });

  it('names the line and the reason of what it cannot read, and imports nothing', () => {
    const bad = (body: string) =>
      parseAnnotationFiles('cvat', [
        {
          path: 'a.xml',
          text: `<annotations><version>1.1</version>\n<image id="0" name="a.png" width="4" height="4">\n${body}\n</image></annotations>`,
        },
      ]);
    const reasons = (body: string) => {
      const out = bad(body);
      return out.ok ? [] : out.problems.map((p) => `${p.where}: ${p.reason}`);
    };
    expect(reasons('<ellipse label="a" cx="1" cy="1" rx="1" ry="1"/>')).toEqual([
      'line 3 (<ellipse>): is a CVAT ellipse, which Airlock has no shape for',
    ]);
    expect(
      reasons('<mask label="a" rle="0, 2, 1" left="0" top="0" width="2" height="2"/>'),
    ).toEqual(['line 3 (<mask>): its runs add up to 3 pixels, but its box has 2 × 2 = 4']);
    expect(reasons('<mask label="a" rle="0, 4" left="3" top="0" width="2" height="2"/>')).toEqual([
      'line 3 (<mask>): its box (left 3, top 0, 2 × 2) reaches outside the 4 × 4 image',
    ]);
    expect(reasons('<box label="a" xtl="3" ytl="0" xbr="1" ybr="2"/>')).toEqual([
      'line 3 (<box>): has xbr < xtl or ybr < ytl',
    ]);
    expect(reasons('<polygon label="a" points="1,1;2,2"/>')).toEqual([
      'line 3 (<polygon>): needs points "x,y;x,y;…" with at least 3 points',
    ]);
    expect(reasons('<box xtl="0" ytl="0" xbr="1" ybr="2"/>')).toEqual([
      'line 3 (<box>): has no label',
    ]);
    const video = parseAnnotationFiles('cvat', [
      {
        path: 'v.xml',
        text: '<annotations><version>1.1</version><track id="0" label="car"></track></annotations>',
      },
    ]);
    expect(video.ok ? [] : video.problems.map((p) => p.reason)).toEqual([
      'is a <track> of CVAT for video; export the task as "CVAT for images 1.1" instead',
    ]);
  });

  it('tells CVAT XML from Pascal VOC XML by the root', () => {
    const voc = '<annotation><filename>a.png</filename></annotation>';
    expect(detectFormat([{ path: 'a.xml', text: voc }])).toBe('voc');
    expect(detectFormat([{ path: 'b.xml', text: FIXTURE }])).toBe('cvat');
  });

  it('refuses an image of another size', async () => {
    const out = await runImport('cvat', [{ path: 'annotations.xml', text: FIXTURE }], project([]), [
      imageItem('site/dock 1.jpg', 80, 60),
    ]);
    expect(out.ok).toBe(false);
  });
});

describe('CVAT masks', () => {
  it('runs over the mask box, row by row, starting with 0s (also when the first pixel is set)', () => {
    const pixels = new Uint8Array(5 * 4);
    // Row 1: x 1..2; row 2: x 1; the box is (1, 1) 2 × 2, its first pixel set.
    pixels[1 * 5 + 1] = 1;
    pixels[1 * 5 + 2] = 1;
    pixels[2 * 5 + 1] = 1;
    const rle = encodeRle(pixels, 5, 4);
    const cvat = toCvatMask(rle)!;
    expect(cvat).toEqual({ rle: [0, 3, 1], left: 1, top: 1, width: 2, height: 2 });
    expect(fromCvatMask(cvat, 5, 4)).toEqual(rle);
    expect(toCvatMask(encodeRle(new Uint8Array(20), 5, 4))).toBeUndefined();
  });

  it('round trip random masks exactly (seeded)', () => {
    const random = seeded(17);
    for (let n = 0; n < 200; n++) {
      const w = random.int(1, 12);
      const h = random.int(1, 12);
      const pixels = new Uint8Array(w * h).map(() => (random.chance(0.4) ? 1 : 0));
      const rle = encodeRle(pixels, w, h);
      const cvat = toCvatMask(rle);
      if (!cvat) {
        expect(pixels.every((p) => p === 0)).toBe(true);
        continue;
      }
      expect(cvat.rle.reduce((a, b) => a + b, 0)).toBe(cvat.width * cvat.height);
      expect(fromCvatMask(cvat, w, h)).toEqual(rle);
    }
  });
});

// Seeded round trips: export, import into a project without labels, export again.

const SEEDS = Array.from({ length: Number(process.env.ROUND_TRIP_SEEDS ?? 12) }, (_, i) => i + 1);
const colour = { name: 'colour', type: 'choice' as const, choices: ['red', 'blue'] };
const car: Label = {
  ...label('car', ['box', 'rbox', 'polygon', 'mask']),
  attributes: [colour, { name: 'occluded', type: 'boolean' }, { name: 'note', type: 'text' }],
};
const lane = label('lane', ['polyline', 'point']);
const night = label('night', ['image_class']);
const proj = project([car, lane, night]);

const xy = (random: Random, img: ImageItem): [number, number] => [
  random.chance(0.2) ? random.pick([0, img.width]) : random.float(0, img.width),
  random.chance(0.2) ? random.pick([0, img.height]) : random.float(0, img.height),
];

function scene(random: Random) {
  const items = [
    imageItem('cvat/a.png', random.int(1, 8), random.int(1, 8), 7000),
    imageItem('cvat/b 2.png', random.int(20, 300), random.int(20, 300), 7001),
    imageItem('cvat/empty.png', 10, 10, 7002),
  ];
  const annotations: Annotation[] = items.slice(0, 2).flatMap((img) => {
    const list: Annotation[] = [];
    const maybe = <A extends Annotation>(a: A): A => {
      const attributes: Record<string, string | boolean> = {};
      if (random.chance(0.3)) attributes.occluded = true;
      if (random.chance(0.3)) attributes.colour = random.pick(['red', 'blue']);
      if (random.chance(0.2)) attributes.note = 'a "quoted" <note> & more\tend';
      const z = random.chance(0.3) ? random.int(-3, 3) : 0;
      return {
        ...a,
        ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
        ...(z !== 0 ? { z } : {}),
      };
    };
    for (let i = random.int(0, 3); i > 0; i--) {
      const [x, y] = xy(random, img);
      list.push(maybe(box(img, car.id, x, y, random.float(0, 50), random.float(0, 50))));
    }
    for (let i = random.int(0, 2); i > 0; i--) {
      const [cx, cy] = xy(random, img);
      const angle = random.chance(0.1) ? 180 : random.float(-179.9, 180);
      list.push(maybe(rbox(img, car.id, cx, cy, random.float(0, 40), random.float(0, 40), angle)));
    }
    for (let i = random.int(0, 2); i > 0; i--)
      list.push(maybe(polygon(img, car.id, [xy(random, img), xy(random, img), xy(random, img)])));
    for (let i = random.int(0, 2); i > 0; i--)
      list.push(
        maybe(
          polyline(
            img,
            lane.id,
            Array.from({ length: random.int(2, 5) }, () => xy(random, img)),
          ),
        ),
      );
    for (let i = random.int(0, 2); i > 0; i--)
      list.push(maybe(point(img, lane.id, ...xy(random, img))));
    if (random.chance(0.7)) {
      const pixels = new Uint8Array(img.width * img.height).map(() => (random.chance(0.3) ? 1 : 0));
      pixels[random.int(0, pixels.length - 1)] = 1;
      list.push(maybe(mask(img, car.id, encodeRle(pixels, img.width, img.height))));
    }
    if (random.chance(0.5)) list.push(textClass(img, night.id));
    return list;
  });
  return { items, annotations };
}

/** What an annotation is besides its numbers: type, label, attributes, drawing order. */
const sorted = (list: readonly Annotation[], labels: readonly Label[]) =>
  list
    .map((a) => {
      const what = essence(a, labels);
      const kept = { type: a.type, label: what.label, attributes: a.attributes, z: a.z };
      return JSON.stringify(kept);
    })
    .sort();

describe.each(SEEDS)('CVAT round trip, seed %i', (seed) => {
  it('export → import → export gives the same file; a re-import adds nothing', async () => {
    const random = seeded(seed);
    const { items, annotations } = scene(random);
    const first = formatExports({ project: proj, items, annotations });
    const cvat = asTextFiles(first, 'exports/cvat/');
    expect(cvat.map((f) => f.path)).toEqual(['exports/cvat/annotations.xml']);
    // Into the same labels without the annotations (a project of its own is the fixture's test).
    const fresh = await mustImport('cvat', cvat, proj, items);
    const again = formatExports({ project: proj, items, annotations: fresh.annotations });
    expect(asTextFiles(again, 'exports/cvat/')).toEqual(cvat);
    const back = await mustImport('cvat', cvat, proj, items, annotations);
    expect([back.annotations.length, back.duplicates]).toEqual([0, annotations.length]);
    // The same shapes (the duplicate check above compared their geometry within float noise),
    // with the same labels, attributes and drawing order.
    expect(sorted(fresh.annotations, proj.labels)).toEqual(sorted(annotations, proj.labels));
  });
});

describe('CVAT export', () => {
  it('writes labels with attributes, images with their shapes, and warns what it leaves out', () => {
    const img = imageItem('x/y.png', 10, 10);
    const empty = mask(img, car.id, encodeRle(new Uint8Array(100), 10, 10));
    const plain = {
      ...box(img, car.id, 1, 2, 3, 4),
      attributes: { occluded: true, colour: 'red' },
    };
    const { files, warnings } = exportFormats({
      project: proj,
      items: [img],
      annotations: [plain, empty],
    });
    const xml = fileText(files, 'exports/cvat/annotations.xml');
    expect(xml).toContain(
      '    <box label="car" source="manual" occluded="1" xtl="1" ytl="2" xbr="4" ybr="6" z_order="0">\n      <attribute name="colour">red</attribute>\n    </box>',
    );
    expect(xml).toContain('<image id="0" name="x/y.png" width="10" height="10">');
    expect(xml).toContain('<input_type>select</input_type>');
    expect(xml).toContain('<values>red\nblue</values>');
    expect(warnings.filter((w) => w.path === 'exports/cvat/annotations.xml')).toMatchObject([
      { annotationId: empty.id, reason: expect.stringContaining('the mask is empty') as unknown },
    ]);
  });

  it('gives number attributes the whole-number range CVAT checks values against', () => {
    const img = imageItem('x/y.png', 10, 10);
    const crane: Label = {
      ...label('crane', ['box']),
      attributes: [{ name: 'height_m', type: 'number' }],
    };
    const buoy: Label = {
      ...label('buoy', ['point']),
      attributes: [{ name: 'depth', type: 'number' }],
    };
    const tall = { ...box(img, crane.id, 1, 1, 2, 2), attributes: { height_m: 7 } };
    const sunk = { ...box(img, crane.id, 3, 3, 2, 2), attributes: { height_m: -3 } };
    const half = { ...point(img, buoy.id, 5, 5), attributes: { depth: 2.5 } };
    const { files, warnings } = exportFormats({
      project: project([crane, buoy]),
      items: [img],
      annotations: [tall, sunk, half],
    });
    const xml = fileText(files, 'exports/cvat/annotations.xml');
    // min, max and step, as CVAT's number attributes hold them; the default 0 lies within.
    expect(xml).toContain(
      '<name>height_m</name>\n              <mutable>False</mutable>\n              <input_type>number</input_type>\n              <default_value>0</default_value>\n              <values>-3\n7\n1</values>',
    );
    expect(xml).toContain('<attribute name="height_m">-3</attribute>');
    // 2.5 is no CVAT number: the attribute becomes text, and the shape carrying it is named.
    expect(xml).toContain(
      '<name>depth</name>\n              <mutable>False</mutable>\n              <input_type>text</input_type>',
    );
    expect(xml).toContain('<attribute name="depth">2.5</attribute>');
    expect(warnings.filter((w) => w.path === 'exports/cvat/annotations.xml')).toEqual([
      {
        path: 'exports/cvat/annotations.xml',
        itemId: img.id,
        itemName: 'x/y.png',
        annotationId: half.id,
        reason:
          'its attribute "depth" is 2.5, but CVAT\'s numbers are whole numbers, so "depth" is written as a text attribute',
      },
    ]);
  });
});
