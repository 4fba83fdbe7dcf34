import { describe, expect, it } from 'vitest';
import { exportFormats } from '../../../src/formats/exports.ts';
import { fileText, imageItem, label, project, rbox } from '../../factories/annotations.ts';
import { asTextFiles, mustImport } from '../../factories/import-pipeline.ts';
import { seeded } from '../../factories/random.ts';

// Label Studio turns a rectangle clockwise about its own top-left corner (value.x, value.y),
// `rotation` in degrees in [0, 360). Airlock stores a rotated box by its centre.

/** As Label Studio 1.x exports a rotated rectangle: ids, origin, image_rotation, percent values. */
const LS_EXPORT = JSON.stringify([
  {
    id: 7,
    data: { image: '/data/upload/1/5f3a9c21-dock.jpg' },
    annotations: [
      {
        id: 12,
        completed_by: 1,
        was_cancelled: false,
        result: [
          {
            original_width: 200,
            original_height: 100,
            image_rotation: 0,
            value: {
              x: 10,
              y: 20,
              width: 30,
              height: 40,
              rotation: 90,
              rectanglelabels: ['crane'],
            },
            id: 'Xk2_9aLp',
            from_name: 'label',
            to_name: 'image',
            type: 'rectanglelabels',
            origin: 'manual',
          },
          {
            original_width: 200,
            original_height: 100,
            image_rotation: 0,
            value: {
              x: 50,
              y: 50,
              width: 10,
              height: 10,
              rotation: 315,
              rectanglelabels: ['crane'],
            },
            id: 'Qw8_1mZr',
            from_name: 'label',
            to_name: 'image',
            type: 'rectanglelabels',
            origin: 'manual',
          },
        ],
      },
    ],
    predictions: [],
  },
]);

describe('Label Studio rotated rectangles', () => {
  it('import as rotated boxes about their centre', async () => {
    const img = imageItem('dock.jpg', 200, 100);
    const imported = await mustImport(
      'label-studio',
      [{ path: 'ls.json', text: LS_EXPORT }],
      project([]),
      [img],
    );
    const near = (v: number) => expect.closeTo(v, 9) as unknown;
    // (20, 20) px, 60 × 40 px, a quarter turn: the width runs down from the corner.
    // 315° is -45°: (100, 50) px, 20 × 10 px.
    const h = Math.SQRT1_2;
    expect(imported.annotations).toMatchObject([
      { type: 'rbox', cx: near(0), cy: near(50), w: near(60), h: near(40), angle: 90 },
      {
        type: 'rbox',
        cx: near(100 + 10 * h + 5 * h),
        cy: near(50 - 10 * h + 5 * h),
        w: near(20),
        h: near(10),
        angle: -45,
      },
    ]);
    expect(imported.created.map((l) => [l.name, l.kinds])).toEqual([['crane', ['rbox']]]);
  });

  it('refuses a turned rectangle whose image size is not stated', async () => {
    const task = JSON.parse(LS_EXPORT) as {
      annotations: { result: Record<string, unknown>[] }[];
    }[];
    delete task[0]!.annotations[0]!.result[0]!.original_width;
    const { runImport } = await import('../../factories/import-pipeline.ts');
    const out = await runImport(
      'label-studio',
      [{ path: 'ls.json', text: JSON.stringify(task) }],
      project([]),
      [imageItem('dock.jpg', 200, 100)],
    );
    expect(out.ok).toBe(false);
    if (!out.ok)
      expect(out.problems).toContainEqual(
        expect.objectContaining({
          where: '[0].annotations[0].result[0].value',
          reason: expect.stringContaining('without original_width') as unknown,
        }),
      );
  });

  it('export back with their rotation, and re-import adds nothing (seeded)', async () => {
    const { next: random } = seeded(1717);
    const crane = label('crane', ['rbox']);
    const img = imageItem('dock.jpg', 640, 480);
    const shapes = Array.from({ length: 40 }, () =>
      rbox(
        img,
        crane.id,
        random() * 640,
        random() * 480,
        1 + random() * 200,
        1 + random() * 100,
        // Never 0: a 0° rotated box reads back from Label Studio as a box (and is warned).
        Math.round((random() * 358 - 179) * 1000) / 1000 || 1,
      ),
    );
    const p = project([crane]);
    const first = exportFormats({ project: p, items: [img], annotations: shapes });
    const ls = JSON.parse(fileText(first.files, 'exports/label-studio.json')) as {
      annotations: { result: { value: { rotation: number } }[] }[];
    }[];
    const rotations = ls[0]!.annotations[0]!.result.map((r) => r.value.rotation);
    expect(rotations.every((r) => r > 0 && r < 360)).toBe(true);
    expect(first.warnings.filter((w) => w.path === 'exports/label-studio.json')).toEqual([]);

    const files = asTextFiles(first.files, 'exports/label-studio.json');
    const again = await mustImport('label-studio', files, p, [img], shapes);
    expect([again.annotations.length, again.duplicates]).toEqual([0, 40]);
    const fresh = await mustImport('label-studio', files, p, [img]);
    for (const [i, a] of fresh.annotations.entries()) {
      const b = shapes.find((s) => Math.abs(s.cx - (a as typeof s).cx) < 1e-6)!;
      expect(a, `shape ${i}`).toMatchObject({
        type: 'rbox',
        w: expect.closeTo(b.w, 9) as unknown,
        h: expect.closeTo(b.h, 9) as unknown,
        cy: expect.closeTo(b.cy, 9) as unknown,
        angle: expect.closeTo(b.angle, 9) as unknown,
      });
    }
  });

  it('warns that a rotated box at 0° comes back as a box', () => {
    const crane = label('crane', ['rbox']);
    const img = imageItem('dock.jpg', 640, 480);
    const flat = rbox(img, crane.id, 50, 50, 20, 10, 0);
    const { warnings } = exportFormats({
      project: project([crane]),
      items: [img],
      annotations: [flat],
    });
    expect(warnings.filter((w) => w.path === 'exports/label-studio.json')).toMatchObject([
      { annotationId: flat.id, reason: expect.stringContaining('reads back as a box') as unknown },
    ]);
  });
});
