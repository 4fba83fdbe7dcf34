import { describe, expect, it } from 'vitest';
import { parseCoco } from '../../../src/formats/coco-import.ts';
import { parseYolo } from '../../../src/formats/yolo-import.ts';
import { parseDataYaml } from '../../../src/formats/yaml-names.ts';
import { parseVoc } from '../../../src/formats/voc-import.ts';
import { parseSpansJsonl } from '../../../src/formats/spans-jsonl-import.ts';
import { parseLabelStudio } from '../../../src/formats/label-studio-import.ts';
import { parseConll } from '../../../src/formats/conll-import.ts';
import { detectFormat } from '../../../src/formats/annotation-formats.ts';
import type { ParseResult } from '../../../src/formats/import-records.ts';

function records(result: ParseResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.records;
}

function problems(result: ParseResult) {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

const coco = (value: unknown) => JSON.stringify(value);
const image = { id: 7, file_name: 'a.jpg', width: 40, height: 30 };
const cat = { id: 3, name: 'car' };

describe('COCO import', () => {
  it('reads boxes and polygons, with the image they are on', () => {
    const out = records(
      parseCoco(
        'coco.json',
        coco({
          images: [image, { id: 8, file_name: 'unused.jpg', width: 1, height: 1 }],
          categories: [cat],
          annotations: [
            {
              id: 1,
              image_id: 7,
              category_id: 3,
              bbox: [1, 2, 3, 4],
              segmentation: [],
              area: 12,
              iscrowd: 0,
            },
            {
              id: 2,
              image_id: 7,
              category_id: 3,
              bbox: [0, 0, 4, 4],
              segmentation: [[0, 0, 4, 0, 4, 4]],
            },
          ],
        }),
      ),
    );
    expect(out).toEqual([
      {
        file: 'coco.json',
        where: 'image "a.jpg"',
        target: { kind: 'image', fileName: 'a.jpg', width: 40, height: 30 },
        annotations: [
          {
            category: 'car',
            geometry: { type: 'box', x: 1, y: 2, w: 3, h: 4 },
            where: 'annotations[0]',
            ref: '1',
          },
          {
            category: 'car',
            geometry: {
              type: 'polygon',
              points: [
                [0, 0],
                [4, 0],
                [4, 4],
              ],
            },
            where: 'annotations[1]',
            ref: '2',
          },
        ],
      },
    ]);
  });

  it('names the line and column of broken JSON', () => {
    expect(problems(parseCoco('coco.json', '{\n  "images": [,]\n}'))).toEqual([
      {
        file: 'coco.json',
        where: 'line 2, column 14',
        reason: expect.stringMatching(/^is not valid JSON \(/) as unknown,
      },
    ]);
  });

  it('names the JSON path of each bad annotation, and refuses the whole file', () => {
    const out = problems(
      parseCoco(
        'coco.json',
        coco({
          images: [image],
          categories: [cat],
          annotations: [
            { image_id: 7, category_id: 3, bbox: [1, 2, 3, 4] },
            { image_id: 9, category_id: 3, bbox: [1, 2, 3, 4] },
            { image_id: 7, category_id: 4, bbox: [1, 2, 3, 4] },
            { image_id: 7, category_id: 3, bbox: [1, 2, 3] },
            { image_id: 7, category_id: 3, bbox: [1, 2, -3, 4] },
            { image_id: 7, category_id: 3, segmentation: [[1, 2, 3]] },
          ],
        }),
      ),
    );
    expect(out.map((p) => `${p.where}: ${p.reason}`)).toEqual([
      'annotations[1].image_id: refers to no image in "images" (9)',
      'annotations[2].category_id: refers to no category in "categories" (4)',
      'annotations[3].bbox: is not [x, y, width, height] in numbers',
      'annotations[4].bbox: has a negative width or height',
      'annotations[5].segmentation[0]: is not a polygon (an even list of at least 6 numbers: x1, y1, x2, y2, …)',
    ]);
  });

  it('refuses what is not COCO, and takes an RLE crowd region as a mask with iscrowd', () => {
    expect(problems(parseCoco('x.json', '{"images": []}'))[0]!.reason).toMatch(/not a COCO file/);
    const crowd = (segmentation: unknown) =>
      parseCoco(
        'c.json',
        coco({
          images: [image],
          categories: [cat],
          annotations: [
            { id: 9, image_id: 7, category_id: 3, bbox: [1, 15, 1, 10], iscrowd: 1, segmentation },
          ],
        }),
      );
    // 45 pixels off (column 0 and 15 of column 1), 10 on, the rest off: as instances_val2017
    // writes crowds (uncompressed), and as a results file does (pycocotools' string).
    const plain = crowd({ counts: [45, 10, 1145], size: [30, 40] });
    const packed = crowd({ counts: ']1:iS1', size: [30, 40] });
    for (const parsed of [plain, packed]) {
      expect(records(parsed)[0]!.annotations).toEqual([
        {
          category: 'car',
          geometry: { type: 'mask', rle: { size: [30, 40], counts: [45, 10, 1145] } },
          attributes: { iscrowd: true },
          where: 'annotations[0]',
          ref: '9',
        },
      ]);
      expect(parsed.ok && parsed.notes).toEqual([
        'c.json: 1 crowd region(s) (iscrowd 1) came in with the attribute iscrowd.',
      ]);
    }
    expect(problems(crowd({ counts: [45, 10], size: [30, 40] }))[0]).toMatchObject({
      where: 'annotations[0].segmentation.counts',
    });
  });

  it('takes a three-part object as one multipolygon, and a rectangle segmentation as its box', () => {
    const out = records(
      parseCoco(
        'coco.json',
        coco({
          images: [image],
          categories: [cat],
          annotations: [
            {
              id: 1,
              image_id: 7,
              category_id: 3,
              bbox: [0, 0, 30, 10],
              iscrowd: 0,
              segmentation: [
                [0, 0, 5, 0, 5, 5],
                [10, 0, 15, 0, 15, 5],
                [20, 0, 30, 10, 20, 10],
              ],
            },
            {
              id: 2,
              image_id: 7,
              category_id: 3,
              bbox: [1.5, 2, 3, 4],
              iscrowd: 0,
              segmentation: [[1.5, 2, 4.5, 2, 4.5, 6, 1.5, 6]],
            },
          ],
        }),
      ),
    );
    expect(out[0]!.annotations.map((a) => a.geometry)).toEqual([
      {
        type: 'multipolygon',
        parts: [
          [
            [0, 0],
            [5, 0],
            [5, 5],
          ],
          [
            [10, 0],
            [15, 0],
            [15, 5],
          ],
          [
            [20, 0],
            [30, 10],
            [20, 10],
          ],
        ],
      },
      { type: 'box', x: 1.5, y: 2, w: 3, h: 4 },
    ]);
  });
});

describe('YOLO import', () => {
  const names = {
    path: 'ds/data.yaml',
    text: 'path: .\nnames:\n  0: person\n  1: "dog # good"  # comment\n',
  };

  it('reads boxes and polygons in fractions, with the stem and path of their image', () => {
    const out = records(
      parseYolo([
        names,
        { path: 'ds/labels/train/a.txt', text: '0 0.5 0.5 1 1\n\n1 0 0 1 0 0.5 1\n' },
        { path: 'ds/README.txt', text: 'not labels' },
      ]),
    );
    expect(out).toEqual([
      {
        file: 'ds/labels/train/a.txt',
        where: 'ds/labels/train/a.txt',
        target: { kind: 'image', stem: 'a', labelPath: 'ds/labels/train/a.txt' },
        annotations: [
          {
            category: 'person',
            where: 'line 1',
            geometry: { type: 'box', x: 0, y: 0, w: 1, h: 1, relative: true },
          },
          {
            category: 'dog # good',
            where: 'line 3',
            geometry: {
              type: 'polygon',
              points: [
                [0, 0],
                [1, 0],
                [0.5, 1],
              ],
              relative: true,
            },
          },
        ],
      },
    ]);
  });

  it('reads names as a block list, a flow list or classes.txt', () => {
    expect(parseDataYaml('d.yaml', "names:\n  - cat\n  - 'it''s'\n")).toEqual({
      ok: true,
      names: ['cat', "it's"],
    });
    expect(parseDataYaml('d.yaml', 'nc: 2\nnames: [cat, "a, b"]\n')).toEqual({
      ok: true,
      names: ['cat', 'a, b'],
    });
    expect(parseDataYaml('d.yaml', 'names:\n  0: a\n  2: c\n')).toEqual({
      ok: false,
      problem: {
        file: 'd.yaml',
        where: 'line 3',
        reason: 'lists class 2 where class 1 was expected',
      },
    });
    expect(
      records(
        parseYolo([
          { path: 'classes.txt', text: 'cat\ndog\n' },
          { path: 'x.txt', text: '1 0.5 0.5 0.1 0.1' },
        ]),
      )[0]!.annotations[0]!.category,
    ).toBe('dog');
  });

  it('names the file and line of every bad label line', () => {
    const out = problems(
      parseYolo([
        names,
        {
          path: 'labels/b.txt',
          text: '2 0.5 0.5 0.1 0.1\n0 0.5 1.2 0.1 0.1\n0 0.5 0.5 0.1 0.1 0.9\nx 0 0 0 0\n',
        },
      ]),
    );
    expect(out.map((p) => `${p.file} ${p.where}: ${p.reason}`)).toEqual([
      'labels/b.txt line 1: class "2" is not one of 0…1 from the class names',
      'labels/b.txt line 2: value "1.2" is not a number between 0 and 1',
      'labels/b.txt line 3: has 6 values; a box has 5 (class x_center y_center width height), a polygon 1 + 2 per point (at least 3 points)',
      'labels/b.txt line 4: class "x" is not one of 0…1 from the class names',
    ]);
  });

  it('refuses labels without class names', () => {
    expect(
      problems(parseYolo([{ path: 'labels/a.txt', text: '0 0.5 0.5 1 1' }]))[0]!.reason,
    ).toMatch(/no data.yaml .* or classes.txt/);
  });
});

describe('Pascal VOC import', () => {
  const voc = (objects: string) =>
    `<?xml version="1.0"?>\n<annotation>\n  <filename>a &amp; b.jpg</filename>\n  <size><width>40</width><height>30</height><depth>3</depth></size>\n${objects}</annotation>\n`;

  it('reads 1-based inclusive boxes back to pixel edges', () => {
    const out = records(
      parseVoc([
        {
          path: 'Annotations/a.xml',
          text: voc(
            '<object><name>car</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>10</xmax><ymax>5</ymax></bndbox></object>\n',
          ),
        },
      ]),
    );
    expect(out[0]!.target).toEqual({
      kind: 'image',
      stem: 'a',
      fileName: 'a & b.jpg',
      width: 40,
      height: 30,
    });
    expect(out[0]!.annotations).toEqual([
      {
        category: 'car',
        where: 'line 5 (object 1)',
        geometry: { type: 'box', x: 0, y: 1, w: 10, h: 4 },
      },
    ]);
  });

  it('names the line of malformed XML and of bad objects', () => {
    expect(
      problems(parseVoc([{ path: 'a.xml', text: '<annotation>\n<object>\n</annotation>' }])),
    ).toEqual([
      {
        file: 'a.xml',
        where: 'line 3',
        reason: 'is not well-formed XML: closes <annotation> where <object> is open',
      },
    ]);
    const bad = problems(
      parseVoc([
        {
          path: 'b.xml',
          text: voc(
            '<object><name>car</name></object>\n<object><name>x</name><bndbox><xmin>5</xmin><ymin>1</ymin><xmax>2</xmax><ymax>3</ymax></bndbox></object>\n<object><name>y</name><bndbox><xmin></xmin></bndbox></object>\n',
          ),
        },
      ]),
    );
    expect(bad.map((p) => `${p.where}: ${p.reason}`)).toEqual([
      'line 5 (object 1): has no <bndbox>',
      'line 6 (object 2): has xmax < xmin or ymax < ymin',
      'line 7 (object 3): has no number in <xmin>',
    ]);
  });

  it('never expands entities it does not know, nor a DOCTYPE subset', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<annotation><filename>&x;</filename></annotation>';
    expect(problems(parseVoc([{ path: 'x.xml', text: xxe }]))[0]!.reason).toMatch(
      /DOCTYPE with an internal subset/,
    );
    expect(
      problems(
        parseVoc([{ path: 'y.xml', text: '<annotation><filename>&x;</filename></annotation>' }]),
      )[0]!.reason,
    ).toMatch(/undefined entity &x;/);
    expect(problems(parseVoc([{ path: 'z.xml', text: '<root/>' }]))[0]!.reason).toMatch(
      /not a Pascal VOC file/,
    );
  });
});

describe('spans JSONL import', () => {
  it('catches offsets counted in UTF-16 by the covered text', () => {
    const line = JSON.stringify({
      id: 'x',
      text: '👍 Ada!!',
      spans: [{ start: 3, end: 6, label: 'P', text: 'Ada' }],
    });
    expect(problems(parseSpansJsonl('s.jsonl', `${line}\n`))).toEqual([
      {
        file: 's.jsonl',
        where: 'line 1, spans[0].text',
        reason: 'is "Ada" but text[3:6] is "da!"; offsets must count Unicode code points',
      },
    ]);
  });

  it('reads spans and classes, names bad lines, and skips blank ones', () => {
    const good = JSON.stringify({
      id: 'x',
      text: '👍 Ada',
      spans: [{ start: 2, end: 5, label: 'P', text: 'Ada' }],
      classes: ['Urgent'],
    });
    expect(records(parseSpansJsonl('s.jsonl', `\n${good}\r\n`))[0]).toMatchObject({
      where: 'line 2',
      target: { kind: 'text', text: '👍 Ada', name: 'x' },
      annotations: [
        { category: 'P', geometry: { type: 'span', start: 2, end: 5 } },
        { category: 'Urgent', geometry: { type: 'class' } },
      ],
    });
    const bad = problems(
      parseSpansJsonl(
        's.jsonl',
        `${good}\n{"text": "a", "spans": [{"start": 0, "end": 2, "label": "P"}]}\n{oops\n`,
      ),
    );
    expect(bad.map((p) => `${p.where}: ${p.reason}`)).toEqual([
      'line 2, spans[0]: [0, 2) is not a non-empty range inside the text (1 code points)',
      expect.stringMatching(/^line 3: is not valid JSON/) as unknown,
    ]);
  });
});

describe('Label Studio import', () => {
  it('reads every region type, skips cancelled work and credits the annotator', () => {
    const tasks = [
      {
        id: 1,
        data: { text: 'Ada met Grace' },
        annotations: [
          {
            completed_by: 4,
            result: [
              {
                id: 'a',
                type: 'labels',
                from_name: 'l',
                to_name: 't',
                value: { start: 0, end: 3, text: 'Ada', labels: ['Person'] },
              },
              {
                id: 'g',
                type: 'labels',
                value: { start: 8, end: 13, labels: ['Person', 'Scientist'] },
              },
              { type: 'relation', from_id: 'a', to_id: 'g', direction: 'right' },
              { id: 'c', type: 'choices', value: { choices: ['Urgent'] } },
            ],
          },
          {
            was_cancelled: true,
            result: [{ type: 'labels', value: { start: 0, end: 1, labels: ['X'] } }],
          },
        ],
      },
      {
        id: 2,
        data: { image: '/data/upload/1/3f2a9b1c-cat.jpg' },
        annotations: [
          {
            result: [
              {
                id: 'r',
                type: 'rectanglelabels',
                original_width: 200,
                original_height: 100,
                value: {
                  x: 10,
                  y: 20,
                  width: 50,
                  height: 25,
                  rotation: 0,
                  rectanglelabels: ['Cat'],
                },
              },
              {
                id: 'k',
                type: 'keypointlabels',
                original_width: 200,
                original_height: 100,
                value: { x: 1, y: 2, width: 0.5, keypointlabels: ['Eye'] },
              },
            ],
          },
        ],
      },
    ];
    const result = parseLabelStudio('ls.json', JSON.stringify(tasks));
    expect(result.ok && result.notes).toEqual(['ls.json: 1 cancelled annotation(s) were skipped.']);
    const [text, img] = records(result);
    expect(text!.annotations.map((a) => [a.category, a.geometry.type, a.ref, a.annotator])).toEqual(
      [
        ['Person', 'span', 'a', 'label-studio:user-4'],
        ['Person', 'span', 'g', 'label-studio:user-4'],
        ['Scientist', 'span', undefined, 'label-studio:user-4'],
        ['Related', 'relation', undefined, 'label-studio:user-4'],
        ['Urgent', 'class', undefined, 'label-studio:user-4'],
      ],
    );
    expect(img!.target).toEqual({
      kind: 'image',
      fileName: '/data/upload/1/3f2a9b1c-cat.jpg',
      width: 200,
      height: 100,
    });
    expect(img!.annotations.map((a) => a.geometry)).toEqual([
      { type: 'box', x: 0.1, y: 0.2, w: 0.5, h: 0.25, relative: true },
      { type: 'point', x: 0.01, y: 0.02, relative: true },
    ]);
  });

  it('names the task, annotation and region of what it cannot read', () => {
    const tasks = [
      {
        data: { text: 'abc' },
        annotations: [{ result: [{ type: 'labels', value: { start: 0, end: 9, labels: ['P'] } }] }],
      },
      {
        data: { image: 'a.png' },
        annotations: [
          {
            result: [
              {
                type: 'rectanglelabels',
                value: { x: 1, y: 1, width: 1, height: 1, rotation: 30, rectanglelabels: ['C'] },
              },
              { type: 'brushlabels', value: {} },
            ],
          },
        ],
      },
      { data: { a: 'x', b: 'y' } },
    ];
    expect(
      problems(parseLabelStudio('ls.json', JSON.stringify(tasks))).map(
        (p) => `${p.where}: ${p.reason}`,
      ),
    ).toEqual([
      '[0].annotations[0].result[0].value: [0, 9) is not a non-empty range inside the text (3 code points)',
      // Turned, but without the image size its turn needs (Label Studio always writes it).
      '[1].annotations[0].result[0].value: is a rotated rectangle without original_width and original_height, so its turn cannot be placed in pixels',
      '[1].annotations[0].result[1].type: "brushlabels" is not a region Airlock reads (labels, choices, rectanglelabels, polygonlabels, keypointlabels, relation)',
      '[2].data: has neither "image" nor "text" (nor a single text field)',
    ]);
  });
});

describe('CoNLL import', () => {
  it('rebuilds each document text and reads IOB2 and IOB1 tags', () => {
    const text =
      '-DOCSTART- -X- -X- O\n\nAda NNP B-NP I-PER\nLovelace NNP I-NP I-PER\nmet VBD B-VP O\n\nBoston NNP B-NP B-LOC\nMA NNP I-NP B-LOC\n\n-DOCSTART- -X- -X- O\n\nok O\n';
    const [first, second] = records(parseConll('c.conll', text));
    expect(first!.target).toEqual({
      kind: 'text',
      text: 'Ada Lovelace met\nBoston MA',
      name: 'c.conll:1',
      tokens: ['Ada', 'Lovelace', 'met', 'Boston', 'MA'],
      conll: {
        docstart: '-DOCSTART- -X- -X- O',
        scheme: 'IOB1',
        columns: ['NNP B-NP', 'NNP I-NP', 'VBD B-VP', 'NNP B-NP', 'NNP I-NP'],
      },
    });
    expect(first!.annotations.map((a) => [a.category, a.geometry])).toEqual([
      ['PER', { type: 'span', start: 0, end: 12, tokens: [0, 2] }],
      ['LOC', { type: 'span', start: 17, end: 23, tokens: [3, 4] }],
      ['LOC', { type: 'span', start: 24, end: 26, tokens: [4, 5] }],
    ]);
    expect(second!.target).toMatchObject({ text: 'ok' });
  });

  it('makes each sentence a document when the file has no -DOCSTART-', () => {
    expect(
      records(parseConll('w.txt', 'a\tB-X\nb\tO\n\nc\tO\n')).map(
        (r) => r.target.kind === 'text' && r.target.text,
      ),
    ).toEqual(['a b', 'c']);
  });

  it('names the line of a missing or unknown tag', () => {
    expect(
      problems(parseConll('c.txt', 'Ada B-PER\nLovelace\nmet E-PER\n')).map(
        (p) => `${p.where}: ${p.reason}`,
      ),
    ).toEqual([
      'line 2: has a token but no tag (expected "token … tag")',
      'line 3: tag "E-PER" is not O, B-<label> or I-<label>',
    ]);
  });
});

describe('format detection', () => {
  const f = (path: string, text = '') => ({ path, text });
  it('tells the formats apart by name and content', () => {
    expect(detectFormat([f('coco.json', ' {"images": []}')])).toBe('coco');
    expect(detectFormat([f('export.json', '[{"data": {}}]')])).toBe('label-studio');
    expect(detectFormat([f('a.xml'), f('b.xml')])).toBe('voc');
    expect(detectFormat([f('data.yaml', 'names: [a]'), f('labels/a.txt')])).toBe('yolo');
    expect(detectFormat([f('spans.jsonl')])).toBe('spans-jsonl');
    expect(detectFormat([f('train.conll')])).toBe('conll');
    expect(detectFormat([f('conll2003/eng.testa'), f('conll2003/eng.train')])).toBe('conll');
    expect(detectFormat([f('a.xml'), f('b.jsonl')])).toMatchObject({
      reason: expect.stringMatching(/mixes formats/) as unknown,
    });
    expect(detectFormat([f('notes.docx')])).toMatchObject({ file: 'notes.docx' });
  });
});
