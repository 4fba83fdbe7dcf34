import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Workbench } from '../tests/e2e/pages/workbench.ts';
import { ImageView } from '../tests/e2e/pages/image-view.ts';
import { makePng } from '../tests/factories/png.ts';
import { exportFormats } from '../src/formats/exports.ts';
import type { Annotation } from '../src/model/annotation.ts';
import type { Item } from '../src/model/item.ts';
import { panAndZoom } from './image-workloads.ts';
import { distribution, watchMainThread } from './measure.ts';
import { seeded, type Figures } from './workloads.ts';

// The newer image shapes at scale: rotated boxes, 50-vertex polygons and 20,000 boxes panned
// and zoomed, a brush stroke on a 12-MP picture, and the export of 1,000 masks. Shapes come in
// by a COCO import through the Import tab, as a lab's pre-annotations would (seeding them one
// by one through the canvas would take the whole run). BENCH_SHAPES=0.1 scales every count.

const scale = Number(process.env.BENCH_SHAPES ?? 1);
const scaled = (n: number) => Math.max(1, Math.round(n * scale));
const PHOTO = { width: 4000, height: 3000 };

type CocoAnnotation = Record<string, unknown>;

/** One photo-sized PNG and a COCO file for it, imported through the Import tab. */
async function importWithCoco(
  page: Page,
  dir: string,
  name: string,
  category: string,
  annotations: CocoAnnotation[],
): Promise<void> {
  const bench = new Workbench(page);
  await bench.createProject(`Bench: ${name}`);
  const png = join(dir, `${name}.png`);
  writeFileSync(png, makePng(PHOTO.width, PHOTO.height, 21, 1));
  await bench.chooseFiles([png]);
  await bench.importChosen();
  const coco = join(dir, `${name}.json`);
  writeFileSync(
    coco,
    JSON.stringify({
      images: [{ id: 1, file_name: `${name}.png`, ...PHOTO }],
      categories: [{ id: 1, name: category }],
      annotations: annotations.map((a, i) => ({ id: i + 1, image_id: 1, category_id: 1, ...a })),
    }),
  );
  await bench.tab('Import').click();
  await page.getByLabel('Choose annotation files…').setInputFiles(coco);
  const dialog = page.getByRole('dialog', { name: 'Map categories to labels' });
  const summary = page.getByRole('region', { name: 'Annotation import summary' });
  await Promise.race([dialog.waitFor(), summary.waitFor()]);
  if (await dialog.isVisible())
    await dialog.getByRole('button', { name: 'Import annotations' }).click();
  await summary
    .filter({ hasText: `${annotations.length.toLocaleString('en')} annotation` })
    .waitFor();
  await bench.tab('Items').click();
}

/** Opens the item and waits until its picture and all `count` shapes are drawn. */
async function openDrawn(page: Page, name: string, count: number): Promise<void> {
  await new Workbench(page).item(`${name}.png`).click();
  await page.locator(`[data-testid=image-stage][aria-busy=false][data-drawn="${count}"]`).waitFor();
}

/** Frames while panning and zooming over `annotations` of one category on a photo. */
async function panZoomShapes(
  page: Page,
  dir: string,
  name: string,
  annotations: CocoAnnotation[],
): Promise<Figures> {
  await importWithCoco(page, dir, name, 'Thing', annotations);
  await openDrawn(page, name, annotations.length);
  const stop = await watchMainThread(page);
  await panAndZoom(page, new ImageView(page));
  const main = await stop();
  return {
    shapes: annotations.length,
    panZoomFrameP50Ms: main.frames.p50,
    panZoomFrameP95Ms: main.frames.p95,
    longestBlockMs: main.longestTaskMs,
  };
}

