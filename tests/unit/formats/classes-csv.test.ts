import { describe, expect, it } from 'vitest';
import { formatExports } from '../../../src/formats/exports.ts';
import {
  fileText,
  imageItem,
  label,
  project,
  textClass,
  textItem,
} from '../../factories/annotations.ts';

describe('classes CSV export', () => {
  it('writes one row per item and a 0/1 column per class label', () => {
    const urgent = label('Urgent', ['text_class']);
    const odd = label('=HYPERLINK("x"), "quoted"', ['text_class', 'image_class']);
    const night = label('Night', ['image_class']);
    const memo = textItem('memo, 1', 'text');
    const photo = imageItem('+photo.png', 2, 2);
    const files = formatExports({
      project: project([urgent, label('Person', ['span']), odd, night]),
      items: [memo, photo],
      annotations: [
        textClass(memo, urgent.id),
        textClass(photo, night.id),
        textClass(photo, odd.id),
      ],
    });
    expect(fileText(files, 'exports/classes.csv')).toBe(
      [
        `item_name,item_id,kind,Urgent,"'=HYPERLINK(""x""), ""quoted""",Night`,
        `"memo, 1",${memo.id},text,1,0,0`,
        `'+photo.png,${photo.id},image,0,1,1`,
        '',
      ].join('\r\n'),
    );
  });

  it('is written only when the project has class labels', () => {
    const files = formatExports({
      project: project([label('Person', ['span'])]),
      items: [textItem('a', 'b')],
      annotations: [],
    });
    expect(files.map((f) => f.path)).not.toContain('exports/classes.csv');
  });
});
