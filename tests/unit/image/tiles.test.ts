import { describe, expect, it } from 'vitest';
import {
  DISPLAY_MAX_PIXELS,
  displaySize,
  needsTiles,
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
});
