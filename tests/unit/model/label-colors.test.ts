import { describe, expect, it } from 'vitest';
import { CLOSE, LABEL_PALETTE, colorDistance, nextColor } from '../../../src/model/label-colors.ts';

const labelsIn = (...colors: string[]) => colors.map((color) => ({ color }));

/** Adds `count` labels one by one, each with the colour nextColor picks then. */
function grow(count: number, start: string[] = []): string[] {
  const colors = [...start];
  for (let i = 0; i < count; i++) colors.push(nextColor(labelsIn(...colors)));
  return colors.slice(start.length);
}

describe('the colour of a new label', () => {
  it('walks the palette in order in a new project', () => {
    expect(grow(10)).toEqual([...LABEL_PALETTE]);
  });

  it('skips a palette colour a label already has, whatever its case', () => {
    expect(nextColor(labelsIn('#E6194B'))).toBe('#3cb44b');
  });

  it('skips a palette colour close to a hand-picked one', () => {
    // One step from the palette's red and green: neither is handed out again.
    expect(nextColor(labelsIn('#e6194c', '#3db44b'))).toBe('#4363d8');
  });

  it('fills a gap left by a deleted label before going past the palette', () => {
    const used = LABEL_PALETTE.filter((c) => c !== '#911eb4');
    expect(nextColor(labelsIn(...used))).toBe('#911eb4');
  });

  it('past the palette, picks a colour clearly apart from every used one', () => {
    const [eleventh] = grow(1, [...LABEL_PALETTE]);
    expect(LABEL_PALETTE).not.toContain(eleventh);
    for (const c of LABEL_PALETTE)
      expect(colorDistance(eleventh!, c)).toBeGreaterThanOrEqual(CLOSE);
  });

  it('never hands out a colour twice, even for 40 labels', () => {
    const colors = grow(40);
    expect(new Set(colors).size).toBe(40);
    // Each new one is as far from the ones before as the candidates allow: never the same.
    colors.forEach((c, i) =>
      colors.slice(0, i).forEach((d) => expect(colorDistance(c, d)).toBeGreaterThan(0)),
    );
  });

  it('measures distance symmetrically, 0 for the same colour', () => {
    expect(colorDistance('#123456', '#123456')).toBe(0);
    expect(colorDistance('#000000', '#ffffff')).toBeCloseTo(764.8, 1);
    expect(colorDistance('#e6194b', '#808000')).toBe(colorDistance('#808000', '#e6194b'));
  });
});
