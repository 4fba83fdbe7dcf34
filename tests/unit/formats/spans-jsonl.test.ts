import { describe, expect, it } from 'vitest';
import { formatExports } from '../../../src/formats/exports.ts';
import {
  fileText,
  label,
  project,
  span,
  spanOver,
  textClass,
  textItem,
} from '../../factories/annotations.ts';
import { offsetCases } from '../model/offset-cases.ts';

const person = label('Person', ['span']);
const urgent = label('Urgent', ['text_class']);

describe('spans JSONL export', () => {
  it('writes exactly id, text, spans and classes per line, offsets in code points', () => {
    const memo = textItem('memo-1', 'Ada 👩🏽‍💻 met Grace');
    const files = formatExports({
      project: project([person, urgent]),
      items: [memo],
      annotations: [
        spanOver(memo, person.id, 'Grace'),
        spanOver(memo, person.id, 'Ada'),
        textClass(memo, urgent.id),
      ],
    });
    const lines = fileText(files, 'exports/spans.jsonl').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        id: 'memo-1',
        text: 'Ada 👩🏽‍💻 met Grace',
        spans: [
          { start: 0, end: 3, label: 'Person', text: 'Ada' },
          { start: 13, end: 18, label: 'Person', text: 'Grace' },
        ],
        classes: ['Urgent'],
      },
    ]);
    expect(Object.keys(JSON.parse(lines[0]!) as object)).toEqual([
      'id',
      'text',
      'spans',
      'classes',
    ]);
  });

  it('slices the text the way Python does, for every tricky case', () => {
    for (const c of offsetCases.filter((c) => c.slices.length > 0 && !/lone/.test(c.name))) {
      const item = textItem(c.name, c.text);
      const annotations = c.slices.map(([start, end]) => span(item, person.id, start, end));
      const files = formatExports({ project: project([person]), items: [item], annotations });
      const line = JSON.parse(fileText(files, 'exports/spans.jsonl')) as {
        spans: { start: number; end: number; text: string }[];
      };
      const sorted = [...c.slices].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(
        line.spans.map((s) => [s.start, s.end, s.text]),
        c.name,
      ).toEqual(sorted);
    }
  });

  it('writes a line for every text item, with none for images', () => {
    const items = [textItem('a', 'one'), textItem('b', 'two')];
    const text = fileText(
      formatExports({ project: project([]), items, annotations: [] }),
      'exports/spans.jsonl',
    );
    expect(text).toBe(
      '{"id":"a","text":"one","spans":[],"classes":[]}\n{"id":"b","text":"two","spans":[],"classes":[]}\n',
    );
  });
});