/** Seeded sizes and places of shapes, 20–200 px across, inside the photo. */
function places(count: number, seed: number) {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    const w = Math.round(20 + random() * 180);
    const h = Math.round(20 + random() * 180);
    return {
      w,
      h,
      cx: Math.round(w / 2 + random() * (PHOTO.width - w)),
      cy: Math.round(h / 2 + random() * (PHOTO.height - h)),
      turn: random(),
    };
  });
}

export function imageRotatedBoxes(page: Page, dir: string): Promise<Figures> {
  const annotations = places(scaled(5000), 31).map(({ cx, cy, w, h, turn }) => ({
    bbox: [cx - w / 2, cy - h / 2, w, h],
    airlock_rbox: { cx, cy, w, h, angle: Math.round(turn * 358) - 179 },
  }));
  return panZoomShapes(page, dir, 'rboxes', annotations);
}

export function imagePolygons(page: Page, dir: string): Promise<Figures> {
  const random = seeded(32);
  const annotations = places(scaled(1000), 33).map(({ cx, cy, w, h }) => {
    // A wobbly ring of 50 vertices around the centre (never self-crossing: angles increase).
    const ring = Array.from({ length: 50 }, (_, k) => {
      const a = (k / 50) * 2 * Math.PI;
      const r = 0.6 + 0.4 * random();
      return [
        Math.round(cx + (Math.cos(a) * r * w) / 2),
        Math.round(cy + (Math.sin(a) * r * h) / 2),
      ];
    });
    return { segmentation: [ring.flat()], bbox: [cx - w / 2, cy - h / 2, w, h] };
  });
  return panZoomShapes(page, dir, 'polygons', annotations);
}

export function imageBoxes20k(page: Page, dir: string): Promise<Figures> {
  const annotations = places(scaled(20_000), 34).map(({ cx, cy, w, h }) => ({
    bbox: [cx - w / 2, cy - h / 2, w, h],
  }));
  return panZoomShapes(page, dir, 'boxes-20k', annotations);
}

/** Frames while painting one long brush stroke across a 4000 × 3000 picture at Fit. */
export async function imageBrush(page: Page, dir: string): Promise<Figures> {
  const bench = new Workbench(page);
  const view = new ImageView(page);
  await bench.createProject('Bench: brush');
  await bench.addLabel('Water', '1', ['Mask']);
  const png = join(dir, 'brush.png');
  writeFileSync(png, makePng(PHOTO.width, PHOTO.height, 22, 1));
  await bench.chooseFiles([png]);
  await bench.importChosen();
  await bench.tab('Items').click();
  await openDrawn(page, 'brush', 0);
  await page.keyboard.press('m');
  // A zig-zag over most of the picture: 400 pointer moves, as a steady hand makes in ~7 s.
  const path: [number, number][] = Array.from({ length: 9 }, (_, k) => [
    400 + k * 400,
    k % 2 === 0 ? 400 : 2600,
  ]);
  const stop = await watchMainThread(page);
  const start = await view.at(path[0]!);
  await page.mouse.move(...start);
  await page.mouse.down();
  for (const p of path.slice(1)) await page.mouse.move(...(await view.at(p)), { steps: 50 });
  const main = await stop();
  // Releasing ends the stroke: the mask is encoded and saved. Timed up to the shape list's row.
  const release = await watchMainThread(page);
  const released = Date.now();
  await page.mouse.up();
  await new ImageView(page).shapeList.getByRole('listitem').first().waitFor({ timeout: 600_000 });
  const savedMs = Date.now() - released;
  const end = await release();
  return {
    megapixels: 12,
    pointerMoves: 400,
    paintFrameP50Ms: main.frames.p50,
    paintFrameP95Ms: main.frames.p95,
    paintLongestBlockMs: main.longestTaskMs,
    releaseToListedMs: savedMs,
    releaseLongestBlockMs: end.longestTaskMs,
  };
}

