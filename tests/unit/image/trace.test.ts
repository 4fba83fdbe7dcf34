import { describe, expect, it } from 'vitest';
import { tracePath } from '../../../src/ui/image/trace.ts';
import { drawShapes } from '../../../src/ui/image/draw.ts';
import type { Shape } from '../../../src/model/geometry.ts';
import { imageItem, polygon } from '../../factories/annotations.ts';

// The shapes layer draws what a labeler can see: vertices within one screen pixel of the last
// one drawn are skipped (1,000 polygons of 50 vertices at Fit are mostly such vertices), and
// too many vertices in view are outlined, not tinted.

/** A canvas context that records the path calls it is given. */
function recorder() {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      calls.push(
        `${name}(${args.map((a) => (typeof a === 'number' ? a.toFixed(2) : String(a))).join(',')})`,
      );
  const ctx = {
    moveTo: record('moveTo'),
    lineTo: record('lineTo'),
    closePath: record('closePath'),
    rect: record('rect'),
    arc: record('arc'),
    beginPath: record('beginPath'),
    fill: record('fill'),
    stroke: record('stroke'),
    strokeRect: record('strokeRect'),
    fillRect: record('fillRect'),
    fillText: record('fillText'),
    drawImage: record('drawImage'),
    globalAlpha: 1,
    lineWidth: 1,
    strokeStyle: '',
    fillStyle: '',
    font: '',
    textBaseline: '',
    imageSmoothingEnabled: true,
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

/** A ring of `n` vertices of radius `r` around (cx, cy). */
const ring = (n: number, r: number, cx = 100, cy = 100): [number, number][] =>
  Array.from({ length: n }, (_, k) => [
    cx + r * Math.cos((k / n) * 2 * Math.PI),
    cy + r * Math.sin((k / n) * 2 * Math.PI),
  ]);

describe('tracePath', () => {
  it('draws every vertex when they are pixels apart on screen', () => {
    const { ctx, calls } = recorder();
    tracePath(ctx, ring(50, 100), { scale: 1, x: 0, y: 0 });
    expect(calls.filter((c) => c.startsWith('lineTo'))).toHaveLength(49);
    expect(calls[0]).toBe('moveTo(200.00,100.00)');
    expect(calls.at(-1)).toBe('closePath()');
  });

  it('skips vertices within a pixel of the last one drawn, keeping the first and the last', () => {
    const { ctx, calls } = recorder();
    // 50 vertices on a ring 10 px across on screen: about 0.6 px apart.
    const points = ring(50, 50);
    tracePath(ctx, points, { scale: 0.1, x: 0, y: 0 });
    const lines = calls.filter((c) => c.startsWith('lineTo'));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.length).toBeLessThan(30);
    const [lx, ly] = points.at(-1)!;
    expect(lines.at(-1)).toBe(`lineTo(${(lx * 0.1).toFixed(2)},${(ly * 0.1).toFixed(2)})`);
  });

  it('keeps an open polyline’s end even when it is close to the vertex before it', () => {
    const { ctx, calls } = recorder();
    tracePath(
      ctx,
      [
        [0, 0],
        [50, 0],
        [50.2, 0],
      ],
      { scale: 1, x: 0, y: 0 },
      false,
    );
    expect(calls).toEqual(['moveTo(0.00,0.00)', 'lineTo(50.00,0.00)', 'lineTo(50.20,0.00)']);
  });
});

describe('drawShapes', () => {
  const style = { colorOf: () => '#f00', nameOf: () => 'Lake', edgesOf: () => [] };
  const picture = imageItem('lakes.png', 1000, 1000);
  const polygons = (count: number, vertices: number): Shape[] =>
    Array.from({ length: count }, (_, i) =>
      polygon(
        picture,
        'lake',
        ring(vertices, 20, 30 + (i % 10) * 40, 30 + Math.floor(i / 10) * 40),
      ),
    );
  const draw = (shapes: Shape[]) => {
    const { ctx, calls } = recorder();
    const bounds = shapes.map(() => ({ x: 0, y: 0, w: 1000, h: 1000 }));
    drawShapes(
      ctx,
      shapes,
      bounds,
      { scale: 1, x: 0, y: 0 },
      { width: 1000, height: 1000 },
      style,
      new Set(),
    );
    return calls;
  };

  it('tints a few polygons and only outlines many vertices', () => {
    // The polygons' tint is one even-odd fill of their batched path.
    expect(draw(polygons(20, 50))).toContain('fill(evenodd)');
    // 300 polygons are few enough by count, but their 15,000 vertices are too many to fill.
    const many = draw(polygons(300, 50));
    expect(many).not.toContain('fill(evenodd)');
    expect(many).toContain('stroke()');
  });
});
