import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { ROOT, screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import type { Workbench } from './pages/workbench.ts';
import { makePng } from '../factories/png.ts';

// Annotate in Chromium, export signed bundles, and check them as a lab would: with the
// airlock CLI and with minisign, outside the browser.

const suite = appSuite();
const dir = mkdtempSync(join(tmpdir(), 'airlock-e2e-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function airlockVerify(...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync('node', ['bin/airlock.mjs', 'verify', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

/** A browser without the File System Access API: bundles arrive as downloads. */
async function withoutSavePicker(bench: Workbench): Promise<void> {
  // The app shows its projects once the sample project is stored; reloading before that
  // would cut the sample short.
  await bench.projects.waitFor();
  await bench.withoutSavePicker();
  await bench.reload();
}

async function opfsFiles(page: Page, folder: string): Promise<{ name: string; base64: string }[]> {
  return page.evaluate(async (folder) => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle(folder);
    const out: { name: string; base64: string }[] = [];
    for await (const [name, handle] of dir.entries()) {
      if (!(handle instanceof FileSystemFileHandle)) continue;
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out.push({ name, base64: btoa(binary) });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }, folder);
}

describe('signed bundles', () => {
  it('annotates, exports a bundle with images as a download, and the CLI and minisign verify it', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await withoutSavePicker(bench);

    await bench.item('launch-memo.txt').click();
    await bench.dragOver('Grace Hopper');
    await page.keyboard.press('1');
    await page.getByRole('button', { name: 'Person: Grace Hopper' }).waitFor();
    await page.keyboard.press('Control+Enter');

    const keyId = await bench.setUpSigning('Ada Lovelace');
    expect(keyId).toMatch(/^[0-9A-F]{16}$/);
    await page
      .getByRole('form', { name: 'Export a signed bundle' })
      .getByRole('checkbox', { name: /images/ })
      .check();
    await screenshot(page, 'export-tab');
    // Two downloads: the bundle, then its archive signature.
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByRole('button', { name: 'Export bundle…' }).click();
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(2);
    const [download, signature] = downloads as [Download, Download];
    const name = download.suggestedFilename();
    expect(name).toMatch(/^sample-project-\d{8}T\d{6}Z-[0-9a-f]{8}\.zip$/);
    expect(signature.suggestedFilename()).toBe(`${name}.minisig`);
    const bundle = join(dir, name);
    await download.saveAs(bundle);
    await signature.saveAs(`${bundle}.minisig`);
    await expect.poll(() => bench.exportResult.textContent()).toContain(name);
    expect(await bench.exportResult.textContent()).toContain(`key ${keyId}`);
    await screenshot(page, 'export-done');

    const pub = await bench.downloadPub(dir, 'ada.pub');
    expect(readFileSync(pub, 'utf8')).toContain(`minisign public key ${keyId}`);
    const verified = airlockVerify(bundle, '--keys', pub);
    expect(verified.out).toMatch(
      new RegExp(`^OK .*signed by Ada Lovelace \\(key ${keyId}, ada\\.pub\\)`),
    );
    expect(verified.out).toContain(`whole archive verified by ${name}.minisig`);
    expect(verified.code).toBe(0);

    // minisign on the whole archive, before anything unzips it (bundle.zip.minisig beside it).
    const whole = execFileSync('minisign', ['-V', '-p', pub, '-m', bundle], { encoding: 'utf8' });
    expect(whole).toContain('Signature and comment signature verified');
    expect(whole).toContain(`file:${name}`);

    // minisign, on the files unzipped by Debian's unzip.
    const out = mkdtempSync(join(dir, 'unzipped-'));
    execFileSync('unzip', ['-q', bundle, '-d', out]);
    const report = execFileSync(
      'minisign',
      ['-V', '-p', pub, '-m', join(out, 'manifest.json'), '-x', join(out, 'manifest.json.minisig')],
      { encoding: 'utf8' },
    );
    expect(report).toContain('Signature and comment signature verified');

    // The span made in the browser is in the bundle, in code points, with the key as annotator.
    const records = readFileSync(join(out, 'annotations.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            item: { name: string; text?: string };
            status: string;
            annotations: {
              type: string;
              start: number;
              end: number;
              text: string;
              annotator: string;
            }[];
          },
      );
    const memo = records.find((r) => r.item.name === 'launch-memo.txt')!;
    expect(memo.status).toBe('done');
    const span = memo.annotations.find((a) => a.text === 'Grace Hopper')!;
    expect([...memo.item.text!].slice(span.start, span.end).join('')).toBe('Grace Hopper');
    expect(span.annotator).toMatch(/^[0-9A-F]{16}$/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      files: { path: string }[];
    };
    expect(manifest.files.filter((f) => f.path.startsWith('media/')).length).toBe(3);
    // The standard formats ride along, under the same signature.
    for (const path of ['exports/coco.json', 'exports/spans.jsonl', 'exports/conll.txt'])
      expect(manifest.files.map((f) => f.path)).toContain(path);

    // Right after, nothing has changed since that export.
    await page.getByRole('radio', { name: /changed since they were last exported/ }).check();
    await page.getByRole('button', { name: 'Export bundle…' }).click();
    await expect
      .poll(() => bench.exportResult.textContent())
      .toContain('Nothing changed since the last export.');
  });

  it('bulk-exports batches into a folder, re-keys with a warning, and old bundles stay checkable', async () => {
    const bench = await suite.open();
    const page = bench.page;
    // The folder picker cannot be driven headless: hand the app a folder of the browser's
    // private file system instead, as a labeler's chosen folder.
    await bench.projects.waitFor();
    await page.addInitScript(() => {
      (window as { showDirectoryPicker?: unknown }).showDirectoryPicker = async () =>
        (await navigator.storage.getDirectory()).getDirectoryHandle('chosen', { create: true });
    });
    await bench.reload();
    const firstKey = await bench.setUpSigning('Grace Hopper');
    const firstPub = await bench.downloadPub(dir, 'grace-1.pub');

    await page.getByRole('button', { name: 'Bulk export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bulk export' });
    await dialog.getByRole('radio', { name: /in bundles of/ }).check();
    await dialog.getByLabel('Items per bundle').fill('4');
    await dialog.getByRole('button', { name: 'Choose folder and export…' }).click();
    const summary = dialog.getByRole('region', { name: 'Export result' });
    await expect
      .poll(() => summary.textContent(), { timeout: 60_000 })
      .toContain('Saved 3 signed bundles');
    await screenshot(page, 'bulk-export-done');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Each bundle with its archive signature beside it.
    const files = await opfsFiles(page, 'chosen');
    const zips = files.map((f) => f.name).filter((n) => n.endsWith('.zip'));
    expect(zips).toEqual([
      expect.stringMatching(/^sample-project-.*\.zip$/),
      expect.stringMatching(/^sample-project-.*\.zip$/),
      expect.stringMatching(/^sample-project-.*\.zip$/),
    ]);
    expect(files.map((f) => f.name).sort()).toEqual(
      [...zips, ...zips.map((n) => `${n}.minisig`)].sort(),
    );
    const folder = mkdtempSync(join(dir, 'bulk-'));
    for (const f of files) writeFileSync(join(folder, f.name), Buffer.from(f.base64, 'base64'));
    const all = airlockVerify(folder, '--keys', firstPub, '--json');
    expect(all.code).toBe(0);
    const results = JSON.parse(all.out) as {
      ok: boolean;
      counts: { items: number };
      archive_signature: string | null;
    }[];
    expect(results.map((r) => r.counts.items).sort()).toEqual([1, 4, 4]);
    expect(results.every((r) => r.archive_signature?.endsWith('.zip.minisig'))).toBe(true);
    for (const zip of zips)
      expect(
        execFileSync('minisign', ['-V', '-p', firstPub, '-m', join(folder, zip)], {
          encoding: 'utf8',
        }),
      ).toContain('Signature and comment signature verified');

    // Re-key: a warning first; the old key stays listed.
    await bench.projects.getByRole('button', { name: /Signing identity/ }).click();
    const panel = page.getByRole('dialog', { name: 'Your signing identity' });
    await panel.getByRole('button', { name: 'Make a new key…' }).click();
    const warning = page.getByRole('dialog', { name: 'Make a new signing key?' });
    await expect
      .poll(async () => (await warning.textContent())?.replace(/\s+/g, ' '))
      .toContain('The lab rejects them until it adds the new public key');
    await warning.getByRole('button', { name: 'Make new key' }).click();
    await expect.poll(() => panel.getByTestId('key-id').textContent()).not.toBe(firstKey);
    await expect
      .poll(() => panel.getByRole('region', { name: 'Earlier keys' }).textContent())
      .toContain(firstKey);
    await screenshot(page, 'identity-rekeyed');
    await panel.getByRole('button', { name: 'Close' }).click();
    const secondKey = await bench.keyId();
    expect(secondKey).not.toBe(firstKey);

    // A bundle signed with the new key is refused against the old key alone, accepted with both.
    await withoutSavePicker(bench);
    await bench.tab('Export').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export bundle…' }).click(),
    ]);
    const bundle = join(dir, download.suggestedFilename());
    await download.saveAs(bundle);
    const refused = airlockVerify(bundle, '--keys', firstPub);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`signed by key ${secondKey}, which is not a trusted key`);
    const secondPub = await bench.downloadPub(dir, 'grace-2.pub');
    expect(airlockVerify(bundle, folder, '--keys', firstPub, '--keys', secondPub).code).toBe(0);
  });

  it('cancels an export with images: no bundle saved, no partial file left', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await withoutSavePicker(bench);
    await bench.createProject('Scans');
    // 20 uncompressed 2-megapixel PNGs (about 115 MB), so the export takes a moment.
    const scans = Array.from({ length: 20 }, (_, i) => {
      const path = join(dir, `scan-${i}.png`);
      writeFileSync(path, makePng(1600, 1200, i, 0));
      return path;
    });
    await bench.chooseFiles(scans);
    await bench.importChosen();
    await bench.setUpSigning('Ada Lovelace');
    await page
      .getByRole('form', { name: 'Export a signed bundle' })
      .getByRole('checkbox', { name: /images/ })
      .check();
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    // Press Cancel the moment it appears, as an impatient labeler would.
    await page.evaluate(() => {
      new MutationObserver((_, observer) => {
        const cancel = document.querySelector<HTMLButtonElement>(
          '[aria-label="Export progress"] button',
        );
        if (cancel) {
          cancel.click();
          (window as { cancelClicked?: boolean }).cancelClicked = true;
          observer.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Export bundle…' }).click();
    await bench.exportResult.waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as { cancelClicked?: boolean }).cancelClicked)).toBe(
      true,
    );
    await expect
      .poll(() => bench.exportResult.textContent(), { timeout: 30_000 })
      .toContain('Export cancelled. No partial bundle was kept.');
    await screenshot(page, 'export-cancelled');
    const staged = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('airlock-export-staging').catch(() => undefined);
      const names: string[] = [];
      if (dir) for await (const name of dir.keys()) names.push(name);
      return names;
    });
    expect(staged).toEqual([]);
    expect(downloads).toEqual([]);
    // The next export runs normally.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Export bundle…' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^scans-.*\.zip$/);
    // Reading back and signing the whole 115 MB archive adds seconds on a busy machine.
  }, 120_000);
});
