import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePngFrom } from '../factories/png.ts';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import { ImageView } from './pages/image-view.ts';

const suite = appSuite();

/** Within one screen pixel at this zoom (closeTo passes under 10^-digits / 2): where a click lands. */
const near = (value: number, scale: number) =>
  expect.closeTo(value, -Math.log10(2 / scale)) as number;

describe('image labeling', () => {
  it('draws a box, a 5-vertex polygon and a point, moves and resizes, undoes and redoes, and keeps exact coordinates', async () => {
    const bench = await suite.open();
    const page = bench.page;
    const view = new ImageView(page);
    await bench.item('village-day.png').click();
    await view.ready();
    const scale = await view.scale();

    // Box: B, drag corner to corner. The sample's first box label is House.
    await page.keyboard.press('b');
    await view.drag([100, 100], [300, 250]);
    await expect.poll(() => view.storedShapes()).toHaveLength(1);
    // The new box is selected: its label's hotkey relabels it (Tree).
    await page.keyboard.press('2');
    await expect.poll(async () => (await view.rows())[0]).toMatch(/^Box Tree/);

    // Polygon: P, five clicks, then a click on the first vertex closes it.
    await page.keyboard.press('p');
    const pentagon: [number, number][] = [
      [500, 300],
      [620, 280],
      [700, 380],
      [600, 480],
      [480, 420],
    ];
    for (const p of pentagon) await view.click(p);
    await view.click(pentagon[0]!);
    // Point: O, one click (Sun is the only point label).
    await page.keyboard.press('o');
    await view.click([800, 120]);
    await expect
      .poll(async () => (await view.storedShapes()).map((s) => `${s.type} ${s.label}`))
      .toHaveLength(3);
    await screenshot(page, 'image-drawn');
    // Image classes keep their own hotkeys beside the shape labels' (a choose-one group here).
    const daytime = page.getByRole('radio', { name: /Daytime/ });
    const night = page.getByRole('radio', { name: /Night/ });
    await page.keyboard.press('n');
    await expect.poll(() => night.getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('d');
    await expect.poll(() => daytime.getAttribute('aria-checked')).toBe('true');
    expect(await night.getAttribute('aria-checked')).toBe('false');

    const drawn = await view.storedShapes();
    const [box, polygon, point] = drawn;
    expect(box).toMatchObject({
      type: 'box',
      x: near(100, scale),
      y: near(100, scale),
      w: near(200, scale),
      h: near(150, scale),
    });
    expect(polygon!.type).toBe('polygon');
    expect(polygon!.points).toHaveLength(5);
    polygon!.points!.forEach(([x, y], i) => {
      expect(x).toEqual(near(pentagon[i]![0], scale));
      expect(y).toEqual(near(pentagon[i]![1], scale));
    });
    expect(point).toMatchObject({ type: 'point', x: near(800, scale), y: near(120, scale) });

    // Select tool: move the box by its middle, then resize it by its bottom-right handle.
    await page.keyboard.press('v');
    await view.click([200, 175]);
    await view.drag([200, 175], [260, 205]);
    await expect.poll(async () => (await view.storedShapes())[0]!.x).toEqual(near(160, scale));
    const moved = (await view.storedShapes())[0]!;
    await view.drag([moved.x! + moved.w!, moved.y! + moved.h!], [420, 330]);
    await expect
      .poll(async () => (await view.storedShapes())[0]!.w)
      .toEqual(near(420 - moved.x!, scale));
    const resized = (await view.storedShapes())[0]!;
    await screenshot(page, 'image-resized');

    // Undo the resize and the move: one gesture, one step. Redo the move.
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await view.storedShapes())[0])
      .toMatchObject({ x: moved.x, w: moved.w });
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await view.storedShapes())[0])
      .toMatchObject({ x: box!.x, y: box!.y });
    await page.keyboard.press('Control+Shift+z');
    await expect
      .poll(async () => (await view.storedShapes())[0])
      .toMatchObject({ x: moved.x, y: moved.y, w: moved.w });
    expect(resized.w).not.toBe(moved.w);

    // Reload: every coordinate comes back identical.
    const before = await view.storedShapes();
    await bench.reload();
    await bench.item('village-day.png').click();
    await view.ready();
    expect(await view.storedShapes()).toEqual(before);
    await expect
      .poll(() => view.rows())
      .toEqual([
        expect.stringMatching(/^Box Tree/),
        // The key that relabelled the box while drawing also became the label for the next shape.
        expect.stringMatching(/^Polygon Tree\s*5 vertices/),
        expect.stringMatching(/^Point Sun/),
      ]);
  });

  it('edits polygon vertices, cancels with Escape, hides a label, copies, pastes and deletes', async () => {
    const bench = await suite.open();
    const page = bench.page;
    const view = new ImageView(page);
    await bench.item('farm-night.png').click();
    await view.ready();

    await page.keyboard.press('p');
    for (const p of [
      [100, 100],
      [300, 100],
      [300, 300],
      [100, 300],
    ] as [number, number][])
      await view.click(p);
    await page.mouse.move(...(await view.at([150, 250])));
    await screenshot(page, 'image-polygon-drawing');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await view.storedShapes())[0]?.points).toHaveLength(4);

    // Select it; press on the top edge and drag: a fifth vertex. Alt+click removes it again.
    await page.keyboard.press('v');
    await view.click([200, 200]);
    await view.drag([200, 100], [200, 40]);
    await expect.poll(async () => (await view.storedShapes())[0]?.points).toHaveLength(5);
    await view.click([200, 40], ['Alt']);
    await expect.poll(async () => (await view.storedShapes())[0]?.points).toHaveLength(4);
    // Drag a vertex, but press Escape before letting go: nothing changes.
    const square = (await view.storedShapes())[0]!;
    await view.drag([300, 300], [400, 400], { release: false });
    await page.keyboard.press('Escape');
    await page.mouse.up();
    expect((await view.storedShapes())[0]).toEqual(square);

    // Copy, paste: a second polygon offset by 10 px; Delete removes the pasted one.
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => view.storedShapes()).toHaveLength(2);
    const pasted = (await view.storedShapes())[1]!;
    expect(pasted.points![0]).toEqual([square.points![0]![0] + 10, square.points![0]![1] + 10]);
    await page.keyboard.press('Delete');
    await expect.poll(() => view.storedShapes()).toHaveLength(1);

    // Hide House: its shape can no longer be selected; show it again.
    await page.getByRole('checkbox', { name: 'Show House' }).uncheck();
    await view.click([200, 200]);
    await expect.poll(() => view.shapeList.getByRole('button', { pressed: true }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Show House' }).check();
    // The shape list selects on the canvas too.
    await view.shapeList.getByRole('button').first().click();
    await expect
      .poll(() => page.getByRole('status').last().textContent())
      .toMatch(/Selected: House polygon/);
    await screenshot(page, 'image-polygon-selected');

    // The hotkey help lists the image tools and shape commands from the same table.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Hotkeys' });
    await expect
      .poll(() => help.getByRole('region', { name: 'Tools' }).textContent())
      .toMatch(/B\s*Draw boxes/);
    await screenshot(page, 'image-hotkeys');
    await help.getByRole('button', { name: 'Close' }).click();
  });
});

