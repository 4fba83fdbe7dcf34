import { describe, expect, it } from 'vitest';
import { exportFormats } from '../../../src/formats/exports.ts';
import { dotaCategory } from '../../../src/formats/dota.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { ImageItem } from '../../../src/model/item.ts';
import { box, fileText, imageItem, label, project } from '../../factories/annotations.ts';

const plane = label('plane', ['rbox']);
const ship = label('large vehicle', ['rbox', 'box']);

function rbox(
  item: ImageItem,
  labelId: string,
  [cx, cy, w, h, angle]: [number, number, number, number, number],
  attributes?: Annotation['attributes'],
): Annotation {
  return {
    ...box(item, labelId, 0, 0, 1, 1),
    type: 'rbox',
    cx,
    cy,
    w,
    h,
    angle,
    ...(attributes ? { attributes } : {}),
  };
}

describe('YOLO-OBB export', () => {
  it('writes the four corners normalized, clockwise from the box’s own top-left', () => {
    const img = imageItem('field.png', 200, 100);
    const { files, warnings } = exportFormats({
      project: project([plane, ship]),
      items: [img],
      // 20 × 10 centred at (50, 25), turned 90° clockwise: corners (55,15) (55,35) (45,35) (45,15).
      annotations: [rbox(img, plane.id, [50, 25, 20, 10, 90]), box(img, ship.id, 100, 60, 40, 20)],
    });
    expect(fileText(files, 'exports/yolo-obb/labels/field.txt')).toBe(
      // Canonical order: boxes before rotated boxes.
      '1 0.5 0.6 0.7 0.6 0.7 0.8 0.5 0.8\n' + '0 0.275 0.15 0.275 0.35 0.225 0.35 0.225 0.15\n',
    );
    expect(fileText(files, 'exports/yolo-obb/data.yaml')).toContain(
      'nc: 2\nnames:\n  0: "plane"\n  1: "large vehicle"\n',
    );
    // Nothing is lost in YOLO-OBB or DOTA (other formats warn of the rotated box they leave out).
    expect(warnings.filter((w) => /^exports\/(yolo-obb|dota)\//.test(w.path))).toEqual([]);
  });

  it('clamps a corner outside the image to its edge and reports it', () => {
    const img = imageItem('edge.png', 100, 100);
    // A 20 × 20 square at 45° centred 5 px from the left edge: its left corner is at
    // x = 5 − 10√2 ≈ −9.14, clamped to 0; the others stay.
    const { files, warnings } = exportFormats({
      project: project([plane]),
      items: [img],
      annotations: [rbox(img, plane.id, [5, 50, 20, 20, 45])],
    });
    const line = fileText(files, 'exports/yolo-obb/labels/edge.txt').trim().split(' ');
    const v = line.slice(1).map(Number);
    expect(v.every((x) => x >= 0 && x <= 1)).toBe(true);
    const d = (10 * Math.SQRT2) / 100;
    // Corners: top (5, 50 − 10√2), right, bottom, left (clamped).
    expect(v[0]).toBeCloseTo(0.05, 9);
    expect(v[1]).toBeCloseTo(0.5 - d, 9);
    expect(v[2]).toBeCloseTo(0.05 + d, 9);
    expect(v[6]).toBe(0);
    expect(v[7]).toBeCloseTo(0.5, 9);
    expect(warnings.filter((w) => w.path.includes('yolo-obb'))).toEqual([
      expect.objectContaining({
        path: 'exports/yolo-obb/labels/edge.txt',
        reason: expect.stringMatching(/outside the image and was clamped/) as unknown,
      }),
    ]);
  });

  it('is written only when the project has rotated boxes, with an empty file per other image', () => {
    const a = imageItem('a.png', 10, 10);
    const b = imageItem('b.png', 10, 10);
    const boxesOnly = exportFormats({
      project: project([ship]),
      items: [a],
      annotations: [box(a, ship.id, 1, 1, 2, 2)],
    });
    expect(boxesOnly.files.some((f) => f.path.startsWith('exports/yolo-obb/'))).toBe(false);
    expect(boxesOnly.files.some((f) => f.path.startsWith('exports/dota/'))).toBe(false);
    const both = exportFormats({
      project: project([plane]),
      items: [a, b],
      annotations: [rbox(a, plane.id, [5, 5, 2, 2, 0])],
    });
    expect(fileText(both.files, 'exports/yolo-obb/labels/b.txt')).toBe('');
    expect(fileText(both.files, 'exports/dota/labelTxt/b.txt')).toBe('');
  });
});

describe('DOTA export', () => {
  it('writes pixel corners, the category without spaces and difficult from the attribute', () => {
    const img = imageItem('P0001.png', 200, 100);
    const { files } = exportFormats({
      project: project([plane, ship]),
      items: [img],
      annotations: [
        rbox(img, plane.id, [50, 25, 20, 10, 90], { difficult: true }),
        box(img, ship.id, 100, 60, 40, 20),
      ],
    });
    expect(fileText(files, 'exports/dota/labelTxt/P0001.txt')).toBe(
      '100 60 140 60 140 80 100 80 large_vehicle 0\n' + '55 15 55 35 45 35 45 15 plane 1\n',
    );
    expect(fileText(files, 'exports/dota/categories.csv')).toBe(
      'category,label\r\nplane,plane\r\nlarge_vehicle,large vehicle\r\n',
    );
  });

  it('keeps a shape reaching outside the image as stored, with a warning', () => {
    const img = imageItem('edge.png', 100, 100);
    const { files, warnings } = exportFormats({
      project: project([plane]),
      items: [img],
      annotations: [rbox(img, plane.id, [0, 50, 20, 10, 0])],
    });
    expect(fileText(files, 'exports/dota/labelTxt/edge.txt')).toBe(
      '-10 45 10 45 10 55 -10 55 plane 0\n',
    );
    expect(warnings.map((w) => w.path)).toEqual([
      'exports/coco.json',
      'exports/yolo-obb/labels/edge.txt',
      'exports/dota/labelTxt/edge.txt',
      'exports/label-studio.json',
    ]);
  });

  it('names categories DOTA can split on whitespace', () => {
    expect(dotaCategory('small vehicle')).toBe('small_vehicle');
    expect(dotaCategory(' tab\there ')).toBe('tab_here');
    expect(dotaCategory('   ')).toBe('_');
  });
});
