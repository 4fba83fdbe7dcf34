import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Download } from 'playwright-core';
import { ROOT, screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import { ImageView } from './pages/image-view.ts';

// The newer shapes as a labeler makes them — rotated box, polyline, keypoints on a skeleton,
// a brushed mask — with attributes, undo/redo and a reload, then a signed bundle checked as a
// lab would: the airlock CLI, and Python reading COCO, YOLO-OBB, DOTA and the PNG masks.

const suite = appSuite();
const dir = mkdtempSync(join(tmpdir(), 'airlock-e2e-shapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Stored {
  id: string;
  type: string;
  label: string;
  attributes?: Record<string, unknown>;
  [geometry: string]: unknown;
}

/** Every image shape of the workspace as stored in IndexedDB, oldest first. */
function storedShapes(view: ImageView): Promise<Stored[]> {
  return view.page.evaluate(async () => {
    const open = indexedDB.open('airlock');
    await new Promise((done) => (open.onsuccess = done));
    const request = open.result.transaction('annotations').objectStore('annotations').getAll();
    await new Promise((done) => (request.onsuccess = done));
    open.result.close();
    return (request.result as (Stored & { createdAt: string })[])
      .filter((a) => ['rbox', 'polyline', 'keypoints', 'mask'].includes(a.type))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  });
}

const ofType = async (view: ImageView, type: string) =>
  (await storedShapes(view)).filter((s) => s.type === type);

// The sample project's village-day.png is 960 × 640. A cow pose category with a skeleton
// comes in by COCO import (with one pose on the picture), as a lab's pose project would.
const coco = {
  images: [{ id: 1, file_name: 'village-day.png', width: 960, height: 640 }],
  categories: [
    {
      id: 1,
      name: 'Cow',
      supercategory: 'animal',
      keypoints: ['head', 'back', 'tail'],
      skeleton: [
        [1, 2],
        [2, 3],
      ],
    },
  ],
  annotations: [
    {
      id: 1,
      image_id: 1,
      category_id: 1,
      keypoints: [50, 500, 2, 80, 510, 2, 110, 520, 1],
      num_keypoints: 3,
      bbox: [50, 500, 60, 20],
      area: 1200,
      iscrowd: 0,
    },
  ],
};

function airlockVerify(bundle: string, pub: string): string {
  return execFileSync('node', ['bin/airlock.mjs', 'verify', bundle, '--keys', pub], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('rotated boxes, polylines, keypoints and masks', () => {
  it('draws each, sets attributes, undoes, reloads, and exports COCO, YOLO-OBB, DOTA and PNG masks a pipeline reads', async () => {
    const bench = await suite.open();
    const page = bench.page;
    const view = new ImageView(page);
    await bench.projects.waitFor();
    await bench.withoutSavePicker();
    await bench.reload();

    await bench.addLabel('Plane', '7', ['Rotated box']);
    await page.getByRole('button', { name: 'Attributes of Plane' }).click();
    await page.getByRole('button', { name: 'Add occluded, truncated, difficult, iscrowd' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Attributes of Plane' }).textContent())
      .toContain('(4)');
    await bench.addLabel('Crack', '8', ['Polyline']);
    await bench.addLabel('Water', '9', ['Mask']);
    await bench.tab('Import').click();
    await page.getByLabel('Choose annotation files…').setInputFiles([
      {
        name: 'cows.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(coco)),
      },
    ]);
    const mapping = page.getByRole('dialog', { name: 'Map categories to labels' });
    await mapping.getByRole('button', { name: 'Import annotations' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Annotation import summary' }).textContent())
      .toMatch(/1 annotation added to 1 item\./);

    await bench.tab('Items').click();
    await bench.item('village-day.png').click();
    await view.ready();

    // Rotated box: R, drag an upright box, then turn it by keys: > 15° twice, . 1° once.
    await page.keyboard.press('r');
    await view.drag([100, 100], [260, 180]);
    await expect.poll(() => ofType(view, 'rbox')).toHaveLength(1);
    await page.keyboard.press('>');
    await page.keyboard.press('>');
    await page.keyboard.press('.');
    await expect.poll(async () => (await ofType(view, 'rbox'))[0]!.angle).toBe(31);
    // Attributes: "occluded" by its hotkey Q (while the canvas has the keyboard), "difficult"
    // in the panel.
    await page.keyboard.press('q');
    await expect
      .poll(async () => (await ofType(view, 'rbox'))[0]!.attributes)
      .toEqual({ occluded: true });
    const panel = page.getByRole('group', { name: /^Attributes of Plane rbox/ });
    await panel.getByRole('checkbox', { name: 'difficult' }).check();
    // A ticked checkbox keeps the keyboard (hotkeys count as typing there) until focus leaves.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expect
      .poll(async () => (await ofType(view, 'rbox'))[0]!.attributes)
      .toEqual({ difficult: true, occluded: true });
    await screenshot(page, 'shapes-rbox');

    // Polyline: L, three clicks, Enter ends the open path.
    await page.keyboard.press('l');
    for (const p of [
      [400, 100],
      [500, 160],
      [620, 120],
    ] as [number, number][])
      await view.click(p);
    await page.keyboard.press('Enter');
    await expect.poll(() => ofType(view, 'polyline')).toHaveLength(1);
    await screenshot(page, 'shapes-polyline');

    // Keypoints: K, the Cow's nodes in order; the back is hidden (Shift+click).
    await page.keyboard.press('k');
    await view.click([300, 400]);
    await view.click([340, 410], ['Shift']);
    await view.click([380, 430]);
    await expect.poll(() => ofType(view, 'keypoints')).toHaveLength(2);
    await screenshot(page, 'shapes-keypoints');

    // Mask: M, one brush stroke.
    await page.keyboard.press('m');
    await view.drag([700, 400], [820, 460]);
    await expect.poll(() => ofType(view, 'mask')).toHaveLength(1);
    await screenshot(page, 'shapes-mask');

    // Undo the stroke, redo it: the same mask, pixel for pixel.
    const painted = (await ofType(view, 'mask'))[0]!;
    await page.keyboard.press('Control+z');
    await expect.poll(() => ofType(view, 'mask')).toHaveLength(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await ofType(view, 'mask'))[0]?.rle).toEqual(painted.rle);

    // Reload: identical geometry and attributes.
    const before = await storedShapes(view);
    expect(before.map((s) => s.type)).toEqual([
      'keypoints',
      'rbox',
      'polyline',
      'keypoints',
      'mask',
    ]);
    await bench.reload();
    await bench.item('village-day.png').click();
    await view.ready();
    expect(await storedShapes(view)).toEqual(before);
    await screenshot(page, 'shapes-reloaded');

    // A signed bundle, verified by the CLI.
    const keyId = await bench.setUpSigning('Grace Hopper');
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByRole('button', { name: 'Export bundle…' }).click();
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(2);
    const [download, signature] = downloads as [Download, Download];
    const bundle = join(dir, download.suggestedFilename());
    await download.saveAs(bundle);
    await signature.saveAs(`${bundle}.minisig`);
    const pub = await bench.downloadPub(dir, 'grace.pub');
    expect(airlockVerify(bundle, pub)).toMatch(new RegExp(`^OK .*\\(key ${keyId}, grace\\.pub\\)`));

    const out = mkdtempSync(join(dir, 'unzipped-'));
    execFileSync('unzip', ['-q', bundle, '-d', out]);
    const exports = join(out, 'exports');
    // Python reads YOLO-OBB, DOTA and the PNG masks against coco.json's shapes.
    const found = JSON.parse(
      execFileSync('python3', [join(ROOT, 'tests/unit/formats/check_image_exports.py'), exports], {
        encoding: 'utf8',
      }),
    ) as Record<string, unknown>;
    expect(found).toMatchObject({
      obb_rboxes_matched: 1,
      dota_rboxes_matched: 1,
      dota_difficult: 1,
      keypoints: 2,
    });
    const masks = found.masks as { pixels: number; covered: number };
    expect(masks.covered).toBe(
      (before[4]!.rle as { counts: number[] }).counts.reduce((s, c, i) => s + (i % 2 ? c : 0), 0),
    );
    // COCO: the RLE as stored, the drawn pose with the hidden node, the box's attributes.
    const cocoOut = JSON.parse(readFileSync(join(exports, 'coco.json'), 'utf8')) as {
      images: { width: number; height: number }[];
      annotations: Record<string, unknown>[];
      categories: Record<string, unknown>[];
    };
    // One PNG per image of the project, every pixel read.
    expect(masks.pixels).toBe(cocoOut.images.reduce((s, i) => s + i.width * i.height, 0));
    const rle = cocoOut.annotations.find((a) => !Array.isArray(a.segmentation))!;
    expect(rle.segmentation).toEqual(before[4]!.rle);
    const drawnPose = (before[3]!.points as number[][]).flat();
    expect(
      cocoOut.annotations.find((a) => a.keypoints && (a.keypoints as number[])[0] !== 50),
    ).toMatchObject({ keypoints: drawnPose, num_keypoints: 3 });
    expect(drawnPose.filter((_, i) => i % 3 === 2)).toEqual([2, 1, 2]);
    expect(cocoOut.annotations.find((a) => a.airlock_rbox)).toMatchObject({
      attributes: { difficult: true, occluded: true },
      airlock_rbox: { angle: 31 },
    });
    expect(cocoOut.categories.find((c) => c.name === 'Cow')).toMatchObject({
      keypoints: ['head', 'back', 'tail'],
      skeleton: [
        [1, 2],
        [2, 3],
      ],
    });
    const dota = readFileSync(join(exports, 'dota/labelTxt/village-day.txt'), 'utf8');
    expect(dota).toMatch(/^(\S+ ){8}Plane 1\n$/);
    const obb = readFileSync(join(exports, 'yolo-obb/labels/village-day.txt'), 'utf8');
    expect(obb.trim().split(' ')).toHaveLength(9);
  });
});
