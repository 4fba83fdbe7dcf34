import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Workbench } from '../tests/e2e/pages/workbench.ts';
import { makePng } from '../tests/factories/png.ts';
import { distribution, jsHeapMb, watchMainThread } from './measure.ts';

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
  const summary = await bench.importChosen();
  const elapsed = Date.now() - started;
  const main = await stop();
  const text = (await summary.textContent()) ?? '';
  if (!text.includes(`${expected.toLocaleString('en')} items added`))
    throw new Error(`import did not add ${expected} items: ${text}`);
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

  // Open: a fresh load of the app with this project, until the list shows its rows.
  await page.goto(url, { waitUntil: 'load' });
  await bench.items
    .getByRole('listitem')
    .first()
    .getByText(/\S/)
    .first()
    .waitFor({ timeout: 60_000 });
  const openMs = await page.evaluate(() => Math.round(performance.now()));
  await page.getByRole('status').filter({ hasText: '100,000 items' }).waitFor();

  const stop = await watchMainThread(page);
  await page.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[role=list][aria-label=Items]')!;
    for (let i = 0; i < 180; i++) {
      list.scrollTop += 900;
      await new Promise(requestAnimationFrame);
    }
  });
  const scroll = await stop();
  return {
    importItemsPerSecond: imported.itemsPerSecond as number,
    openMs,
    scrollFrameIntervalMs: { p50: scroll.frames.p50, p95: scroll.frames.p95 },
    longestMainThreadBlockMsWhileScrolling: scroll.longestTaskMs,
  };
}

export { distribution };
