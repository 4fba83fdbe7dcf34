import { describe, expect, it } from 'vitest';
import {
  DISPLAY_MAX_PIXELS,
  displaySize,
  levelSizes,
  needsTiles,
  pickLevel,
  visibleTiles,
} from '../../../src/image/tiles.ts';

const huge = { width: 12000, height: 8000 };

describe('display picture and tiles for large images', () => {
  it('keeps small images as they are and shrinks 100 MP to at most 4 MP', () => {
    expect(displaySize({ width: 800, height: 600 })).toEqual({ width: 800, height: 600 });
    const display = displaySize(huge);
    expect(display.width * display.height).toBeLessThanOrEqual(DISPLAY_MAX_PIXELS);
    expect(display.width / display.height).toBeCloseTo(1.5, 2);
  });

  it('draws tiles only when the display picture would be magnified', () => {
    const display = displaySize(huge);
    expect(needsTiles(huge, display, 0.06, 1)).toBe(false);
    expect(needsTiles(huge, display, 0.5, 1)).toBe(true);
    expect(needsTiles(huge, display, 0.12, 2)).toBe(true);
    expect(needsTiles({ width: 800, height: 600 }, { width: 800, height: 600 }, 8, 2)).toBe(false);
  });

  it('lists the tiles that cover the visible part, cut at the image edge', () => {
    const tiles = visibleTiles(huge, { x: 11500, y: 7500, w: 2000, h: 2000 });
    expect(tiles).toEqual([{ x: 11264, y: 7168, w: 736, h: 832 }]);
    // Across a tile corner: four tiles; inside one tile: one.
    expect(visibleTiles(huge, { x: 1000, y: 1000, w: 100, h: 100 })).toHaveLength(4);
    expect(visibleTiles(huge, { x: 100, y: 100, w: 100, h: 100 })).toHaveLength(1);
    expect(visibleTiles(huge, { x: -5000, y: -5000, w: 100, h: 100 })).toEqual([]);
  });

  it('keeps halving pictures for zoomed-out views and picks the smallest one not magnified', () => {
    const levels = levelSizes(huge);
    expect(levels[0]).toEqual(displaySize(huge));
    expect(levels.at(-1)!.width).toBeLessThanOrEqual(512);
    levels.slice(1).forEach((l, i) => expect(l.width).toBe(Math.ceil(levels[i]!.width / 2)));
    // At fit in an 800-px view, 12000 px are shown on 800 device pixels: a small level will do.
    const fitLevel = levels[pickLevel(levels, huge, 800 / 12000, 1)]!;
    expect(fitLevel.width).toBeGreaterThanOrEqual(800);
    expect(fitLevel.width).toBeLessThan(1600);
    // On a 2× screen twice as many pixels are needed; zoomed far in, the largest.
    expect(levels[pickLevel(levels, huge, 800 / 12000, 2)]!.width).toBeGreaterThanOrEqual(1600);
    expect(pickLevel(levels, huge, 1, 1)).toBe(0);
    expect(levelSizes({ width: 300, height: 200 })).toEqual([{ width: 300, height: 200 }]);
  });
});
