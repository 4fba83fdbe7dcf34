import { describe, expect, it } from 'vitest';
import { NativeRecord, fromNative, nativeLine } from '../../../src/bundle/native-record.ts';
import { Annotation } from '../../../src/model/annotation.ts';
import {
  conversation,
  flag,
  preference,
  ranking,
  rating,
  words,
} from '../../factories/conversations.ts';

describe('native records of conversations', () => {
  const item = conversation(
    'q1',
    [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi 👋' },
    ],
    [
      { id: 'a', content: 'Hello', model: 'alpha' },
      { id: 'b', content: 'Hey' },
    ],
  );
  const answers = [
    preference(item, 'L1', ['b', 'a'], 'a', 2),
    preference(item, 'L1', ['a', 'b'], 'tie'),
    ranking(item, 'L2', [['b'], ['a']]),
    rating(item, 'L3', 4, 'a'),
    rating(item, 'L4', 2),
    words(item, 'L5', 'because', 'b'),
    flag(item, 'L6', 'b'),
    {
      ...flag(item, 'L7', 'a'),
      type: 'span' as const,
      start: 1,
      end: 3,
      text: 'el',
    },
  ];

  it('write the item and every answer as the spec names them', () => {
    const record = JSON.parse(nativeLine(item, answers)) as {
      item: unknown;
      annotations: Record<string, unknown>[];
    };
    expect(record.item).toEqual({
      id: item.id,
      kind: 'conversation',
      name: 'q1',
      sha256: item.sha256,
      context: item.context,
      responses: [
        { id: 'a', content: 'Hello', model: 'alpha' },
        { id: 'b', content: 'Hey' },
      ],
    });
    const COMMON = ['id', 'label', 'annotator', 'created_at', 'updated_at'];
    const strip = (a: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(a).filter(([k]) => !COMMON.includes(k)));
    expect(record.annotations.map(strip)).toEqual([
      { type: 'preference', shown: ['b', 'a'], choice: 'a', strength: 2 },
      { type: 'preference', shown: ['a', 'b'], choice: 'tie' },
      { type: 'ranking', shown: ['b', 'a'], order: [['b'], ['a']] },
      { type: 'rating', response: 'a', value: 4 },
      { type: 'rating', value: 2 },
      { type: 'text', response: 'b', text: 'because' },
      { type: 'class', field: 'response:b' },
      { type: 'span', start: 1, end: 3, text: 'el', field: 'response:a' },
    ]);
  });

  it('read back into the same annotations', () => {
    const record = NativeRecord.parse(JSON.parse(nativeLine(item, answers)));
    const back = record.annotations.map((a) =>
      Annotation.parse(fromNative(a, 'project-1', item.id)),
    );
    const normalise = (a: Annotation) => ({ ...a, annotator: a.annotator.toUpperCase() });
    expect(back).toEqual(answers.map(normalise));
  });

  it('refuse a preference for a response that was not shown, or a tie with a strength', () => {
    expect(Annotation.safeParse(preference(item, 'L1', ['a', 'b'], 'c', 1)).success).toBe(false);
    expect(Annotation.safeParse(preference(item, 'L1', ['a', 'b'], 'tie', 1)).success).toBe(false);
  });
});
