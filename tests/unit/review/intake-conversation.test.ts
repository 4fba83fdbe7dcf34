import { describe, expect, it } from 'vitest';
import { itemProblems } from '../../../src/review/intake-rules.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { Label } from '../../../src/model/label.ts';
import {
  conversation,
  flag,
  preference,
  ranking,
  rating,
  words,
} from '../../factories/conversations.ts';

// What a lead's intake refuses in a labeler's answers on model outputs, before anything lands.

const item = conversation(
  'q',
  [{ role: 'user', content: 'Hi' }],
  [
    { id: 'a', content: 'Hello' },
    { id: 'b', content: 'Hey' },
  ],
);
const labels: Label[] = [
  { id: 'better', name: 'Better', color: '#000000', kinds: ['preference'], strength: 2 },
  { id: 'order', name: 'Order', color: '#000001', kinds: ['ranking'] },
  {
    id: 'helpful',
    name: 'Helpful',
    color: '#000002',
    kinds: ['rating'],
    scale: { min: 1, max: 7, names: {} },
  },
  { id: 'honest', name: 'Honest', color: '#000003', kinds: ['rating'] },
  { id: 'why', name: 'Why', color: '#000004', kinds: ['rationale'] },
  { id: 'refusal', name: 'Refusal', color: '#000005', kinds: ['flag'] },
];
const problems = (annotations: Annotation[]) =>
  itemProblems(item, annotations, { labels, classGroups: [] });

describe('intake of answers on model outputs', () => {
  it('takes a full set of answers', () => {
    expect(
      problems([
        preference(item, 'better', ['b', 'a'], 'a', 2),
        ranking(item, 'order', [['a', 'b']]),
        rating(item, 'helpful', 7, 'a'),
        rating(item, 'helpful', 1, 'b'),
        rating(item, 'honest', 5),
        words(item, 'why', 'Warmer', 'a'),
        flag(item, 'refusal', 'a'),
        flag(item, 'refusal', 'b'),
      ]),
    ).toEqual([]);
  });

  it('refuses responses the conversation does not have, and a ranking that misplaces one', () => {
    const [bad] = problems([preference(item, 'better', ['a', 'z'], 'a', 1)]);
    expect(bad).toMatch(/response z is not in this conversation/);
    expect(problems([ranking(item, 'order', [['a'], ['a']])])[0]).toMatch(
      /places a response twice/,
    );
  });

  it("refuses a rating outside its label's scale, and a strength past its label's", () => {
    const high = rating(item, 'helpful', 8, 'a');
    expect(problems([high])).toEqual([`annotation ${high.id}: rating 8 is outside the scale 1–7`]);
    // No scale declared: 1–5.
    expect(problems([rating(item, 'honest', 0)])[0]).toMatch(/rating 0 is outside the scale 1–5/);
    expect(problems([rating(item, 'honest', 2.5)])[0]).toMatch(/rating 2.5 is outside/);
    expect(problems([preference(item, 'better', ['a', 'b'], 'a', 3)])[0]).toMatch(
      /strength 3 is more than the most, 2/,
    );
  });

  it('refuses two answers to one question from one labeler', () => {
    const first = preference(item, 'better', ['a', 'b'], 'a', 1);
    const second = preference(item, 'better', ['a', 'b'], 'b', 1);
    expect(problems([first, second])).toEqual([
      `annotations ${first.id} and ${second.id} answer the same question`,
    ]);
    // The same rating label on two responses, or two flags, are different questions.
    expect(
      problems([
        rating(item, 'helpful', 3, 'a'),
        rating(item, 'helpful', 3, 'b'),
        flag(item, 'refusal', 'a'),
        flag(item, 'refusal', 'b'),
      ]),
    ).toEqual([]);
    expect(problems([rating(item, 'helpful', 3, 'a'), rating(item, 'helpful', 4, 'a')])[0]).toMatch(
      /answer the same question/,
    );
  });
});
