import { describe, expect, it } from 'vitest';
import {
  clampDelta,
  clampShape,
  clampPoint,
  handleAt,
  hits,
  insertVertex,
  moveShapes,
  nearestEdge,
  rectFromCorners,
  removeVertex,
  resizeRect,
  shapesAt,
  tidy,
} from '../../../src/model/geometry.ts';
import { box, point, polygon } from '../image/driver.ts';

const image = { width: 1000, height: 800 };

describe('geometry in image pixels', () => {
  it('clamps points to the image and keeps 1/100 px', () => {
    expect(clampPoint({ x: -5, y: 900 }, image)).toEqual({ x: 0, y: 800 });
    expect(clampPoint({ x: 10.123456, y: 20.5 }, image)).toEqual({ x: 10.12, y: 20.5 });
    expect(tidy(0.1 + 0.2)).toBe(0.3);
  });

  it('spans a rectangle from corners dragged any way, inside the image', () => {
    expect(rectFromCorners({ x: 300, y: 200 }, { x: 100, y: 50 }, image)).toEqual({
      x: 100,
      y: 50,
      w: 200,
      h: 150,
    });
    expect(rectFromCorners({ x: 950, y: 750 }, { x: 1200, y: 900 }, image)).toEqual({
      x: 950,
      y: 750,
      w: 50,
      h: 50,
    });
  });

  it('limits a move so the whole group stays inside the image', () => {
    expect(clampDelta({ x: 10, y: 10, w: 100, h: 100 }, -50, 20, image)).toEqual({ x: -10, y: 20 });
    const moved = moveShapes([box('a', 10, 10, 100, 100), point('b', 500, 400)], -50, 1000, image);
    expect(moved.map((s) => (s.type === 'box' || s.type === 'point' ? [s.x, s.y] : s))).toEqual([
      [0, 410],
      [490, 800],
    ]);
  });

  it('hits boxes inside and near their edge, points near them, polygons inside or on an edge', () => {
    const b = box('a', 100, 100, 50, 50);
    expect(hits(b, { x: 125, y: 125 }, 2)).toBe(true);
    expect(hits(b, { x: 98.5, y: 125 }, 2)).toBe(true);
    expect(hits(b, { x: 90, y: 125 }, 2)).toBe(false);
    expect(hits(point('p', 10, 10), { x: 12, y: 11 }, 3)).toBe(true);
    const tri = polygon('t', [
      [0, 0],
      [100, 0],
      [0, 100],
    ]);
    expect(hits(tri, { x: 10, y: 10 }, 1)).toBe(true);
    expect(hits(tri, { x: 80, y: 80 }, 1)).toBe(false);
    expect(hits(tri, { x: 51, y: 51 }, 2)).toBe(true);
  });

  it('orders shapes under the pointer: smallest first, then the one drawn last', () => {
    const big = box('big', 0, 0, 500, 500);
    const small = box('small', 100, 100, 50, 50);
    const twin = box('twin', 100, 100, 50, 50);
    expect(shapesAt([big, small, twin], { x: 120, y: 120 }, 1).map((s) => s.id)).toEqual([
      'twin',
      'small',
      'big',
    ]);
    expect(shapesAt([big, small], { x: 900, y: 700 }, 1)).toEqual([]);
  });

  it('finds resize handles at corners and edge midpoints', () => {
    const r = { x: 100, y: 100, w: 200, h: 100 };
    expect(handleAt(r, { x: 101, y: 99 }, 3)).toBe('nw');
    expect(handleAt(r, { x: 200, y: 200 }, 3)).toBe('s');
    expect(handleAt(r, { x: 300, y: 150 }, 3)).toBe('e');
    expect(handleAt(r, { x: 150, y: 150 }, 3)).toBeUndefined();
  });

  it('resizes by a handle, flips past the opposite edge, and stops at the image border', () => {
    const r = { x: 100, y: 100, w: 200, h: 100 };
    expect(resizeRect(r, 'se', { x: 400, y: 250 }, image)).toEqual({
      x: 100,
      y: 100,
      w: 300,
      h: 150,
    });
    expect(resizeRect(r, 'e', { x: 50, y: 999 }, image)).toEqual({ x: 50, y: 100, w: 50, h: 100 });
    expect(resizeRect(r, 'nw', { x: -30, y: -30 }, image)).toEqual({ x: 0, y: 0, w: 300, h: 200 });
  });

  it('inserts a vertex on the nearest edge and refuses to leave fewer than 3', () => {
    const square: [number, number][] = [
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
    ];
    const edge = nearestEdge(square, { x: 50, y: 2 }, 5);
    expect(edge).toEqual({ index: 0, at: { x: 50, y: 0 } });
    expect(insertVertex(square, 0, edge!.at, image)).toEqual([
      [0, 0],
      [50, 0],
      [100, 0],
      [100, 100],
      [0, 100],
    ]);
    expect(removeVertex(square, 1)).toEqual([
      [0, 0],
      [100, 100],
      [0, 100],
    ]);
    expect(removeVertex(square.slice(0, 3), 0)).toBeUndefined();
  });

  it('cuts shapes to the image, dropping a box with nothing left inside', () => {
    expect(clampShape(box('a', 900, 700, 300, 300), image)).toMatchObject({
      x: 900,
      y: 700,
      w: 100,
      h: 100,
    });
    expect(clampShape(box('b', 1200, 100, 50, 50), image)).toBeUndefined();
    expect(clampShape(point('p', -3, 900), image)).toMatchObject({ x: 0, y: 800 });
    expect(
      clampShape(
        polygon('q', [
          [10, 10],
          [1500, 10],
          [10, 900],
        ]),
        image,
      ),
    ).toMatchObject({
      points: [
        [10, 10],
        [1000, 10],
        [10, 800],
      ],
    });
  });
});
