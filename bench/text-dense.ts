import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Workbench } from '../tests/e2e/pages/workbench.ts';
import { distribution, watchMainThread } from './measure.ts';
import { seeded, writeJsonl, type Figures } from './workloads.ts';

// Dense texts: a 100,000-word document with 10,000 spans (open, label, undo, the annotation
// list), and pre-labeling 10,000 texts with 1,000 terms. Times run from the key press or click
// to the frame painted after it (a message posted from requestAnimationFrame arrives once the
// frame is drawn), as a person timing from outside would.

const VOCABULARY =
  'the model lab data label span review agent token vision signal result team night Zürich 東京 שלום 👩🏽‍💻 🇨🇭 café Acme Hopper Lovelace'.split(
    ' ',
  );

function paragraphs(seed: number, words: number, perParagraph: number): string {
  const random = seeded(seed);
  const out: string[] = [];
  for (let left = words; left > 0; left -= perParagraph) {
    const n = Math.min(perParagraph, left);
    const sentence = Array.from(
      { length: n },
      () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!,
    );
    out.push(sentence.join(' ') + '.');
  }
  return out.join('\n');
}

async function labels(bench: Workbench) {
  for (const [name, key] of [
    ['Person', '1'],
    ['Place', '2'],
    ['Thing', '3'],
  ])
    await bench.addSpanLabel(name!, key!);
}

async function importDocument(bench: Workbench, dir: string, name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  await bench.chooseFiles([path]);
  await bench.importChosen();
  await bench.tab('Items').click();
}

/** Writes `count` spans over whole words of the stored item straight into IndexedDB (set-up only). */
async function seedSpans(page: Page, itemName: string, count: number): Promise<void> {
  await page.evaluate(
    async ({ itemName, count }) => {
      const open = indexedDB.open('airlock');
      await new Promise((done) => (open.onsuccess = done));
      const db = open.result;
      const items = await new Promise<
        { id: string; projectId: string; name: string; text: string }[]
      >((done) => {
        const r = db.transaction('items').objectStore('items').getAll();
        r.onsuccess = () => done(r.result as never);
      });
      const item = items.find((i) => i.name === itemName)!;
      const projects = await new Promise<
        { id: string; labels: { id: string; kinds: string[] }[] }[]
      >((done) => {
        const r = db.transaction('projects').objectStore('projects').getAll();
        r.onsuccess = () => done(r.result as never);
      });
      const spanLabels = projects
        .find((p) => p.id === item.projectId)!
        .labels.filter((l) => l.kinds.includes('span'));
      const cps = [...item.text];
      const words: [number, number][] = [];
      let at = 0;
      for (const m of item.text.matchAll(/\S+/gu)) {
        const start = [...item.text.slice(at, m.index)].length + (words.at(-1)?.[1] ?? 0);
        const word = [...m[0]].length;
        words.push([start, start + word]);
        at = m.index + m[0].length;
        void cps;
      }
      let seed = 7;
      const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
      const tx = db.transaction('annotations', 'readwrite');
      const store = tx.objectStore('annotations');
      const stride = Math.floor(words.length / count);
      for (let i = 0; i < count; i++) {
        const first = i * stride;
        const last = Math.min(words.length - 1, first + Math.floor(random() * 3));
        const [start] = words[first]!;
        const [, end] = words[last]!;
        store.put({
          id: `seed-${i}`,
          projectId: item.projectId,
          itemId: item.id,
          label: spanLabels[i % spanLabels.length]!.id,
          annotator: 'bench',
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
          type: 'span',
          start,
          end,
          text: cps.slice(start, end).join(''),
        });
      }
      await new Promise((done) => (tx.oncomplete = done));
      db.close();
    },
    { itemName, count },
  );
}

/** Labels `count` random visible word runs by selection + hotkey, then undoes `undos`. */
function labelAndUndo(page: Page, count: number, undos: number) {
  return page.evaluate(
    async ({ count, undos }) => {
      const root = document.querySelector<HTMLElement>('[data-testid=item-text]')!;
      const painted = () =>
        new Promise<void>((done) =>
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => done();
            channel.port2.postMessage(0);
          }),
        );
      let seed = 5;
      const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const segs = [...root.querySelectorAll<HTMLElement>('.seg')].filter((s) => {
          const box = s.getBoundingClientRect();
          const view = root.getBoundingClientRect();
          return (
            box.bottom > view.top && box.top < view.bottom && /\S{2}/.test(s.textContent ?? '')
          );
        });
        const seg = segs[Math.floor(random() * segs.length)]!;
        const node = seg.firstChild!;
        const text = node.textContent!;
        const word = /\S+/.exec(text)!;
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        root.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
        const started = performance.now();
        window.dispatchEvent(
          new KeyboardEvent('keydown', { key: String(1 + (i % 3)), code: `Digit${1 + (i % 3)}` }),
        );
        await painted();
        times.push(performance.now() - started);
        root.scrollTop += 40; // move on through the document, as a labeler reading it would
        await painted();
      }
      const undo: number[] = [];
      for (let i = 0; i < undos; i++) {
        const started = performance.now();
        window.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', ctrlKey: true }),
        );
        await painted();
        undo.push(performance.now() - started);
      }
      return { times, undo };
    },
    { count, undos },
  );
}