/** Column-major RLE (COCO's) of an ellipse inside a width × height image. */
function ellipseRle(width: number, height: number, cx: number, cy: number, rx: number, ry: number) {
  const counts: number[] = [];
  let run = 0;
  let inside = false;
  for (let x = 0; x < width; x++) {
    const dx = (x + 0.5 - cx) / rx;
    const half = dx * dx < 1 ? ry * Math.sqrt(1 - dx * dx) : -1;
    const top = half < 0 ? height : Math.max(0, Math.round(cy - half));
    const bottom = half < 0 ? height : Math.min(height, Math.round(cy + half));
    // Runs within this column: 0s above, 1s from top to bottom, 0s below.
    for (const [value, length] of [
      [false, top],
      [true, bottom - top],
      [false, height - bottom],
    ] as const) {
      if (length === 0) continue;
      if (value !== inside) {
        counts.push(run);
        run = 0;
        inside = value;
      }
      run += length;
    }
  }
  counts.push(run);
  return { size: [height, width] as [number, number], counts };
}

/**
 * The standard-format export (COCO RLE and PNG index masks among them) of 1,000 masks: 100
 * Full-HD pictures with 10 masks each, the exporters run in Node's V8 as in the export worker.
 */
export function imageMaskExport(): Promise<Figures> {
  const [width, height] = [1920, 1080];
  const at = new Date().toISOString();
  const random = seeded(35);
  const items: Item[] = [];
  const annotations: Annotation[] = [];
  const pictures = Math.max(1, scaled(100));
  for (let i = 0; i < pictures; i++) {
    items.push({
      id: `m${i}`,
      projectId: 'p',
      seq: i,
      kind: 'image',
      name: `street-${i}.jpg`,
      mediaType: 'image/jpeg',
      width,
      height,
      byteLength: 1,
      sha256: '0'.repeat(64),
      status: 'done',
      note: '',
      createdAt: at,
      updatedAt: at,
    });
    for (let k = 0; k < 10; k++) {
      const [rx, ry] = [20 + random() * 150, 20 + random() * 150];
      annotations.push({
        id: `m${i}-${k}`,
        projectId: 'p',
        itemId: `m${i}`,
        label: k % 2 === 0 ? 'road' : 'car',
        annotator: 'bench',
        createdAt: at,
        updatedAt: at,
        type: 'mask',
        rle: ellipseRle(
          width,
          height,
          rx + random() * (width - 2 * rx),
          ry + random() * (height - 2 * ry),
          rx,
          ry,
        ),
      });
    }
  }
  const labels = [
    { id: 'road', name: 'Road', color: '#e6194b', kinds: ['mask' as const] },
    { id: 'car', name: 'Car', color: '#3cb44b', kinds: ['mask' as const] },
  ];
  const project = { id: 'p', name: 'Bench', labels, classGroups: [], createdAt: at, updatedAt: at };
  const runs: number[] = [];
  let bytes = 0;
  for (let r = 0; r < 3; r++) {
    const started = performance.now();
    const { files } = exportFormats({ project, items, annotations });
    runs.push(performance.now() - started);
    bytes = files.reduce((n, f) => n + f.data.byteLength, 0);
  }
  const { p50, max } = distribution(runs);
  return Promise.resolve({
    masks: annotations.length,
    pictures,
    megabytes: Math.round(bytes / 1e5) / 10,
    exportMs: { p50: Math.round(p50), max: Math.round(max) },
  });
}

/** The workloads of this file by name, each runnable alone with BENCH_ONLY=<name>. */
export function imageShapeWorkloads(dir: string): Record<string, (page: Page) => Promise<Figures>> {
  return {
    'image-rboxes': (page) => imageRotatedBoxes(page, dir),
    'image-polygons': (page) => imagePolygons(page, dir),
    'image-boxes-20k': (page) => imageBoxes20k(page, dir),
    'image-brush': (page) => imageBrush(page, dir),
    // Pure computation in Node's V8; the page it is given stays unused.
    'image-mask-export': () => imageMaskExport(),
  };
}
