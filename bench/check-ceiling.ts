import type { BrowserContext, Page } from 'playwright-core';

// What this machine can do at best with a JSONL of conversations, in two parts any import
// that refuses a bad line before anything lands must do: check it (decode each line as UTF-8
// and JSON.parse it, in workers, storing nothing) and store it (the parsed conversations put
// in a bare IndexedDB database, nothing checked). The import rate is reported beside them:
// a share travels between machines better than conversations/s alone.

/** Runs in each worker: decodes and parses every line of its slice; answers the count. */
const WORKER = `onmessage = async (event) => {
  const bytes = new Uint8Array(await event.data.arrayBuffer());
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let count = 0;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const line = decoder.decode(bytes.subarray(start, end));
    if (line.trim() !== '') {
      JSON.parse(line);
      count++;
    }
    start = end + 1;
  }
  postMessage(count);
};`;

export interface CheckCeiling {
  /** Conversations decoded and parsed a second, by one worker. */
  oneWorker: number;
  /** The same with each file cut in two halves, checked by two workers at once. */
  twoWorkers: number;
}

/** Checks the files (of `count` conversations in all) on a blank page of `context`. */
export async function checkCeiling(
  context: BrowserContext,
  paths: string[],
  count: number,
): Promise<CheckCeiling> {
  const page = await context.newPage();
  try {
    await page.setContent('<input type="file" multiple>');
    await page.setInputFiles('input', paths);
    const rate = (workers: number) =>
      page.evaluate(
        async ({ source, workers, count }) => {
          const input = document.querySelector('input')!;
          const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
          const check = (slice: Blob) =>
            new Promise<number>((resolve, reject) => {
              const worker = new Worker(url);
              worker.onmessage = (event) => {
                worker.terminate();
                resolve(event.data as number);
              };
              worker.onerror = (event) => reject(new Error(event.message));
              worker.postMessage(slice);
            });
          const started = performance.now();
          let checked = 0;
          for (const file of input.files!) {
            // Halves cut after a line feed near the middle.
            const cuts = [0, file.size];
            if (workers === 2) {
              const middle = Math.floor(file.size / 2);
              const after = new Uint8Array(await file.slice(middle, middle + 65_536).arrayBuffer());
              cuts.splice(1, 0, middle + after.indexOf(10) + 1);
            }
            const counts = await Promise.all(
              cuts.slice(1).map((end, i) => check(file.slice(cuts[i], end))),
            );
            checked += counts.reduce((a, b) => a + b, 0);
          }
          if (checked !== count) throw new Error(`checked ${checked} of ${count} lines`);
          return Math.round(count / ((performance.now() - started) / 1000));
        },
        { source: WORKER, workers, count },
      );
    return { oneWorker: await rate(1), twoWorkers: await rate(2) };
  } finally {
    await page.close();
  }
}

/**
 * Conversations a second stored in a bare IndexedDB database of the app's origin (`page`),
 * parsed beforehand and timed from the first put to the commit: one transaction a file, as
 * the import's. The database is deleted after.
 */
export async function storeCeiling(page: Page, paths: string[], count: number): Promise<number> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.id = 'store-ceiling';
    input.hidden = true;
    document.body.append(input);
  });
  await page.setInputFiles('#store-ceiling', paths);
  return page.evaluate(async (count) => {
    const input = document.querySelector<HTMLInputElement>('#store-ceiling')!;
    const name = 'airlock-bench-store-ceiling';
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('rows', { keyPath: 'id' });
        open.result.createObjectStore('contents', { keyPath: 'id' });
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('could not open'));
    });
    let ms = 0;
    let stored = 0;
    for (const file of input.files!) {
      const lines = (await file.text()).split('\n').filter((line) => line.trim() !== '');
      const parsed = lines.map(
        (line) => JSON.parse(line) as { id: string; prompt: string; responses: unknown[] },
      );
      const started = performance.now();
      const tx = db.transaction(['rows', 'contents'], 'readwrite');
      for (const [i, c] of parsed.entries()) {
        const id = `${file.name}-${i}`;
        tx.objectStore('rows').put({ id, name: c.id, status: 'todo', note: '' });
        tx.objectStore('contents').put({
          id,
          context: [{ role: 'user', content: c.prompt }],
          responses: c.responses,
        });
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error ?? new Error('could not store'));
      });
      ms += performance.now() - started;
      stored += parsed.length;
    }
    db.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve));
    input.remove();
    if (stored !== count) throw new Error(`stored ${stored} of ${count}`);
    return Math.round(count / (ms / 1000));
  }, count);
}
