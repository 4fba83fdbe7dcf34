import { describe, expect, it } from 'vitest';
import { splitIntoBatches } from '../../../src/model/batches.ts';

const ids = Array.from({ length: 10 }, (_, i) => `i${i}`);

describe('splitting items into batches', () => {
  it('gives every batch the overlap and deals the rest out evenly, in order', () => {
    const { batches, overlap } = splitIntoBatches(ids, 3, 4);
    expect(overlap).toEqual(['i0', 'i2', 'i5', 'i7']);
    for (const batch of batches) expect(batch).toEqual(expect.arrayContaining(overlap));
    const own = batches.map((b) => b.filter((id) => !overlap.includes(id)));
    // Shared: floor(k * 10 / 4) = 0, 2, 5, 7. The other six go round: i1 i3 i4 i6 i8 i9.
    expect(own).toEqual([
      ['i1', 'i6'],
      ['i3', 'i8'],
      ['i4', 'i9'],
    ]);
    // Every item is in some batch; non-shared items in exactly one.
    expect(new Set(batches.flat())).toEqual(new Set(ids));
    expect(own.flat().sort()).toEqual(ids.filter((id) => !overlap.includes(id)).sort());
    // Each batch keeps the project's order.
    for (const batch of batches)
      expect(batch).toEqual([...batch].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
  });

  it('with one batch and no overlap is the whole project', () => {
    expect(splitIntoBatches(ids, 1, 0)).toEqual({ batches: [ids], overlap: [] });
  });

  it('clamps an overlap larger than the project to all items', () => {
    const { batches, overlap } = splitIntoBatches(ids.slice(0, 3), 2, 9);
    expect(overlap).toEqual(['i0', 'i1', 'i2']);
    expect(batches).toEqual([overlap, overlap]);
  });
});
