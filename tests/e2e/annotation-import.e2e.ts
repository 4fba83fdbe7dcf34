import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Download } from 'playwright-core';
import type { Locator } from 'playwright-core';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import type { Workbench } from './pages/workbench.ts';
import { SAMPLE_TEXTS } from '../../src/sample/sample-texts.ts';

const suite = appSuite();
const dir = mkdtempSync(join(tmpdir(), 'airlock-e2e-reimport-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = (name: string, value: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

/** Chooses annotation files in the Import tab, as a labeler would. */
async function chooseAnnotationFiles(
  bench: Workbench,
  files: ReturnType<typeof json>[],
): Promise<void> {
  await bench.tab('Import').click();
  await bench.page.getByLabel('Choose annotation files…').setInputFiles(files);
}

const summary = (bench: Workbench): Locator =>
  bench.page.getByRole('region', { name: 'Annotation import summary' });

/** The span tags of the open text item, as "Label: covered text". */
const tags = (bench: Workbench) =>
  bench.itemText
    .getByRole('button')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

// The sample project has village-day.png (960 × 640) and launch-memo.txt.
const coco = {
  images: [
    { id: 1, file_name: 'village-day.png', width: 960, height: 640 },
    { id: 2, file_name: 'not-annotated.png', width: 10, height: 10 },
  ],
  categories: [
    { id: 1, name: 'house' },
    { id: 2, name: 'Car' },
  ],
  annotations: [
    {
      id: 1,
      image_id: 1,
      category_id: 1,
      bbox: [100, 300, 120, 90],
      area: 10800,
      iscrowd: 0,
      segmentation: [],
    },
    {
      id: 2,
      image_id: 1,
      category_id: 1,
      bbox: [400, 310, 0, 0],
      area: 0,
      iscrowd: 0,
      segmentation: [[400, 310, 520, 310, 460, 250]],
    },
    {
      id: 3,
      image_id: 1,
      category_id: 2,
      bbox: [0, 560, 96, 80],
      area: 7680,
      iscrowd: 0,
      segmentation: [],
    },
  ],
};

describe('importing annotations', () => {
  it('imports COCO boxes and spans JSONL into the sample project, asking once about a new category', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.item('launch-memo.txt').waitFor();

    await chooseAnnotationFiles(bench, [json('coco.json', coco)]);
    const dialog = page.getByRole('dialog', { name: 'Map categories to labels' });
    await dialog.waitFor();
    // "house" finds the label House; only Car is asked about, proposed as a new label.
    expect(await dialog.getByRole('row').count()).toBe(2);
    expect(await dialog.getByLabel('Label for Car').inputValue()).toBe('');
    await screenshot(page, 'annotation-import-mapping');
    await dialog.getByRole('button', { name: 'Import annotations' }).click();
    await expect
      .poll(() => summary(bench).textContent())
      .toMatch(/3 annotations added to 1 item\./);
    expect(await summary(bench).textContent()).toContain('New labels: Car');
    await screenshot(page, 'annotation-import-coco-summary');

    const memo = SAMPLE_TEXTS.find((t) => t.name === 'launch-memo.txt')!.text;
    const codePoint = (words: string) => [...memo.slice(0, memo.indexOf(words))].length;
    const span = (words: string, label: string) => ({
      start: codePoint(words),
      end: codePoint(words) + [...words].length,
      label,
      text: words,
    });
    const line = {
      id: 'launch-memo.txt',
      text: memo,
      spans: [
        span('Ada Lovelace', 'Person'),
        span('Acme Research', 'Organization'),
        span('Zürich', 'Location'),
      ],
      classes: ['Urgent'],
    };
    await chooseAnnotationFiles(bench, [
      { ...json('memo.jsonl', `${JSON.stringify(line)}\n`), mimeType: 'application/x-ndjson' },
    ]);
    // Every category is a label already: no question, straight to the summary.
    await expect
      .poll(() => summary(bench).textContent())
      .toMatch(/4 annotations added to 1 item\./);
    expect(await page.getByRole('dialog').count()).toBe(0);

    // The spans show on the text, the boxes are found by their label.
    await bench.tab('Items').click();
    await bench.item('launch-memo.txt').click();
    await expect
      .poll(() => tags(bench))
      .toEqual(['Person: Ada Lovelace', 'Location: Zürich', 'Organization: Acme Research']);
    expect(await page.getByRole('button', { name: /Urgent/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await screenshot(page, 'annotation-import-spans');
    await page.getByLabel('Filter by label').selectOption({ label: 'Car' });
    await expect
      .poll(() => bench.items.getByRole('button').allTextContents())
      .toEqual([expect.stringContaining('village-day.png')]);

    const stored = (await bench.storedAnnotations()) as unknown as Record<string, unknown>[];
    const imported = stored.filter((a) => a.annotator === 'import:coco');
    expect(imported.map((a) => a.type).sort()).toEqual(['box', 'box', 'polygon']);
    expect(imported.find((a) => a.type === 'box' && a.x === 100)).toMatchObject({
      y: 300,
      w: 120,
      h: 90,
    });
    expect(stored.filter((a) => a.annotator === 'import:spans-jsonl')).toHaveLength(4);

    // The same COCO file again adds nothing.
    await chooseAnnotationFiles(bench, [json('coco.json', coco)]);
    await expect
      .poll(() => summary(bench).textContent())
      .toMatch(/Nothing new, 0 added: all 3 annotations in these files are already there\./);
  });

  it('names the place and reason of every problem and imports nothing', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.item('launch-memo.txt').waitFor();
    const broken = {
      ...coco,
      annotations: [
        ...coco.annotations,
        { id: 4, image_id: 9, category_id: 1, bbox: [0, 0, 1, 1] },
      ],
    };
    await chooseAnnotationFiles(bench, [
      json('broken.json', broken),
      json('truncated.json', '{"images": ['),
    ]);
    const problems = page.getByRole('region', { name: 'Annotation import problems' });
    await expect
      .poll(() => problems.getByRole('listitem').allTextContents())
      .toEqual([
        'broken.json, annotations[3].image_id: refers to no image in "images" (9)',
        expect.stringMatching(/^truncated\.json, line 1, column 13: is not valid JSON/),
      ]);
    await screenshot(page, 'annotation-import-problems');
    expect(await bench.storedAnnotations()).toEqual([]);
  });

  it('adds nothing when the COCO, YOLO, VOC and Label Studio exports go back into their own project', async () => {
    const bench = await suite.open();
    const page = bench.page;
    // Bundles arrive as downloads; the sample project must be whole before the reload.
    await bench.projects.waitFor();
    await bench.withoutSavePicker();
    await bench.reload();
    await bench.item('launch-memo.txt').waitFor();

    // Boxes, a polygon and spans, with a new label: the sample project as a labeler left it.
    await chooseAnnotationFiles(bench, [json('coco.json', coco)]);
    const dialog = page.getByRole('dialog', { name: 'Map categories to labels' });
    await dialog.getByRole('button', { name: 'Import annotations' }).click();
    await expect.poll(() => summary(bench).textContent()).toMatch(/3 annotations added/);
    await bench.tab('Items').click();
    await bench.item('launch-memo.txt').click();
    await bench.dragOver('Ada Lovelace');
    await page.keyboard.press('1');
    await page.getByRole('button', { name: /: Ada Lovelace$/ }).waitFor();

    await bench.setUpSigning('Ada Lovelace');
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByRole('button', { name: 'Export bundle…' }).click();
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(2);
    const bundle = join(dir, downloads[0]!.suggestedFilename());
    await downloads[0]!.saveAs(bundle);
    const out = mkdtempSync(join(dir, 'unzipped-'));
    execFileSync('unzip', ['-q', bundle, '-d', out]);
    const exports = join(out, 'exports');

    const reimport = async (
      format: string,
      how: 'files' | 'folder',
      paths: string[],
      n: number,
    ) => {
      await bench.tab('Import').click();
      const picker = how === 'files' ? 'Choose annotation files…' : 'Choose an annotation folder…';
      await page.getByLabel(picker).setInputFiles(paths);
      await expect
        .poll(
          async () =>
            (await summary(bench).count()) > 0
              ? summary(bench).textContent()
              : page.locator('section.annotations').textContent(),
          { timeout: 30_000 },
        )
        .toContain(
          `(${format}) Nothing new, 0 added: all ${n} annotations in these files are already there.`,
        );
    };
    await reimport('COCO JSON', 'files', [join(exports, 'coco.json')], 3);
    await reimport('YOLO (data.yaml + labels/*.txt)', 'folder', [join(exports, 'yolo')], 2);
    await reimport('Pascal VOC XML', 'folder', [join(exports, 'voc')], 2);
    await reimport('Label Studio JSON', 'files', [join(exports, 'label-studio.json')], 4);
    await screenshot(page, 'annotation-import-own-export');
    const stored = await bench.storedAnnotations();
    expect(stored).toHaveLength(4);
  }, 180_000);
});
