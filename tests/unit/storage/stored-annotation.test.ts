import { describe, expect, it } from 'vitest';
import { Annotation } from '../../../src/model/annotation.ts';
import { storedAnnotation } from '../../../src/storage/stored-annotation.ts';
import { CorruptRecordError } from '../../../src/storage/errors.ts';

const base = {
  id: 'a1',
  projectId: 'p',
  itemId: 'i',
  label: 'person',
  annotator: 'me',
  createdAt: '2026-12-05T00:00:00.000Z',
  updatedAt: '2026-12-05T00:00:00.000Z',
};
const span = { ...base, type: 'span', start: 3, end: 8, text: 'Lovel' };
const relation = { ...base, type: 'relation', from: 'a', to: 'b' };

// Rows as storage could hold them: written by this app, by an older one, or damaged.
const rows: [string, unknown][] = [
  ['a span', span],
  ['a span with a comment', { ...span, comment: 'check the name' }],
  ['a span with attributes', { ...span, attributes: { certain: true } }],
  ['a span on a conversation message', { ...span, field: { message: 0 } }],
  ['a span with a field the schema drops', { ...span, colour: 'red' }],
  ['a relation', relation],
  ['a class', { ...base, type: 'class' }],
  ['a box', { ...base, type: 'box', x: 1, y: 2, w: 3, h: 4 }],
  ['a span ending where it starts', { ...span, end: 3 }],
  ['a span at a negative offset', { ...span, start: -1 }],
  ['a span at a fractional offset', { ...span, end: 8.5 }],
  ['a span at an unsafe offset', { ...span, end: 2 ** 60 }],
  ['a span without its text', { ...span, text: undefined }],
  ['a span with an empty id', { ...span, id: '' }],
  ['a span with a numeric label', { ...span, label: 7 }],
  ['a span with a comment set to nothing', { ...span, comment: undefined }],
  ['a span with a comment too long', { ...span, comment: 'x'.repeat(10_001) }],
  ['a relation without a target', { ...relation, to: '' }],
  ['an unknown type', { ...base, type: 'doodle' }],
  ['not an object', 'span'],
  ['nothing', null],
];

describe('reading stored annotations', () => {
  it.each(rows)('reads %s as the schema does', (_, row) => {
    const parsed = Annotation.safeParse(row);
    if (parsed.success) expect(storedAnnotation(row)).toEqual(parsed.data);
    else expect(() => storedAnnotation(row)).toThrow(CorruptRecordError);
  });

  it('takes a plain span or relation as stored, without a copy', () => {
    expect(storedAnnotation(span)).toBe(span);
    expect(storedAnnotation(relation)).toBe(relation);
  });

  it('names the damaged record and what is wrong with it', () => {
    expect(() => storedAnnotation({ ...span, id: 'bad', end: 2 })).toThrow(
      /^Stored annotation bad is damaged: .*ends after it starts/,
    );
  });
});
