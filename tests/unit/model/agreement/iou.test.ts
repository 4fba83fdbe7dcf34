import { describe, expect, it } from 'vitest';
import {
  boxIoU,
  polygonIoU,
  polygonRegion,
  regionIoU,
  regionIoUBound,
  type Point,
} from '../../../../src/model/agreement/iou.ts';

const rect = (x: number, y: number, w: number, h: number): Point[] => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];

// An L: the 10 × 10 square without its top-right 6 × 6 corner (y down: "top" is y < 4 here,
// so the L is the bottom strip y ∈ [0, 4] plus the left strip x ∈ [0, 4]). Area 100 − 36 = 64.
const ell: Point[] = [
  [0, 0],
  [10, 0],
  [10, 4],
  [4, 4],
  [4, 10],
  [0, 10],
];

describe('box IoU', () => {
  it('is 1 for the same box', () => {
    expect(boxIoU({ x: 3, y: 4, w: 5, h: 6 }, { x: 3, y: 4, w: 5, h: 6 })).toBe(1);
  });

  it('is a third for two 10 × 10 boxes shifted by half', () => {
    // shared 5 × 10 = 50, union 100 + 100 − 50 = 150
    expect(boxIoU({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 0, w: 10, h: 10 })).toBe(50 / 150);
  });

  it('is the area ratio for a box inside another', () => {
    // 5 × 5 inside 10 × 10: 25 / 100
    expect(boxIoU({ x: 0, y: 0, w: 10, h: 10 }, { x: 2, y: 2, w: 5, h: 5 })).toBe(0.25);
  });

  it('is a diagonal overlap computed on both axes', () => {
    // [0, 4] × [0, 4] and [2, 8] × [3, 6]: shared [2, 4] × [3, 4] = 2, union 16 + 18 − 2 = 32
    expect(boxIoU({ x: 0, y: 0, w: 4, h: 4 }, { x: 2, y: 3, w: 6, h: 3 })).toBe(2 / 32);
  });

  it('is 0 for boxes that touch or lie apart', () => {
    expect(boxIoU({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 10, h: 10 })).toBe(0);
    expect(boxIoU({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 10, w: 1, h: 1 })).toBe(0);
    expect(boxIoU({ x: 0, y: 0, w: 1, h: 1 }, { x: 50, y: 50, w: 1, h: 1 })).toBe(0);
  });

  it('is 0, not NaN, for boxes without area', () => {
    expect(boxIoU({ x: 1, y: 1, w: 0, h: 5 }, { x: 1, y: 1, w: 0, h: 5 })).toBe(0);
  });
});

