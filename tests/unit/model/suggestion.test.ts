import { describe, expect, it } from 'vitest';
import { changeWaiting, mergeSuggestions } from '../../../src/model/suggestion.ts';

const s = (id: string, start: number, end: number, label = 'person') => ({
  id,
  label,
  start,
  end,
  text: 'x'.repeat(end - start),
});

describe('the waiting list', () => {
  it('merges new suggestions in reading order, skipping labeled and already waiting ones', () => {
    const merged = mergeSuggestions(
      [s('a', 10, 13)],
      [s('b', 0, 3), s('c', 10, 13), s('d', 5, 8)],
      [{ label: 'person', start: 5, end: 8 }],
    );
    expect(merged.map((x) => x.id)).toEqual(['b', 'a']);
  });

  it('takes some off and puts others back, one per label and offsets', () => {
    const waiting = [s('a', 0, 3), s('b', 5, 8), s('c', 9, 12)];
    expect(changeWaiting(waiting, [s('b', 5, 8)], []).map((x) => x.id)).toEqual(['a', 'c']);
    // "b" comes back where "b2" was suggested again since: one of them, the one coming back.
    const again = [s('a', 0, 3), s('b2', 5, 8)];
    expect(changeWaiting(again, [], [s('b', 5, 8)]).map((x) => x.id)).toEqual(['a', 'b']);
    // Another label on the same offsets is a different suggestion.
    expect(changeWaiting(again, [], [s('p', 5, 8, 'place')]).map((x) => x.id)).toEqual([
      'a',
      'b2',
      'p',
    ]);
  });
});
