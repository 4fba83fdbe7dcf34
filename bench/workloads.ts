import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Workbench } from '../tests/e2e/pages/workbench.ts';
import { makePng } from '../tests/factories/png.ts';
import { distribution, jsHeapMb, sampleMemory, watchMainThread } from './measure.ts';
import { screenshot } from '../tests/e2e/harness.ts';

// Each workload drives the production build the way a labeler would and returns its figures.

export type Figures = Record<string, number | string | Record<string, number>>;

/** Seeded generator, so anyone re-running the benchmark gets the same data. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS =
  'the model lab data label span review agent token vision signal result team night Zürich 東京 שלום 👩🏽‍💻 🇨🇭 café'.split(
    ' ',
  );

function sentence(random: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

export function writeJsonl(
  dir: string,
  name: string,
  lines: number,
  words: number,
  seed: number,
): string {
  const random = seeded(seed);
  const body = Array.from({ length: lines }, (_, i) =>
    JSON.stringify({ id: `${name}-${i}`, text: `${i} ${sentence(random, words)}` }),
  );
  const path = join(dir, name);
  writeFileSync(path, body.join('\n') + '\n');
  return path;
}

async function importAndMeasure(
  bench: Workbench,
  files: string[],
  expected: number,
): Promise<Figures> {
  const page = bench.page;
  await bench.chooseFiles(files);
  const stop = await watchMainThread(page);
  const started = Date.now();
  // 1,000 images with their previews take minutes here.
  const summary = await bench.importChosen(1_800_000);
  const elapsed = Date.now() - started;
  const main = await stop();
  const text = (await summary.textContent()) ?? '';
  const added = Number(/([\d,]+) items? added/.exec(text)?.[1]?.replaceAll(',', '') ?? 0);
  if (added !== expected) throw new Error(`import did not add ${expected} items: ${text}`);
  // How long until the labeler can work again: open the item list and see its first row.
  const clicked = Date.now();
  await bench.tab('Items').click();
  await bench.items.getByRole('listitem').first().getByText(/\S/).first().waitFor();
  return {
    items: expected,
    seconds: Math.round(elapsed / 100) / 10,
    itemsPerSecond: Math.round((expected / elapsed) * 1000),
    longestMainThreadBlockMs: main.longestTaskMs,
    frameIntervalMsDuringImport: { p50: main.frames.p50, p95: main.frames.p95 },
    msUntilListResponds: Date.now() - clicked,
  };
}

export async function importText(page: Page, dir: string): Promise<Figures> {
  const bench = new Workbench(page);
  await bench.createProject('Bench: 10k texts');
  return importAndMeasure(bench, [writeJsonl(dir, 'texts-10k.jsonl', 10_000, 40, 1)], 10_000);
}

export async function importImages(page: Page, dir: string, count: number): Promise<Figures> {
  const bench = new Workbench(page);
  await bench.createProject(`Bench: ${count} images`);
  const random = seeded(2);
  const files: string[] = [];
  let pixels = 0;
  for (let i = 0; i < count; i++) {
    const megapixels = 1 + random() * 4;
    const width = Math.round(Math.sqrt(megapixels * 1e6 * 1.5));
    const height = Math.round((megapixels * 1e6) / width);
    pixels += width * height;
    const path = join(dir, `image-${String(i).padStart(4, '0')}.png`);
    writeFileSync(path, makePng(width, height, i, 1));
    files.push(path);
  }
  const figures = await importAndMeasure(bench, files, count);
  return {
    ...figures,
    averageMegapixels: Math.round(pixels / count / 1e5) / 10,
    heapMbAfter: await jsHeapMb(page),
  };
}

export async function bigList(page: Page, dir: string, url: string): Promise<Figures> {
  const bench = new Workbench(page);
  await bench.createProject('Bench: 100k items');
  const imported = await importAndMeasure(
    bench,
    [writeJsonl(dir, 'texts-100k.jsonl', 100_000, 8, 3)],
    100_000,
  );

  // Each load below starts once the one before has counted the project's items, as a
  // labeler's would (a count still running in IndexedDB would hold up the next page's reads).
  const counted = () =>
    page.getByRole('navigation', { name: 'Projects' }).getByText('0/100000 done').waitFor({
      timeout: 60_000,
    });
  await counted();
  // A fresh load of the app with this project, until the list shows its rows.
  const load = async () => {
    await page.goto(url, { waitUntil: 'load' });
    await bench.items
      .getByRole('listitem')
      .first()
      .getByText(/\S/)
      .first()
      .waitFor({ timeout: 60_000 });
    const ms = await page.evaluate(() => Math.round(performance.now()));
    await page.getByRole('status').filter({ hasText: '100,000 items' }).waitFor();
    await counted();
    return ms;
  };
  const openMs = await load();
  // Opened again, as on the next morning: the first load after the import also waits for
  // IndexedDB to settle what the import wrote. The scroll below starts once the items are
  // counted (scrolling during the count: frames p95 33 ms on 2 cores).
  const reopenMs = await load();

  const stop = await watchMainThread(page);
  await page.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[role=list][aria-label=Items]')!;
    for (let i = 0; i < 180; i++) {
      list.scrollTop += 900;
      await new Promise(requestAnimationFrame);
    }
  });
  const scroll = await stop();

  // Page Down, then done and next (Ctrl+Enter), as a labeler goes through the project.
  await bench.items.getByRole('listitem').first().click();
  await page.locator('[aria-label="Text to label"] .slot').first().waitFor();
  const pageDowns: number[] = [];
  for (let i = 0; i < 30; i++) pageDowns.push(await keyToNextText(page, 'PageDown'));
  const doneAndNext: number[] = [];
  for (let i = 0; i < 30; i++) doneAndNext.push(await keyToNextText(page, 'Control+Enter'));
  // A search inside the texts (no name has these words): typed, to the list it filters to.
  const search = bench.page.getByRole('searchbox', { name: 'Search items' });
  const searchStarted = Date.now();
  await search.fill('Zürich 東京');
  await page
    .getByRole('status')
    .filter({ hasText: /^\s*[\d,]+ items?\s*$/ })
    .filter({ hasNotText: '100,000 items' })
    .waitFor({ timeout: 120_000 });
  const searchTextsMs = Date.now() - searchStarted;
  const next = distribution(pageDowns);
  const done = distribution(doneAndNext);
  return {
    importItemsPerSecond: imported.itemsPerSecond as number,
    openMs,
    reopenMs,
    scrollFrameIntervalMs: { p50: scroll.frames.p50, p95: scroll.frames.p95 },
    longestMainThreadBlockMsWhileScrolling: scroll.longestTaskMs,
    pageDownMs: { n: next.n, p50: next.p50, p95: next.p95, max: next.max },
    doneAndNextMs: { n: done.n, p50: done.p50, p95: done.p95, max: done.max },
    // Includes the 200 ms the search waits for typing to pause.
    searchTextsMs,
  };
}

/** Presses `key` and times it to the frame that shows another item's text. */
async function keyToNextText(page: Page, key: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __nextText: Promise<number> };
    w.__nextText = new Promise<number>((resolve) => {
      const from = document.querySelector('article.item')?.getAttribute('aria-label');
      const start = () => {
        removeEventListener('keydown', start, true);
        const started = performance.now();
        const check = () => {
          const article = document.querySelector('article.item');
          const shown = article?.getAttribute('aria-label') !== from;
          if (shown && article?.querySelector('[aria-label="Text to label"] .slot'))
            requestAnimationFrame(() => resolve(performance.now() - started));
          else requestAnimationFrame(check);
        };
        check();
      };
      addEventListener('keydown', start, true);
    });
  });
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __nextText: Promise<number> }).__nextText);
}

