import { describe, expect, it } from 'vitest';
import { csvCell, csvLines, unescapeCsvCell } from '../../../src/formats/csv-text.ts';
import { parseCsv } from '../../../src/import/csv.ts';
import { formatExports } from '../../../src/formats/exports.ts';
import { parseYolo } from '../../../src/formats/yolo-import.ts';
import {
  box,
  fileText,
  imageItem,
  label,
  project,
  textClass,
  textItem,
} from '../../factories/annotations.ts';

// What a spreadsheet would run as a formula, whatever column it sits in.
const HOSTILE = [
  "'=already",
  "'quoted'",
  '=1+1',
  '+1',
  '-1',
  '@SUM(A1)',
  '\t=cmd',
  '\r=cmd',
  '=HYPERLINK("x","y")',
];

describe('CSV cells (formula injection)', () => {
  it.each(HOSTILE)('writes %j with a leading apostrophe, and reads it back unchanged', (value) => {
    const cell = csvCell(value);
    expect(cell.replace(/^"/, '')).toMatch(/^'/);
    const [[read]] = parseCsv(`${cell}\r\n`).rows as [[string]];
    expect(read).toBe(`'${value}`);
    expect(unescapeCsvCell(read)).toBe(value);
  });

  it.each(['plain', 'a=b', "it's", '', '1.5', 'ünïcode 🎉', 'x-1'])(
    'leaves %j as it is',
    (value) => {
      expect(unescapeCsvCell(csvCell(value))).toBe(value);
      if (!/[",\r\n]/.test(value)) expect(csvCell(value)).toBe(value);
    },
  );

  it('quotes after escaping: a formula with a comma stays one cell', () => {
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvLines([['=a', 'b"c', 'x']])).toBe(`'=a,"b""c",x\r\n`);
  });

  it('escapes item ids and names in classes.csv, not only label names', () => {
    const urgent = label('-urgent', ['text_class']);
    const item = { ...textItem('@memo', 'text'), id: '=cmd|calc' };
    const csv = fileText(
      formatExports({
        project: project([urgent]),
        items: [item],
        annotations: [textClass(item, urgent.id)],
      }),
      'exports/classes.csv',
    );
    const { rows } = parseCsv(csv);
    expect(rows).toEqual([
      ['item_name', 'item_id', 'kind', "'-urgent"],
      ["'@memo", "'=cmd|calc", 'text', '1'],
    ]);
  });

  it('escapes stems and file names in YOLO images.csv, and the YOLO import undoes it', () => {
    const person = label('person', ['box']);
    const image = imageItem('-minus.png', 100, 50);
    const files = formatExports({
      project: project([person]),
      items: [image],
      annotations: [box(image, person.id, 10, 10, 20, 20)],
    });
    const csv = fileText(files, 'exports/yolo/images.csv');
    expect(parseCsv(csv).rows[1]).toEqual(["'-minus", "'-minus.png", image.sha256, '100', '50']);

    const parsed = parseYolo(
      ['exports/yolo/data.yaml', 'exports/yolo/images.csv', 'exports/yolo/labels/-minus.txt'].map(
        (path) => ({ path, text: fileText(files, path) }),
      ),
    );
    expect(parsed.ok && parsed.records[0]?.target).toEqual({
      kind: 'image',
      stem: '-minus',
      labelPath: 'exports/yolo/labels/-minus.txt',
      fileName: '-minus.png',
      sha256: image.sha256,
    });
  });
});
