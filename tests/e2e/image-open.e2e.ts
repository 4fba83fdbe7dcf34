import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makePngFrom, makeRgbaPngFrom } from '../factories/png.ts';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import { ImageView } from './pages/image-view.ts';
import type { Workbench } from './pages/workbench.ts';

// Big images open from a preview stored at import: painted first, then replaced by the
// original pixels, which alone are shown past the preview's size and at 1:1.

const suite = appSuite();

interface StoredPreview {
  sha256: string;
  type: string;
  width: number;
  height: number;
  size: number;
}

/** The previews table as stored in IndexedDB. */
function storedPreviews(page: Page): Promise<StoredPreview[]> {
  return page.evaluate(async () => {
    const open = indexedDB.open('airlock');
    await new Promise((done) => (open.onsuccess = done));
    const request = open.result.transaction('previews').objectStore('previews').getAll();
    await new Promise((done) => (request.onsuccess = done));
    open.result.close();
    return (
      request.result as {
        sha256: string;
        type: string;
        width: number;
        height: number;
        bytes: ArrayBuffer;
      }[]
    ).map(({ bytes, ...rest }) => ({ ...rest, size: bytes.byteLength }));
  });
}

/** Removes every stored preview, as in a workspace from before previews existed. */
function forgetPreviews(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const open = indexedDB.open('airlock');
    await new Promise((done) => (open.onsuccess = done));
    const tx = open.result.transaction('previews', 'readwrite');
    tx.objectStore('previews').clear();
    await new Promise((done) => (tx.oncomplete = done));
    open.result.close();
  });
}

/** Clicks an item and returns what its stage painted, in order, until the original showed. */
async function openWatching(bench: Workbench, name: string): Promise<string[]> {
  const page = bench.page;
  await page.evaluate(() => {
    const w = window as unknown as { __painted: string[]; __watch: MutationObserver };
    w.__painted = [];
    w.__watch = new MutationObserver((changes) => {
      for (const change of changes) {
        const value = (change.target as HTMLElement).getAttribute('data-picture');
        for (const seen of [change.oldValue, value])
          if (seen && w.__painted.at(-1) !== seen) w.__painted.push(seen);
      }
    });
    w.__watch.observe(document.body, {
      subtree: true,
      attributes: true,
      attributeOldValue: true,
      attributeFilter: ['data-picture'],
    });
  });
  await bench.item(name).click();
  await page
    .locator(`[data-testid=image-stage][aria-busy=false][aria-label^="Image canvas: ${name}"]`)
    .waitFor();
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { __painted: string[] }).__painted.at(-1)),
    )
    .toBe('original');
  return page.evaluate(() => {
    const w = window as unknown as { __painted: string[]; __watch: MutationObserver };
    w.__watch.disconnect();
    return w.__painted;
  });
}

describe('opening big images', () => {
  it('stores a preview at import, paints it first, then the original; makes one for an image stored without; deletes it with the project', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-open-'));
    try {
      // 6 MP, over the 4 MP that open from their own pixels; one opaque, one with a clear hole.
      const photo = makePngFrom(3000, 2000, (x, y) => [(x * 7) & 255, (y * 3) & 255, 120], 1);
      const cutout = makeRgbaPngFrom(
        3000,
        2000,
        (x, y) => [200, (x + y) & 255, 40, x > 1000 && x < 2000 ? 0 : 255],
        1,
      );
      const small = makePngFrom(600, 400, (x) => [x & 255, 0, 0], 1);
      const files = { 'photo.png': photo, 'cutout.png': cutout, 'small.png': small };
      const paths = Object.entries(files).map(([name, png]) => {
        const path = join(dir, name);
        writeFileSync(path, png);
        return path;
      });
      const bench = await suite.open();
      const page = bench.page;
      const view = new ImageView(page);
      await bench.createProject('Big images');
      await view.addLabel('Car', '1', 'Box');
      await bench.chooseFiles(paths);
      await bench.importChosen();
      await bench.tab('Items').click();

      // A JPEG for the opaque photo, a WebP (transparency kept) for the cut-out, none for the
      // small image; each at most 2 MP, in the image's proportions.
      const previews = await storedPreviews(page);
      expect(previews.map((p) => p.type).sort()).toEqual(['image/jpeg', 'image/webp']);
      for (const p of previews) {
        expect(p.width * p.height).toBeLessThanOrEqual(2_097_152);
        expect(p.width * p.height).toBeGreaterThan(1_500_000);
        expect(p.width / p.height).toBeCloseTo(1.5, 2);
        expect(p.size).toBeLessThan(photo.length);
      }

      // The preview is painted first, then the original replaces it.
      expect(await openWatching(bench, 'photo.png')).toEqual(['preview', 'original']);
      await page.keyboard.press('Shift+0');
      await expect.poll(() => view.scale()).toBe(1);
      await screenshot(page, 'image-open-original');
      expect(await openWatching(bench, 'small.png')).toEqual(['original']);

      // An image stored before previews existed gets one on its first open, for the next.
      await forgetPreviews(page);
      expect(await openWatching(bench, 'photo.png')).toEqual(['original']);
      await expect.poll(async () => (await storedPreviews(page)).length).toBe(1);
      expect(await openWatching(bench, 'small.png')).toEqual(['original']);
      expect(await openWatching(bench, 'photo.png')).toEqual(['preview', 'original']);

      // Deleted with the project, as its images are.
      await bench.deleteProject('Big images');
      expect(await storedPreviews(page)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
