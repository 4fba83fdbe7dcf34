import type { Page } from 'playwright-core';
import type { Workbench } from '../tests/e2e/pages/workbench.ts';
import { watchMainThread, type Distribution } from './measure.ts';

// The conversations bench's last rows: a ranking dragged through the real view, and a signed
// bundle (with preference.jsonl, openai-preference.jsonl, sft.jsonl and ratings.jsonl) exported
// through the Export tab for every conversation answered.

/**
 * Ranks the open item's four responses with the menus, then drags the last one onto rank 1
 * (a tie) with the mouse, frames measured from the press to the drop shown.
 */
export async function rankingDrag(page: Page): Promise<Distribution> {
  const ranking = page.getByRole('list', { name: 'Ranking: best first' });
  for (const [i, letter] of ['A', 'B', 'C', 'D'].entries()) {
    await page.getByLabel(`Rank of response ${letter}`).selectOption(String(i + 1));
  }
  await ranking.getByRole('listitem', { name: 'Rank 4: D' }).waitFor();
  const chip = ranking.getByRole('listitem', { name: 'Rank 4: D' }).getByText('Response D');
  const target = ranking.getByRole('listitem', { name: 'Rank 1: A' });
  await chip.scrollIntoViewIfNeeded();
  const from = (await chip.boundingBox())!;
  const to = (await target.boundingBox())!;
  const stop = await watchMainThread(page);
  await page.mouse.move(from.x + 10, from.y + from.height / 2);
  await page.mouse.down();
  const steps = 40;
  for (let s = 1; s <= steps; s++) {
    const t = s / steps;
    await page.mouse.move(
      from.x + 10 + (to.x + to.width - 20 - from.x - 10) * t,
      from.y + from.height / 2 + (to.y + to.height / 2 - from.y - from.height / 2) * t,
    );
  }
  await page.mouse.up();
  await ranking.getByRole('listitem', { name: 'Rank 1: A, D' }).waitFor();
  const { frames } = await stop();
  return frames;
}

/**
 * Gives every conversation of the project the answers the bench made through the view (copies
 * of them, so they are exactly what the app stores), plus a rating and a rewrite, straight into
 * IndexedDB: answering 10,000 conversations by hand is not what is timed here.
 */
async function answerAll(page: Page, project: string): Promise<number> {
  return page.evaluate(async (project) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('airlock');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const all = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(String(request.error)));
      });
    type Row = Record<string, unknown> & { id: string; itemId: string; type: string };
    const read = db.transaction(['projects', 'items', 'annotations'], 'readonly');
    const projects = (await all(read.objectStore('projects').getAll())) as {
      id: string;
      name: string;
      labels: { id: string; kinds: string[] }[];
    }[];
    const found = projects.find((p) => p.name === project)!;
    const items = (await all(read.objectStore('items').getAll())) as {
      id: string;
      projectId: string;
      name: string;
    }[];
    const answers = (await all(read.objectStore('annotations').getAll())) as Row[];
    const mine = answers.filter((a) => a.projectId === found.id);
    const preference = mine.find((a) => a.type === 'preference')!;
    const ranking = mine.find((a) => a.type === 'ranking')!;
    const label = (kind: string) => found.labels.find((l) => l.kinds.includes(kind))!.id;
    const answered = new Set(mine.map((a) => a.itemId));
    const write = db.transaction('annotations', 'readwrite');
    const store = write.objectStore('annotations');
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { shown, choice, strength, ...stamp } = preference;
    let n = 0;
    for (const item of items) {
      if (item.projectId !== found.id || !item.name.startsWith('conv-') || answered.has(item.id))
        continue;
      const id = () => `bench-${n++}`;
      store.add({ ...preference, id: id(), itemId: item.id });
      store.add({ ...ranking, id: id(), itemId: item.id });
      const [rating, rewrite] = [label('rating'), label('rewrite')];
      store.add({
        ...stamp,
        id: id(),
        itemId: item.id,
        type: 'rating',
        label: rating,
        response: 'r1',
        value: 4,
      });
      store.add({
        ...stamp,
        id: id(),
        itemId: item.id,
        type: 'text',
        label: rewrite,
        response: 'r1',
        text: 'An ideal answer, written by the labeler.',
      });
    }
    await new Promise<void>((resolve, reject) => {
      write.oncomplete = () => resolve();
      write.onerror = () => reject(new Error(String(write.error)));
    });
    db.close();
    return items.filter((i) => i.projectId === found.id && i.name.startsWith('conv-')).length;
  }, project);
}

/** Seconds from Export bundle… to the saved bundle, for the whole project answered. */
export async function exportAnswered(
  page: Page,
  bench: Workbench,
  project: string,
): Promise<{ seconds: number; items: number; bundleMb: number; longestMainThreadBlockMs: number }> {
  const items = await answerAll(page, project);
  // Saved into the origin's private file system (no save dialog in a headless browser).
  await page.addInitScript(() => {
    (window as { showSaveFilePicker?: unknown }).showSaveFilePicker = async (options: {
      suggestedName: string;
    }) =>
      (await navigator.storage.getDirectory()).getFileHandle(options.suggestedName, {
        create: true,
      });
  });
  await bench.reload();
  await bench.setUpSigning('Bench annotator');
  const stop = await watchMainThread(page);
  const started = Date.now();
  await page.getByRole('button', { name: 'Export bundle…' }).click();
  await bench.exportResult.waitFor({ timeout: 3_600_000 });
  const seconds = (Date.now() - started) / 1000;
  const main = await stop();
  const text = (await bench.exportResult.textContent()) ?? '';
  const name = /(\S+\.zip)/.exec(text)?.[1];
  if (!name) throw new Error(`export did not finish: ${text}`);
  const size = await page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory();
    const file = await (await root.getFileHandle(name)).getFile();
    const unzipped = file.size;
    await root.removeEntry(name);
    return unzipped;
  }, name);
  return {
    seconds: Math.round(seconds * 10) / 10,
    items,
    bundleMb: Math.round(size / 1e5) / 10,
    longestMainThreadBlockMs: main.longestTaskMs,
  };
}
