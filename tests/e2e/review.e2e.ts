import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import type { Workbench } from './pages/workbench.ts';

// A lead hands out work, two labelers label it in their own browsers and send signed bundles
// back, the lead checks agreement, adjudicates, and signs the result. Three profiles, files
// only, no server.

const suite = appSuite();
const dir = mkdtempSync(join(tmpdir(), 'airlock-e2e-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Without the File System Access API, so bundles arrive as downloads. */
async function open(): Promise<Workbench> {
  const bench = await suite.open();
  // Reloading before the sample project is stored would cut it short.
  await bench.projects.waitFor();
  await bench.withoutSavePicker();
  await bench.reload();
  return bench;
}

/** A labeler opens the package, labels the memo, and exports a signed bundle. */
async function label(
  bench: Workbench,
  pkg: string,
  who: string,
  spans: string[],
  tone: 'p' | 'x',
): Promise<{ bundle: string; pub: string }> {
  const page = bench.page;
  await bench.projects.getByLabel('Open a task package').setInputFiles(pkg);
  await expect
    .poll(() => bench.projects.getByRole('status').textContent())
    .toContain('items added');
  await bench.item('launch-memo.txt').click();
  for (const words of spans) {
    await bench.dragOver(words);
    await page.keyboard.press('1');
    await page.getByRole('button', { name: `Person: ${words}` }).waitFor();
  }
  await page.keyboard.press(tone);
  await page.keyboard.press('Control+Enter');
  await bench.setUpSigning(who);
  const bundle = await bench.download(dir, () =>
    page.getByRole('button', { name: 'Export bundle…' }).click(),
  );
  return { bundle, pub: await bench.downloadPub(dir, `${who}.pub`) };
}

describe('review', () => {
  it('hands out work, takes in two signed bundles, shows agreement, adjudicates and signs the result', async () => {
    const lead = await open();
    await lead.tab('Review').click();
    const packages = lead.page.getByRole('form', { name: 'Make task packages' });
    await packages.getByLabel('Batches', { exact: true }).fill('2');
    await packages.getByLabel('Items shared by all batches').fill('9');
    const downloads: string[] = [];
    lead.page.on('download', (d) => {
      const path = join(dir, d.suggestedFilename());
      downloads.push(path);
      void d.saveAs(path);
    });
    await packages.getByRole('button', { name: 'Make task packages' }).click();
    await expect.poll(() => downloads.length).toBe(2);
    const made = lead.page.getByRole('region', { name: 'Hand out work' }).getByRole('status');
    await made.getByText('task-2-of-2.zip: 9 items').waitFor();
    expect(await made.textContent()).toMatch(
      /task-1-of-2\.zip: 9 items.*task-2-of-2\.zip: 9 items/s,
    );

    const one = await label(
      await open(),
      downloads[0]!,
      'Ada',
      ['Ada Lovelace', 'Grace Hopper'],
      'p',
    );
    const two = await label(await open(), downloads[1]!, 'Grace', ['Grace Hopper'], 'x');

    // The lead trusts Ada only, at first: Grace's bundle is refused, and so is a tampered one.
    await lead.page.bringToFront();
    const page = lead.page;
    await page.getByLabel("Labeler's name").fill('Ada');
    await page.getByLabel('Add a public key (.pub)').setInputFiles(one.pub);
    const trusted = page.getByRole('region', { name: 'Trusted labelers' });
    await expect.poll(() => trusted.textContent()).toContain('is now trusted');
    const tampered = join(dir, 'tampered.zip');
    const bytes = readFileSync(one.bundle);
    // One byte inside the first entry's data (after its 30-byte header and name).
    const at = 30 + bytes.readUInt16LE(26) + bytes.readUInt16LE(28) + 10;
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(tampered, bytes);
    await page.getByLabel('Receive signed bundles (.zip)').setInputFiles([two.bundle, tampered]);
    const received = page.getByRole('list', { name: 'Received files' });
    await expect
      .poll(() => received.textContent())
      .toMatch(/Refused.*not among your trusted labelers/);
    await expect.poll(() => received.textContent()).toMatch(/Refused\s*tampered\.zip: \S+/);

    await page.getByLabel("Labeler's name").fill('Grace');
    await page.getByLabel('Add a public key (.pub)').setInputFiles(two.pub);
    await page.getByLabel('Receive signed bundles (.zip)').setInputFiles([one.bundle, two.bundle]);
    await expect
      .poll(() => received.textContent())
      .toMatch(/Accepted.*signed by Ada.*Accepted.*signed by Grace/s);

    // Agreement: they agree on Grace Hopper, not on Ada Lovelace, and chose opposite tones.
    const table = page.getByRole('table', { name: 'Agreement between labelers' });
    await expect.poll(() => table.textContent()).toContain("Cohen's κ");
    const spanF1 = await table
      .getByRole('row')
      .filter({ hasText: 'Exact-match F1' })
      .filter({ hasText: 'All labels' })
      .first()
      .textContent();
    // Ada: 2 spans, Grace: 1, 1 in common → F1 = 2·1/(2+1) = 0.667.
    expect(spanF1).toContain('0.667');
    await screenshot(page, 'review-agreement');

    // Adjudicate: only disagreements, take Ada's version of the memo, then drop her extra span.
    await page.getByLabel('Only disagreements').check();
    const items = page.getByRole('list', { name: 'Items to review' });
    await expect
      .poll(() => items.getByRole('button').allTextContents())
      .toEqual([expect.stringContaining('launch-memo.txt')]);
    await items.getByRole('button', { name: /launch-memo/ }).click();
    await page.getByRole('button', { name: "Accept Ada's version" }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.getByRole('listitem').count()).toBe(3);
    await expect.poll(() => result.textContent()).toMatch(/“Grace Hopper”[^“]*from Ada, Grace/s);
    await result.getByRole('button', { name: /Remove “Ada Lovelace”/ }).click();
    await expect.poll(() => result.getByRole('listitem').count()).toBe(2);
    await page.getByRole('group', { name: 'Review' }).getByLabel('Comment').fill('Tone checked');
    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Mark reviewed' }).getAttribute('aria-pressed'))
      .toBe('true');
    await screenshot(page, 'review-adjudicated');

    // The lead signs the result; it verifies, and each annotation says whom it came from.
    const leadKey = await lead.setUpSigning('Lead');
    const out = await lead.download(dir, () =>
      page.getByRole('button', { name: 'Export bundle…' }).click(),
    );
    const pub = await lead.downloadPub(dir, 'lead.pub');
    const verified = execFileSync('node', ['bin/airlock.mjs', 'verify', out, '--keys', pub], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(verified).toMatch(new RegExp(`^OK .*key ${leadKey}`));
    const unzipped = mkdtempSync(join(dir, 'result-'));
    execFileSync('unzip', ['-q', out, '-d', unzipped]);
    const memo = readFileSync(join(unzipped, 'annotations.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            item: { name: string };
            annotations: { type: string; text?: string; sources?: string[] }[];
          },
      )
      .find((r) => r.item.name === 'launch-memo.txt')!;
    const grace = memo.annotations.find((a) => a.text === 'Grace Hopper');
    expect(grace?.sources).toHaveLength(2);
    expect(memo.annotations.map((a) => a.type).sort()).toEqual(['class', 'span']);
  });
});