describe('polygon IoU', () => {
  it('agrees with box IoU on rectangles', () => {
    const boxes: [number, number, number, number][] = [
      [0, 0, 10, 10],
      [5, 0, 10, 10],
      [2, 2, 5, 5],
      [2, 3, 6, 3],
      [-3.5, 1.25, 7.75, 2.5],
    ];
    for (const a of boxes) {
      for (const b of boxes) {
        const expected = boxIoU(
          { x: a[0], y: a[1], w: a[2], h: a[3] },
          { x: b[0], y: b[1], w: b[2], h: b[3] },
        );
        expect(polygonIoU(rect(...a), rect(...b))).toBeCloseTo(expected, 12);
      }
    }
  });

  it('does not care which way a polygon is wound', () => {
    const reversed = [...ell].reverse();
    const square = rect(2, 2, 6, 6);
    expect(polygonIoU(reversed, square)).toBeCloseTo(polygonIoU(ell, square), 12);
    expect(polygonIoU(ell, [...square].reverse())).toBeCloseTo(polygonIoU(ell, square), 12);
  });

  it('is 1 for the same concave polygon', () => {
    expect(polygonIoU(ell, ell)).toBeCloseTo(1, 12);
    // Starting the outline at another vertex changes the fan, not the shape.
    expect(polygonIoU(ell, [...ell.slice(3), ...ell.slice(0, 3)])).toBeCloseTo(1, 12);
  });

  it('measures a square over the notch of an L', () => {
    // Square [2, 8]²: area 36. The L covers [2, 8] × [2, 4] (12) and [2, 4] × [4, 8] (8) of it.
    // shared 20, union 64 + 36 − 20 = 80, IoU = 0.25
    expect(polygonIoU(ell, rect(2, 2, 6, 6))).toBeCloseTo(0.25, 12);
  });

  it('measures two concave polygons', () => {
    // The L turned half a turn about (5, 5): strips y ∈ [6, 10] and x ∈ [6, 10]; area 64.
    // The L's bottom strip meets its right strip in [6, 10] × [0, 4] (16), the L's left strip
    // meets its top strip in [0, 4] × [6, 10] (16): shared 32, union 64 + 64 − 32 = 96.
    const turned: Point[] = ell.map(([x, y]) => [10 - x, 10 - y]);
    expect(polygonIoU(ell, turned)).toBeCloseTo(32 / 96, 12);
  });

  it('is the area ratio for a polygon inside another', () => {
    // Right triangle with legs 6 (area 18) inside the 10 × 10 square (100).
    const triangle: Point[] = [
      [2, 2],
      [8, 2],
      [2, 8],
    ];
    expect(polygonIoU(rect(0, 0, 10, 10), triangle)).toBeCloseTo(0.18, 12);
  });

  it('measures two triangles crossing as a star of David', () => {
    // Two equilateral triangles, one turned half a turn about the same centre, meet in a
    // regular hexagon of 2/3 of a triangle's area: IoU = (2/3) / (2 − 2/3) = 1/2.
    const corner = (k: number, turn: number): Point => [
      100 + 60 * Math.cos(turn + (k * 2 * Math.PI) / 3),
      100 + 60 * Math.sin(turn + (k * 2 * Math.PI) / 3),
    ];
    const up = [0, 1, 2].map((k) => corner(k, -Math.PI / 2));
    const down = [0, 1, 2].map((k) => corner(k, Math.PI / 2));
    expect(polygonIoU(up, down)).toBeCloseTo(0.5, 12);
  });

  it('gives a self-crossing outline a number in [0, 1], not NaN', () => {
    const bowTie: Point[] = [
      [0, 0],
      [10, 10],
      [10, 0],
      [0, 10],
    ];
    for (const other of [bowTie, rect(0, 0, 10, 10), rect(0, 0, 5, 10)]) {
      const iou = polygonIoU(bowTie, other);
      expect(iou).toBeGreaterThanOrEqual(0);
      expect(iou).toBeLessThanOrEqual(1);
    }
  });

  it('is 0 for polygons that touch along an edge or at a corner', () => {
    expect(polygonIoU(rect(0, 0, 10, 10), rect(10, 0, 10, 10))).toBe(0);
    expect(polygonIoU(rect(0, 0, 10, 10), rect(10, 10, 5, 5))).toBe(0);
    // The L and the square filling its missing corner share only the L's inner edges.
    expect(polygonIoU(ell, rect(4, 4, 6, 6))).toBeCloseTo(0, 12);
  });

  it('is 0 for a polygon in the notch of a U, though their bounding boxes overlap', () => {
    const u: Point[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [7, 10],
      [7, 3],
      [3, 3],
      [3, 10],
      [0, 10],
    ];
    const inside = rect(4, 5, 2, 3);
    expect(regionIoUBound(polygonRegion(u), polygonRegion(inside))).toBeGreaterThan(0);
    expect(polygonIoU(u, inside)).toBeCloseTo(0, 12);
  });

  it('ignores repeated and collinear vertices', () => {
    const cluttered: Point[] = [
      [0, 0],
      [5, 0],
      [10, 0],
      [10, 0],
      [10, 4],
      [4, 4],
      [4, 7],
      [4, 10],
      [0, 10],
      [0, 0],
    ];
    expect(polygonIoU(cluttered, rect(2, 2, 6, 6))).toBeCloseTo(0.25, 12);
    expect(polygonIoU(cluttered, ell)).toBeCloseTo(1, 12);
  });

  it('never exceeds the bound used to skip pairs', () => {
    const shapes = [ell, rect(2, 2, 6, 6), rect(0, 0, 10, 10), rect(5, 5, 10, 10)].map(
      polygonRegion,
    );
    for (const a of shapes) {
      for (const b of shapes)
        expect(regionIoU(a, b)).toBeLessThanOrEqual(regionIoUBound(a, b) + 1e-12);
    }
  });

  it('matches an independent estimate on random star-shaped polygons', () => {
    // Vertices at sorted random angles around a centre make a simple, usually concave
    // polygon. The estimate counts grid cell centres inside both (even-odd ray casting),
    // an entirely different method; 250 × 250 cells keep its error well under 0.01.
    const random = seeded(7);
    for (let trial = 0; trial < 8; trial++) {
      const a = star(random, 20 + random() * 10, 20 + random() * 10, 8 + Math.floor(random() * 10));
      const b = star(random, 20 + random() * 10, 20 + random() * 10, 8 + Math.floor(random() * 10));
      expect(Math.abs(polygonIoU(a, b) - sampledIoU(a, b, 250))).toBeLessThan(0.01);
    }
  });
});

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function star(random: () => number, cx: number, cy: number, corners: number): Point[] {
  const angles = Array.from({ length: corners }, () => random() * 2 * Math.PI).sort(
    (x, y) => x - y,
  );
  return angles.map((angle) => {
    const r = 4 + random() * 16;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
  });
}

function inside(points: readonly Point[], x: number, y: number): boolean {
  let odd = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

function sampledIoU(a: readonly Point[], b: readonly Point[], cells: number): number {
  const all = [...a, ...b];
  const minX = Math.min(...all.map((p) => p[0]));
  const maxX = Math.max(...all.map((p) => p[0]));
  const minY = Math.min(...all.map((p) => p[1]));
  const maxY = Math.max(...all.map((p) => p[1]));
  let both = 0;
  let either = 0;
  for (let i = 0; i < cells; i++) {
    for (let j = 0; j < cells; j++) {
      const x = minX + ((i + 0.5) / cells) * (maxX - minX);
      const y = minY + ((j + 0.5) / cells) * (maxY - minY);
      const inA = inside(a, x, y);
      const inB = inside(b, x, y);
      if (inA && inB) both++;
      if (inA || inB) either++;
    }
  }
  return either === 0 ? 0 : both / either;
}
