import { describe, expect, it } from 'vitest';
import { keptOrder, shownOrder } from '../../../src/model/conversation.ts';

// Responses are shown in an order seeded per labeler and item; once answered, the order the
// answers were given against is kept.

const ids = ['r1', 'r2', 'r3', 'r4'];
const seed = (labeler: string, item = 'c1') => ({ project: 'p', labeler, item });

describe('the order responses are shown in', () => {
  it('is the same each time for one labeler and item, and varies across them', () => {
    expect(shownOrder(ids, seed('a'))).toEqual(shownOrder(ids, seed('a')));
    expect([...shownOrder(ids, seed('a'))].sort()).toEqual(ids);
    const orders = Array.from({ length: 40 }, (_, i) => shownOrder(ids, seed(`l${i}`)));
    // Every labeler judges the same pair as A and B; the sides and the rest vary.
    const pairs = new Set(orders.map((o) => o.slice(0, 2).sort().join()));
    expect(pairs.size).toBe(1);
    expect(new Set(orders.map((o) => o[0])).size).toBe(2);
    expect(new Set(orders.map((o) => o.slice(2).join())).size).toBe(2);
    // Items pick different pairs.
    const itemPairs = Array.from({ length: 40 }, (_, i) =>
      shownOrder(ids, seed('a', `c${i}`))
        .slice(0, 2)
        .sort()
        .join(),
    );
    expect(new Set(itemPairs).size).toBe(6);
    // Either response of a pair comes first about half the time, across items and labelers.
    const first = Array.from(
      { length: 2000 },
      (_, i) => shownOrder(['x', 'y'], seed(`l${i % 7}`, `c${i}`))[0],
    );
    const xFirst = first.filter((id) => id === 'x').length;
    expect(xFirst).toBeGreaterThan(900);
    expect(xFirst).toBeLessThan(1100);
    const byLabeler = Array.from(
      { length: 400 },
      (_, i) => shownOrder(['x', 'y'], seed(`l${i}`))[0],
    );
    expect(byLabeler.filter((id) => id === 'x').length).toBeGreaterThan(170);
    expect(byLabeler.filter((id) => id === 'x').length).toBeLessThan(230);
    expect(shownOrder([], seed('a'))).toEqual([]);
    expect(shownOrder(['only'], seed('a'))).toEqual(['only']);
  });

  it('keeps the pair a preference was given against first, then a ranking’s order', () => {
    const seeded = ['r3', 'r1', 'r4', 'r2'];
    expect(keptOrder(seeded, [])).toEqual(seeded);
    expect(keptOrder(seeded, [{ type: 'preference', shown: ['r2', 'r4'] }])).toEqual([
      'r2',
      'r4',
      'r3',
      'r1',
    ]);
    expect(
      keptOrder(seeded, [
        { type: 'ranking', shown: ['r4', 'r3', 'r2', 'r1'] },
        { type: 'preference', shown: ['r1', 'r2'] },
      ]),
    ).toEqual(['r1', 'r2', 'r4', 'r3']);
    // Answers naming responses the item does not have (another item's) are not followed.
    expect(keptOrder(seeded, [{ type: 'preference', shown: ['r9', 'r1'] }])).toEqual(seeded);
    expect(keptOrder(seeded, [{ type: 'class' }])).toEqual(seeded);
  });
});