/** Click on the project (which opens its only item) to the text painted with its tags. */
async function openItem(bench: Workbench, project: string): Promise<number> {
  const page = bench.page;
  const started = await page.evaluate(() => performance.now());
  await bench.project(project).click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=item-text] .tag') !== null,
    null,
    {
      timeout: 60_000,
      polling: 'raf',
    },
  );
  return Math.round((await page.evaluate(() => performance.now())) - started);
}

export async function textDense(page: Page, dir: string): Promise<Figures> {
  const bench = new Workbench(page);
  await bench.createProject('Bench: dense text');
  await labels(bench);
  const doc = paragraphs(11, 100_000, 60);
  await importDocument(bench, dir, 'dense-100k.txt', doc);
  await seedSpans(page, 'dense-100k.txt', 10_000);
  await bench.project('Sample project').click(); // so the reload does not open it already
  await bench.reload();
  const openMs = await openItem(bench, 'Bench: dense text');
  const { times, undo } = await labelAndUndo(page, 60, 60);

  // The annotation list: scroll it through 10,000 rows, one step a frame.
  const list = page.getByRole('list', { name: 'Spans and relations' });
  await list.waitFor();
  const stop = await watchMainThread(page);
  await list.evaluate(async (el) => {
    for (let i = 0; i < 200; i++) {
      el.scrollTop += 300;
      await new Promise(requestAnimationFrame);
    }
  });
  const scroll = await stop();
  // The text itself, scrolled through blocks rendered on demand.
  const stopText = await watchMainThread(page);
  await bench.itemText.evaluate(async (el) => {
    for (let i = 0; i < 200; i++) {
      el.scrollTop += 250;
      await new Promise(requestAnimationFrame);
    }
  });
  const textScroll = await stopText();
  return {
    words: 100_000,
    spans: 10_000,
    openMs,
    labelSpanMs: { p50: distribution(times).p50, p95: distribution(times).p95 },
    undoMs: { p50: distribution(undo).p50, p95: distribution(undo).p95 },
    listScrollFrameMs: { p50: scroll.frames.p50, p95: scroll.frames.p95 },
    textScrollFrameMs: { p50: textScroll.frames.p50, p95: textScroll.frames.p95 },
  };
}

/** The 1,000-span document of the targets: 5,000 words, 1,000 spans. */
export async function textThousand(page: Page, dir: string): Promise<Figures> {
  const bench = new Workbench(page);
  await bench.createProject('Bench: 1,000 spans');
  await labels(bench);
  await importDocument(bench, dir, 'dense-5k.txt', paragraphs(12, 5_000, 60));
  await seedSpans(page, 'dense-5k.txt', 1_000);
  await bench.project('Sample project').click();
  await bench.reload();
  const openMs = await openItem(bench, 'Bench: 1,000 spans');
  const { times, undo } = await labelAndUndo(page, 100, 100);
  return {
    words: 5_000,
    spans: 1_000,
    openMs,
    labelSpanMs: { p50: distribution(times).p50, p95: distribution(times).p95 },
    undoMs: { p50: distribution(undo).p50, p95: distribution(undo).p95 },
    allEditsOnDiskMsAfterLastAction: await editsOnDiskMs(page),
  };
}

/** How long after the last edit every write is on disk: a read queues behind pending writes. */
function editsOnDiskMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const started = performance.now();
    const open = indexedDB.open('airlock');
    await new Promise((done) => (open.onsuccess = done));
    const count = open.result.transaction('annotations').objectStore('annotations').count();
    await new Promise((done) => (count.onsuccess = done));
    open.result.close();
    return Math.round(performance.now() - started);
  });
}

/** 10,000 texts, 1,000 terms for one label, suggested in every text. */
export async function textPatterns(page: Page, dir: string): Promise<Figures> {
  const bench = new Workbench(page);
  await bench.createProject('Bench: patterns');
  await labels(bench);
  await bench.chooseFiles([writeJsonl(dir, 'pattern-texts.jsonl', 10_000, 40, 21)]);
  await bench.importChosen();
  await bench.tab('Items').click();
  await bench.item('pattern-texts.jsonl-0').first().click();
  await bench.itemText.waitFor();
  const random = seeded(22);
  const terms = Array.from({ length: 1_000 }, (_, i) =>
    i < 20 ? VOCABULARY[i]! : `term${i} ${VOCABULARY[Math.floor(random() * VOCABULARY.length)]}`,
  );
  await page.getByText(/^Pre-label with patterns/).click();
  await page.getByLabel('Terms, one per line').fill(terms.join('\n'));
  await page.getByRole('button', { name: 'Add terms' }).click();
  await page.getByRole('button', { name: 'Suggest in every text' }).waitFor();
  const stop = await watchMainThread(page);
  const started = Date.now();
  await page.getByRole('button', { name: 'Suggest in every text' }).click();
  const report = page.getByRole('status').filter({ hasText: /new suggestions? in the project/ });
  await report.waitFor({ timeout: 600_000 });
  const elapsed = Date.now() - started;
  const main = await stop();
  const found = Number(
    /([\d,]+) new/.exec((await report.textContent()) ?? '')?.[1]?.replaceAll(',', ''),
  );
  return {
    items: 10_000,
    terms: 1_000,
    seconds: Math.round(elapsed / 100) / 10,
    itemsPerSecond: Math.round((10_000 / elapsed) * 1000),
    suggestions: found,
    framesDuringMs: { p50: main.frames.p50, p95: main.frames.p95 },
    longestMainThreadBlockMs: main.longestTaskMs,
  };
}
