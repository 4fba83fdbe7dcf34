import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import { ImageView } from './pages/image-view.ts';
import { makePng, makePngHeaderOnly, makeTruncatedPng } from '../factories/png.ts';

const suite = appSuite();

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-import-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

describe('import', () => {
  it('imports every format, names each bad file with its reason, and keeps it all after a reload', async () => {
    const bench = await suite.open();
    await bench.createProject('Imports');
    const huge = file('huge.txt', '');
    truncateSync(huge, 200 * 1024 * 1024); // sparse: 200 MB on paper, nothing on disk
    await bench.chooseFiles([
      file('memo.txt', 'Ada 👩🏽‍💻 met Grace in Zürich.\r\nשלום\tعالم\r\n'),
      file('posts.jsonl', '{"id":"p1","body":"first post 🇨🇭"}\n{"id":"p2","body":"second post"}\n'),
      file('broken.jsonl', '{"body":"fine"}\n{"body": nope}\n'),
      file('rows.csv', 'id,content\nr1,"a, quoted ""cell"""\nr2,"multi\nline"\n'),
      file('wrong-column.csv', 'id,text\n1,hello\n'),
      file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9])),
      file('empty.txt', ''),
      huge,
      file('photo.png', makePng(320, 200, 1)),
      file('truncated.png', makeTruncatedPng(300, 300)),
      file('giant.png', makePngHeaderOnly(30000, 30000)),
    ]);
    await bench.page.getByLabel('JSONL field holding the text').selectOption('body');
    await bench.page.getByLabel('CSV column holding the text').selectOption('content');
    const summary = await bench.importChosen();
    await screenshot(bench.page, 'import-summary');
    const text = await summary.textContent();
    expect(text).toContain('6 items added from 11 of 11 files');
    const rejected = await summary.getByRole('listitem').allTextContents();
    expect(rejected).toEqual([
      expect.stringMatching(/^broken\.jsonl, line 2: is not valid JSON/),
      'wrong-column.csv, line 1: has no column "content"',
      expect.stringMatching(
        /^latin1\.txt, line 1: is not valid UTF-8 text \(first bad byte at offset 3\)/,
      ),
      'empty.txt: is empty',
      'huge.txt: is too large (200.0 MB; the limit is 100 MB)',
      'truncated.png: could not be decoded: the image is corrupt or truncated',
      'giant.png: is too large (30000 × 30000, 900,000,000 pixels; the limit is 250,000,000 pixels)',
    ]);

    const expected = ['memo.txt', 'p1', 'p2', 'r1', 'r2', 'photo.png'];
    await bench.tab('Items').click();
    await expect
      .poll(() => bench.items.getByRole('listitem').allTextContents())
      .toEqual(expected.map((name) => expect.stringContaining(name) as unknown));
    await bench.reload();
    await expect
      .poll(() => bench.page.getByLabel('Progress').textContent())
      .toBe('0 of 6 items done');
    await bench.item('memo.txt').click();
    expect(await bench.itemText.textContent()).toBe(
      'Ada 👩🏽‍💻 met Grace in Zürich.\r\nשלום\tعالم\r\n',
    );
    await bench.item('r2').click();
    await expect.poll(() => bench.itemText.textContent()).toBe('multi\nline');
    await bench.item('photo.png').click();
    // Decoded and shown on the canvas, at its own size.
    const image = new ImageView(bench.page);
    await image.ready();
    expect(await image.stage.getAttribute('aria-label')).toMatch(/photo\.png \(\d+ × 200 px\)/);
  });

  it('stops on a full disk with its summary: what landed stays, the rest is listed', async () => {
    const bench = await suite.open();
    await bench.createProject('Full disk');
    const names = ['a', 'b', 'c', 'd', 'e'].map((n) => `full-${n}.txt`);
    await bench.chooseFiles(names.map((n) => file(n, `text of ${n}`)));
    // The disk fills after two files: IndexedDB refuses the next write as Chromium does.
    await bench.page.evaluate(() => {
      let adds = 0;
      const add = IDBObjectStore.prototype.add; // eslint-disable-line @typescript-eslint/unbound-method
      IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args) {
        if (this.name === 'items' && ++adds > 2)
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return add.apply(this, args);
      };
    });
    const summary = await bench.importChosen();
    await screenshot(bench.page, 'import-stopped-disk-full');
    await expect
      .poll(() => summary.getByRole('heading').first().textContent())
      .toBe('Import stopped');
    expect(await summary.getByRole('alert').textContent()).toMatch(/no room left/);
    expect(await summary.textContent()).toContain('2 items added from 3 of 5 files');
    expect(await summary.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^full-c\.txt: was not imported: the browser has no room left/),
      'full-d.txt',
      'full-e.txt',
    ]);
    // No blocker: the summary is the message.
    expect(await bench.page.getByRole('dialog').count()).toBe(0);
    await bench.tab('Items').click();
    await expect
      .poll(() => bench.items.getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('full-a.txt'), expect.stringContaining('full-b.txt')]);
  });

  it('skips duplicates and imports a whole folder, keeping its paths', async () => {
    const bench = await suite.open();
    await bench.createProject('Folder');
    const folder = join(dir, 'shoot');
    file('shoot/a.png', makePng(64, 48, 2));
    file('shoot/b.png', makePng(64, 48, 3));
    file('shoot/nested/c.png', makePng(48, 64, 4));
    file('shoot/nested/copy-of-a.png', makePng(64, 48, 2));
    await bench.tab('Import').click();
    await bench.page.getByLabel('Choose a folder…').setInputFiles(folder);
    const summary = await bench.importChosen();
    expect(await summary.textContent()).toContain(
      '3 items added from 4 of 4 files; 1 duplicate skipped',
    );
    await bench.tab('Items').click();
    await expect.poll(() => bench.items.getByRole('listitem').count()).toBe(3);
    await expect.poll(() => bench.items.textContent()).toContain('shoot/nested/c.png');
  });

  it('imports files dropped on the drop zone', async () => {
    const bench = await suite.open();
    await bench.createProject('Dropped');
    await bench.tab('Import').click();
    const zone = bench.page.getByRole('region', { name: 'Drop files or folders here' });
    const data = await bench.page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['dropped text ✨'], 'dropped.txt', { type: 'text/plain' }));
      return transfer;
    });
    await zone.dispatchEvent('drop', { dataTransfer: data });
    const summary = await bench.importChosen();
    expect(await summary.textContent()).toContain('1 item added from 1 of 1 file');
  });

  it('filters the item list by status and by text', async () => {
    const bench = await suite.open();
    await bench.item('cairo.txt').click();
    await bench.page.getByRole('radio', { name: 'Skipped' }).click();
    await bench.page.getByLabel('Filter by status').selectOption('skipped');
    await expect
      .poll(() => bench.items.getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('cairo.txt')]);
    // Filtering keeps the open item open.
    expect(await bench.page.getByRole('article', { name: 'Item cairo.txt' }).count()).toBe(1);
    await bench.page.getByLabel('Filter by status').selectOption('');
    await bench.page.getByLabel('Search items').fill('北京');
    await expect
      .poll(() => bench.items.getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('tokyo-lab.txt')]);
  });
});
