import { describe, expect, it } from 'vitest';
import {
  MAX_CANVAS_PIXELS,
  MAX_SCALE,
  actualSize,
  fit,
  panBy,
  pixelRatioFor,
  rotateView,
  toImage,
  toScreen,
  visibleRect,
  zoomAround,
} from '../../../src/model/viewport.ts';

const view = { width: 800, height: 600 };

describe('screen ↔ image', () => {
  it('maps both ways through scale and offset', () => {
    const v = { scale: 2, x: 100, y: -50 };
    expect(toScreen(v, { x: 10, y: 20 })).toEqual({ x: 120, y: -10 });
    expect(toImage(v, { x: 120, y: -10 })).toEqual({ x: 10, y: 20 });
  });

  it('zooms around the pointer: the image point under it stays put', () => {
    const v = { scale: 0.5, x: 30, y: 40 };
    const pointer = { x: 412, y: 233 };
    const before = toImage(v, pointer);
    const zoomed = zoomAround(v, pointer, 1.25);
    expect(zoomed.scale).toBeCloseTo(0.625);
    const after = toImage(zoomed, pointer);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('stops zooming at the limits', () => {
    expect(zoomAround({ scale: 30, x: 0, y: 0 }, { x: 0, y: 0 }, 4).scale).toBe(MAX_SCALE);
  });

  it('fits a large image centred with a margin', () => {
    const v = fit({ width: 12000, height: 8000 }, view, 16);
    expect(v.scale).toBeCloseTo(768 / 12000);
    expect(toScreen(v, { x: 6000, y: 4000 })).toEqual({ x: 400, y: 300 });
  });

  it('shows 1:1 around the centre of the view', () => {
    const v = { scale: 0.1, x: 20, y: 30 };
    const centre = toImage(v, { x: 400, y: 300 });
    const one = actualSize(v, view);
    expect(one.scale).toBe(1);
    expect(toImage(one, { x: 400, y: 300 }).x).toBeCloseTo(centre.x);
  });

  it('lands 1:1 on exactly scale 1 with whole-pixel offsets, from any zoom and pan', () => {
    // 0.9999999999999999 and a fractional offset resample every pixel: a 1-px checkerboard turns grey.
    for (const v of [
      { scale: 0.1, x: 20.37, y: 30.5 },
      { scale: 1 / 1.25 ** 3, x: -123.456, y: 7.77 },
      { scale: 3.3, x: 0.5, y: -0.25 },
    ]) {
      const one = actualSize(v, view);
      expect(one.scale).toBe(1);
      expect(Number.isInteger(one.x) && Number.isInteger(one.y)).toBe(true);
      // The image point at the centre moves by less than a pixel.
      const before = toImage(v, { x: 400, y: 300 });
      const after = toImage(one, { x: 400, y: 300 });
      expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(0.5);
    }
  });

  it('turns the view by quarter turns around its centre, and maps both ways when turned', () => {
    const image = { width: 1000, height: 500 };
    let v = fit(image, view);
    const centre = toImage(v, { x: 400, y: 300 });
    v = rotateView(v, view);
    expect(v.rotation).toBe(90);
    expect(toImage(v, { x: 400, y: 300 }).x).toBeCloseTo(centre.x);
    // Clockwise: the image's top-left corner is now at the top right of the picture.
    const tl = toScreen(v, { x: 0, y: 0 });
    const br = toScreen(v, { x: 1000, y: 500 });
    expect(tl.x).toBeGreaterThan(br.x);
    expect(tl.y).toBeLessThan(br.y);
    const p = { x: 123.25, y: 456.5 };
    for (let i = 0; i < 4; i++, v = rotateView(v, view)) {
      const back = toImage(v, toScreen(v, p));
      expect(back.x).toBeCloseTo(p.x, 9);
      expect(back.y).toBeCloseTo(p.y, 9);
    }
    expect(v.rotation ?? 0).toBe(90);
    // A quarter turn fits the image by its turned size.
    const turned = fit(image, view, 16, 90);
    expect(turned.scale).toBeCloseTo(568 / 1000);
    const seen = visibleRect(turned, view);
    expect(seen.x + seen.w / 2).toBeCloseTo(500);
    expect(seen.y + seen.h / 2).toBeCloseTo(250);
  });

  it('pans by screen pixels and reports the visible part of the image', () => {
    const v = panBy({ scale: 2, x: 0, y: 0 }, -200, -100);
    expect(visibleRect(v, view)).toEqual({ x: 100, y: 50, w: 400, h: 300 });
  });

  it('keeps coordinates in CSS pixels whatever the device pixel ratio', () => {
    // The same pointer position means the same image pixel at dpr 1 and 2.
    const v = fit({ width: 1000, height: 800 }, view);
    expect(toImage(v, { x: 400, y: 300 })).toEqual({ x: 500, y: 400 });
    expect(pixelRatioFor(view, 2)).toBe(2);
    expect(pixelRatioFor(view, 1)).toBe(1);
  });

  it('lowers the pixel ratio so no canvas exceeds 16.7 MP', () => {
    const huge = { width: 3840, height: 2160 };
    const ratio = pixelRatioFor(huge, 3);
    expect(ratio).toBeLessThan(3);
    expect(huge.width * huge.height * ratio * ratio).toBeLessThanOrEqual(MAX_CANVAS_PIXELS + 1);
    expect(pixelRatioFor(view, 0)).toBe(1);
  });
});