describe('true pixels at 1:1', () => {
  it('shows a 1-px checkerboard as exactly black and white at 1:1, after zooms and pans, on a small and on a tiled image', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-pixels-'));
    try {
      const checker = (x: number, y: number) =>
        (x + y) & 1 ? ([255, 255, 255] as const) : ([0, 0, 0] as const);
      // 0.35 MP: drawn whole. 5.2 MP: over the 4-MP display picture, so 1:1 draws 1024-px tiles.
      const images = { 'checker-small.png': [700, 500], 'checker-tiled.png': [2600, 2000] };
      const paths = Object.entries(images).map(([name, [w, h]]) => {
        const path = join(dir, name);
        writeFileSync(path, makePngFrom(w!, h!, checker, 1));
        return path;
      });
      const bench = await suite.open();
      const page = bench.page;
      const view = new ImageView(page);
      await bench.createProject('Pixels');
      await view.addLabel('Edge', '1', 'Box');
      await bench.chooseFiles(paths);
      await bench.importChosen();
      await bench.tab('Items').click();
      for (const [name, [w, h]] of Object.entries(images)) {
        await bench.item(name).click();
        await page
          .locator(
            `[data-testid=image-stage][aria-busy=false][aria-label^="Image canvas: ${name}"]`,
          )
          .waitFor();
        const one = page.getByRole('button', { name: '1:1' });
        const truePixels = async () => {
          await expect.poll(() => view.scale()).toBe(1);
          // Whole-pixel offsets: shapes and picture share the same pixel grid.
          const [, x, y] = (await view.stage.getAttribute('data-view'))!.split(' ').map(Number);
          expect([x, y].map(Number.isInteger)).toEqual([true, true]);
          await page.evaluate(() => new Promise(requestAnimationFrame));
          const seen = await view.checkerboardAt1to1();
          expect(seen).toEqual({ read: 40_000, wrong: 0, grey: 0 });
        };
        // Fit, then 1:1 by button and by Shift+0.
        await one.click();
        await truePixels();
        // After wheel zooms around odd points (fractional offsets), 1:1 again.
        await page.mouse.move(...(await view.at([w! / 3 + 0.37, h! / 3 + 0.61])));
        for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -100);
        await page.mouse.move(...(await view.at([w! / 2 + 0.2, h! / 2 + 0.7])));
        for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 100);
        await one.click();
        await truePixels();
        // Panned at 1:1 by middle-drag and by Space-drag: still the true pixels.
        await view.drag([w! / 2, h! / 2], [w! / 2 - 37, h! / 2 - 23], { button: 'middle' });
        await truePixels();
        await page.keyboard.down(' ');
        await view.drag([w! / 2, h! / 2], [w! / 2 + 101, h! / 2 + 7]);
        await page.keyboard.up(' ');
        await truePixels();
        await page.keyboard.press('Shift+1');
        await page.keyboard.press('Shift+0');
        await truePixels();
      }
      await screenshot(page, 'image-checkerboard-1to1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('large images', () => {
  it('opens a 20-MP photo, zooms around the pointer, pans by middle- and Space-drag, draws at 1:1 on tiles in original pixels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-large-'));
    try {
      const path = join(dir, 'aerial.png');
      // A 2-px black and white checkerboard: sharp only where original pixels are drawn.
      const checker = (x: number, y: number) =>
        ((x >> 1) + (y >> 1)) & 1 ? ([255, 255, 255] as const) : ([0, 0, 0] as const);
      writeFileSync(path, makePngFrom(5000, 4000, checker, 1));
      const bench = await suite.open();
      const page = bench.page;
      const view = new ImageView(page);
      await bench.createProject('Aerial');
      await view.addLabel('Roof', '1', 'Box');
      await bench.chooseFiles([path]);
      await bench.importChosen();
      await bench.tab('Items').click();
      await bench.item('aerial.png').click();
      await view.ready();
      expect(await view.stage.getAttribute('aria-label')).toBe(
        'Image canvas: aerial.png (5000 × 4000 px)',
      );

      // Fitted, the picture is the downscaled one: the checkerboard averages to grey.
      const contrast = () =>
        page.evaluate(() => {
          const canvas = document.querySelector<HTMLCanvasElement>(
            '[data-testid=image-stage] canvas',
          )!;
          const row = canvas
            .getContext('2d')!
            .getImageData(
              Math.floor(canvas.width / 2) - 20,
              Math.floor(canvas.height / 2),
              40,
              1,
            ).data;
          const reds = [...row].filter((_, i) => i % 4 === 0);
          return Math.max(...reds) - Math.min(...reds);
        });
      await expect.poll(contrast).toBeLessThan(100);

      // The wheel zooms around the pointer: the pixel under it stays under it.
      const target: [number, number] = [2500, 2000];
      const pointer = await view.at(target);
      await page.mouse.move(...pointer);
      for (let i = 0; i < 16; i++) await page.mouse.wheel(0, -100);
      await expect.poll(() => view.scale()).toBeGreaterThan(1);
      const after = await view.at(target);
      expect(after[0]).toBeCloseTo(pointer[0], 0);
      expect(after[1]).toBeCloseTo(pointer[1], 0);

      // Middle-drag and Space-drag pan in any tool (here the Box tool) and draw nothing.
      await page.keyboard.press('b');
      const offset = async () =>
        (await view.stage.getAttribute('data-view'))!.split(' ').map(Number);
      const [, x0, y0] = await offset();
      await view.drag([2500, 2000], [2400, 2000], { button: 'middle' });
      await expect.poll(async () => (await offset())[1]).toBeLessThan(x0! - 50);
      await page.keyboard.down(' ');
      await view.drag([2500, 2000], [2500, 1900]);
      await page.keyboard.up(' ');
      await expect.poll(async () => (await offset())[2]).toBeLessThan(y0! - 50);
      expect(await view.storedShapes()).toEqual([]);

      // 1:1 and a box drawn there lands on original pixels.
      await page.keyboard.press('Shift+0');
      await expect.poll(() => view.scale()).toBe(1);
      // At 1:1 the full-resolution tiles are drawn: black and white again.
      await expect.poll(contrast).toBeGreaterThan(180);
      await page.keyboard.press('b');
      await view.drag([2450, 1950], [2550, 2030]);
      await expect
        .poll(() => view.storedShapes())
        .toEqual([expect.objectContaining({ x: 2450, y: 1950, w: 100, h: 80 })]);
      // No canvas on the page holds more than 16.7 MP.
      const biggest = await page.evaluate(() =>
        Math.max(...[...document.querySelectorAll('canvas')].map((c) => c.width * c.height)),
      );
      expect(biggest).toBeLessThanOrEqual(16_777_216);
      await screenshot(page, 'image-large-1to1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