export { distribution };

/**
 * Export `count` images (about 5 MB each, stored uncompressed in the PNG) with their media as
 * one signed bundle, written through the File System Access API into the browser's private
 * file system (the save dialog is answered with an OPFS file). Reports export MB/s next to
 * raw WebCrypto SHA-256 MB/s measured in the same page, their ratio, the page's peak JS heap
 * and the renderer processes' peak resident memory (the worker lives there).
 */
export async function exportImages(page: Page, dir: string, count: number): Promise<Figures> {
  const bench = new Workbench(page);
  await bench.projects.waitFor(); // the sample project is stored: safe to reload
  await page.addInitScript(() => {
    (window as { showSaveFilePicker?: unknown }).showSaveFilePicker = async (options: {
      suggestedName: string;
    }) =>
      (await navigator.storage.getDirectory()).getFileHandle(options.suggestedName, {
        create: true,
      });
  });
  await bench.reload();
  await bench.createProject(`Bench: export ${count} images`);
  const files: string[] = [];
  let mediaBytes = 0;
  for (let i = 0; i < count; i++) {
    const path = join(dir, `export-${String(i).padStart(4, '0')}.png`);
    const png = makePng(1290, 1290, i, 0); // level 0: stored, about 5 MB
    mediaBytes += png.length;
    writeFileSync(path, png);
    files.push(path);
  }
  await bench.chooseFiles(files);
  // Five gigabytes take longer to import than importChosen waits.
  await page.getByRole('button', { name: /^Import [\d,]+ files?$/ }).click();
  await page.getByRole('region', { name: 'Import summary' }).waitFor({ timeout: 3_600_000 });
  for (const path of files) rmSync(path);
  await bench.setUpSigning('Bench annotator');
  await page
    .getByRole('form', { name: 'Export a signed bundle' })
    .getByRole('checkbox', { name: /images/ })
    .check();

  const before = await sampleMemory(page);
  await page.waitForTimeout(1000);
  const idle = before();
  const stopMain = await watchMainThread(page);
  const stopMemory = await sampleMemory(page);
  const started = Date.now();
  await page.getByRole('button', { name: 'Export bundle…' }).click();
  // A picture of the progress bar a few seconds in, taken alongside (not in) the timing.
  const picture = new Promise((done) => setTimeout(done, 3000)).then(() =>
    screenshot(page, 'bench-export-progress'),
  );
  await bench.exportResult.waitFor({ timeout: 3_600_000 });
  const seconds = (Date.now() - started) / 1000;
  const memory = stopMemory();
  await picture;
  const main = await stopMain();
  const text = (await bench.exportResult.textContent()) ?? '';
  const name = /(\S+\.zip)/.exec(text)?.[1];
  if (!name) throw new Error(`export did not finish: ${text}`);
  const size = await page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory();
    const file = await (await root.getFileHandle(name)).getFile();
    const size = file.size;
    await root.removeEntry(name);
    return size;
  }, name);

  // Raw WebCrypto SHA-256 on this machine, now: 64 digests of 8 MiB.
  const shaMBps = await page.evaluate(async () => {
    const buffer = new Uint8Array(8 << 20);
    for (let i = 0; i < buffer.length; i += 65536)
      crypto.getRandomValues(buffer.subarray(i, i + 65536));
    const started = performance.now();
    for (let i = 0; i < 64; i++) await crypto.subtle.digest('SHA-256', buffer);
    return (64 * buffer.length) / 1e6 / ((performance.now() - started) / 1000);
  });
  const exportMBps = size / 1e6 / seconds;
  return {
    images: count,
    archiveMb: Math.round(size / 1e6),
    mediaMb: Math.round(mediaBytes / 1e6),
    seconds: Math.round(seconds * 10) / 10,
    exportMBps: Math.round(exportMBps),
    sha256MBps: Math.round(shaMBps),
    ratio: Math.round((exportMBps / shaMBps) * 100) / 100,
    peakMemoryMb: { pageHeap: memory.pageHeapMb, rendererRss: memory.rendererRssMb },
    rendererRssBeforeExportMb: idle.rendererRssMb,
    longestMainThreadBlockMs: main.longestTaskMs,
    frameIntervalMsDuringExport: { p50: main.frames.p50, p95: main.frames.p95 },
  };
}
