import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import type { Workbench } from './pages/workbench.ts';
import { readPng } from './pages/pixels.ts';

const suite = appSuite();
const dir = mkdtempSync(join(tmpdir(), 'airlock-text-dense-'));

/** The span tags (not suggestions) as "Label: covered text". */
const tags = (bench: Workbench) =>
  bench.itemText
    .locator('button.tag:not(.suggestion)')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
const suggested = (bench: Workbench) =>
  bench.itemText
    .locator('button.tag.suggestion')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

/** Where a word of the text is on screen: its first and last character's boxes. */
async function wordBox(page: Page, word: string) {
  return page.getByTestId('item-text').evaluate((root, target) => {
    for (const seg of root.querySelectorAll<HTMLElement>('.seg')) {
      const node = seg.firstChild;
      const at = node?.textContent?.indexOf(target) ?? -1;
      if (!node || at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      const r = range.getBoundingClientRect();
      return {
        left: r.left,
        right: r.right,
        top: r.top,
        bottom: r.bottom,
        mid: r.top + r.height / 2,
      };
    }
    throw new Error(`"${target}" is not in one run of the text`);
  }, word);
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** Python's view of a bundle: every span's text[start:end] must be its text. */
const PYTHON_CHECK = `
import json, sys
bad = 0
spans = 0
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    text = record["item"].get("text", "")
    for a in record["annotations"]:
        if a["type"] != "span":
            continue
        spans += 1
        if text[a["start"]:a["end"]] != a["text"]:
            bad += 1
print(json.dumps({"spans": spans, "bad": bad}))
`;

describe('dense text labeling', () => {
  it('suggests by patterns, is accepted and rejected by keyboard, and exports only what was accepted', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.withoutSavePicker();
    await bench.reload();
    await bench.item('launch-memo.txt').click();
    await page.getByText(/^Pre-label with patterns/).click();
    await page.getByLabel('Label for new rules').selectOption({ label: 'Person' });
    await page
      .getByLabel('Terms, one per line')
      .fill('ada lovelace\nGrace Hopper\nBoston\nMarie Curie');
    await page.getByRole('button', { name: 'Add terms' }).click();
    await page.getByLabel('Label for new rules').selectOption({ label: 'Organization' });
    await page.getByLabel('Regular expression').fill('Acme \\p{Lu}\\p{Ll}+');
    await page.getByRole('button', { name: 'Add regular expression' }).click();
    await page.getByRole('button', { name: 'Suggest in every text' }).click();
    await page.getByRole('status').filter({ hasText: 'new suggestions in the project' }).waitFor();
    await expect
      .poll(() => suggested(bench))
      .toEqual([
        'Suggested Person: Ada Lovelace',
        'Suggested Person: Grace Hopper',
        'Suggested Organization: Acme Research',
        'Suggested Person: Boston',
      ]);
    await screenshot(page, 'text-suggestions');

    // Enter accepts the one in focus, Backspace rejects it; the focus moves on.
    await bench.itemText.focus();
    await page.keyboard.press('Enter'); // Ada Lovelace
    await page.keyboard.press('}'); // skip Grace Hopper for now
    await page.keyboard.press('Enter'); // Acme Research
    await page.keyboard.press('Backspace'); // Boston is no person
    await expect.poll(() => suggested(bench)).toEqual(['Suggested Person: Grace Hopper']);
    await page.keyboard.press('Enter');
    await expect.poll(() => suggested(bench)).toEqual([]);
    await expect
      .poll(() => tags(bench))
      .toEqual(['Person: Ada Lovelace', 'Person: Grace Hopper', 'Organization: Acme Research']);
    // Accepting is a span edit like any other: one undo takes back the last span and brings its
    // suggestion back; redo accepts it again.
    await page.keyboard.press('Control+z');
    await expect.poll(() => tags(bench)).toHaveLength(2);
    await expect.poll(() => suggested(bench)).toEqual(['Suggested Person: Grace Hopper']);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => tags(bench)).toHaveLength(3);
    await expect.poll(() => suggested(bench)).toEqual([]);
    // Undo of a reject brings the suggestion back too; rejecting it again leaves none.
    await page.keyboard.press('Control+z'); // the Grace Hopper accept
    await page.keyboard.press('Control+z'); // the Boston reject
    await expect
      .poll(() => suggested(bench))
      .toEqual(['Suggested Person: Grace Hopper', 'Suggested Person: Boston']);
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => suggested(bench)).toEqual([]);
    await expect.poll(() => tags(bench)).toHaveLength(3);

    // Another text got its suggestion too, waiting (and kept over a reload) but never stored.
    await bench.reload();
    await bench.item('field-notes.txt').click();
    await expect.poll(() => suggested(bench)).toEqual(['Suggested Person: Marie Curie']);
    // Accept all is one step: one undo takes every span of it back and the suggestions return.
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => tags(bench)).toEqual(['Person: Marie Curie']);
    await page.keyboard.press('Control+z');
    await expect.poll(() => tags(bench)).toEqual([]);
    await expect.poll(() => suggested(bench)).toEqual(['Suggested Person: Marie Curie']);
    await bench.reload();
    await bench.item('field-notes.txt').click();
    await expect.poll(() => suggested(bench)).toEqual(['Suggested Person: Marie Curie']);
    const stored = await bench.storedAnnotations();
    expect(stored.filter((a) => a.type === 'span').map((a) => a.text)).toEqual([
      'Ada Lovelace',
      'Acme Research',
      'Grace Hopper',
    ]);

    await bench.setUpSigning('Ada Lovelace');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Export bundle…' }).click(),
    ]);
    const bundle = join(dir, download.suggestedFilename());
    await download.saveAs(bundle);
    const out = mkdtempSync(join(dir, 'unzipped-'));
    execFileSync('unzip', ['-q', bundle, '-d', out]);
    const jsonl = join(out, 'annotations.jsonl');
    expect(readFileSync(jsonl, 'utf8')).not.toContain('Marie Curie"}'); // no span of it
    const script = join(dir, 'check.py');
    writeFileSync(script, PYTHON_CHECK);
    const checked = JSON.parse(execFileSync('python3', [script, jsonl], { encoding: 'utf8' })) as {
      spans: number;
      bad: number;
    };
    expect(checked).toEqual({ spans: 3, bad: 0 });
  });

  it('selects nested entities by dragging across tags, and refuses duplicates and blank spans', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.item('launch-memo.txt').click();
    await bench.dragOver('Acme Research');
    await page.keyboard.press('2');
    await page.getByRole('button', { name: 'Organization: Acme Research' }).waitFor();
    // From "Grace" to a release on the Organization tag: the drag counts up to the tag.
    const grace = await wordBox(page, 'Grace');
    const tag = (await page
      .getByRole('button', { name: 'Organization: Acme Research' })
      .boundingBox())!;
    await drag(
      page,
      { x: grace.left + 1, y: grace.mid },
      { x: tag.x + tag.width / 2, y: tag.y + tag.height / 2 },
    );
    await page.keyboard.press('1');
    // Both tags follow "Research", where both spans end.
    await expect
      .poll(async () => (await tags(bench)).sort())
      .toEqual(['Organization: Acme Research', 'Person: Grace Hopper from Acme Research']);
    // Across the tag into the next words: nested the other way.
    const acme = await wordBox(page, 'Acme');
    const video = await wordBox(page, 'video');
    await drag(page, { x: acme.left + 1, y: acme.mid }, { x: video.right - 1, y: video.mid });
    await page.keyboard.press('3');
    await expect.poll(() => tags(bench)).toContain('Location: Acme Research joined by video');

    // The same span again: refused, with the reason.
    await bench.dragOver('Acme Research');
    await page.keyboard.press('2');
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('already has this label'));
    // Only spaces: refused. An overshooting drag keeps no space.
    await bench.itemText.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+ArrowRight'); // after "Ada"
    await page.keyboard.press('Shift+ArrowRight'); // the space
    await page.keyboard.press('1');
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('Only spaces'));
    const ada = await wordBox(page, 'Ada');
    const met = await wordBox(page, 'met');
    await drag(page, { x: ada.left + 1, y: ada.mid }, { x: met.left + 1, y: met.mid });
    await page.keyboard.press('1');
    await expect.poll(() => tags(bench)).toContain('Person: Ada Lovelace');
    const spans = (await bench.storedAnnotations()).filter((a) => a.type === 'span');
    expect(spans).toHaveLength(4);
    await screenshot(page, 'text-nested-drag');
  });

  it('moves the caret on screen in right-to-left text: Shift+← selects the first Hebrew word', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.item('tel-aviv.txt').click();
    await bench.itemText.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('1');
    await expect.poll(() => tags(bench)).toEqual(['Person: דנה']);
    // Ctrl+← goes a word on (to the left) too, Ctrl+→ back.
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('3');
    await expect.poll(() => tags(bench)).toContain('Location: כהן');
    const spans = (await bench.storedAnnotations()).filter((a) => a.type === 'span');
    expect(spans.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 3, 'דנה'],
      [4, 7, 'כהן'],
    ]);
  });

  it('draws every underline right under its word at depths 1 to 6, a tick at each start', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.item('launch-memo.txt').click();
    await bench.itemText.focus();
    // Six nested spans starting at "Ada": 6 words, 5, … 1, alternating labels.
    for (let words = 6; words >= 1; words--) {
      await page.keyboard.press('Home');
      for (let w = 0; w < words; w++) await page.keyboard.press('Control+Shift+ArrowRight');
      await page.keyboard.press(String(1 + (words % 3)));
    }
    await expect.poll(() => tags(bench)).toHaveLength(6);
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 5);
    // Under "Ada" (6 spans), "Airlock" (2: "Ada … Airlock team" has 6 words) and "Zürich" (none).
    const shot = readPng(await page.screenshot());
    const bands = async (word: string, x: (b: { left: number; right: number }) => number) => {
      const box = await wordBox(page, word);
      const column = Math.round(x(box));
      const found: number[] = [];
      // Six levels need 26 px under the word; the next line's text starts below that.
      for (let y = Math.round(box.bottom) - 1; y < Math.round(box.bottom) + 26; y++) {
        const [r, g, b] = shot.at(column, y);
        const coloured = Math.max(r, g, b) - Math.min(r, g, b) > 60;
        if (coloured && !found.some((f) => y - f <= 2)) found.push(y);
      }
      return found.map((y) => y - Math.round(box.bottom));
    };
    const underAda = await bands('Ada', (b) => (b.left + b.right) / 2);
    expect(underAda).toHaveLength(6);
    // The first underline hugs the word; each deeper one is one step below.
    expect(underAda[0]).toBeLessThanOrEqual(3);
    for (let k = 1; k < 6; k++) expect(underAda[k]! - underAda[k - 1]!).toBe(4);
    const underTeam = await bands('team', (b) => (b.left + b.right) / 2);
    expect(underTeam).toHaveLength(1);
    expect(underTeam[0]).toBeLessThanOrEqual(3);
    expect(await bands('Zürich', (b) => (b.left + b.right) / 2)).toEqual([]);
    await screenshot(page, 'text-six-levels');
  });
});

describe('pre-labeling a whole project', () => {
  it('matches in a worker with progress, and Cancel stops it keeping what was found', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.createProject('Letters');
    await bench.addSpanLabel('Person', '1');
    const lines = Array.from({ length: 4_000 }, (_, i) =>
      JSON.stringify({ id: `letter-${i}`, text: `Letter ${i}: Ada wrote to 👩🏽‍💻 Grace Hopper.` }),
    );
    const file = join(dir, 'letters.jsonl');
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    await bench.chooseFiles([file]);
    await bench.importChosen();
    await bench.tab('Items').click();
    await bench.item('letter-0').first().click();
    await bench.itemText.waitFor();
    await page.getByText(/^Pre-label with patterns/).click();
    await page.getByLabel('Terms, one per line').fill('ada\ngrace hopper');
    await page.getByRole('button', { name: 'Add terms' }).click();

    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.getByRole('button', { name: 'Suggest in every text' }).click();
    const progress = page.getByRole('progressbar');
    await expect.poll(() => progress.getAttribute('value').then(Number)).toBeGreaterThan(0);
    expect(await progress.getAttribute('max')).toBe('3999');
    // The page answers while the worker matches: the open text still takes a label.
    await bench.itemText.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('1');
    await expect.poll(() => tags(bench)).toEqual(['Person: Letter']);
    await page.getByRole('button', { name: 'Cancel' }).click();
    const report = page.getByRole('status').filter({ hasText: 'Cancelled before the last texts' });
    await report.waitFor();
    expect(workers.some((url) => url.includes('pre-label-worker'))).toBe(true);
    const found = Number(
      /([\d,]+) new/.exec((await report.textContent()) ?? '')?.[1]?.replace(',', ''),
    );
    // Two per text, for the texts done before the Cancel, plus the two in the open text.
    expect(found % 2).toBe(0);
    expect(found).toBeGreaterThan(2);
    expect(found).toBeLessThan(2 * 4_000);
    await expect.poll(() => progress.count()).toBe(0);
    await screenshot(page, 'text-prelabel-cancelled');

    // Running again finishes the rest, and finds nothing twice.
    await page.getByRole('button', { name: 'Suggest in every text' }).click();
    const done = page.getByRole('status').filter({ hasText: /new suggestions? in the project\.$/ });
    await done.waitFor({ timeout: 120_000 });
    const rest = Number(
      /([\d,]+) new/.exec((await done.textContent()) ?? '')?.[1]?.replace(',', ''),
    );
    expect(found + rest).toBe(2 * 4_000);
  });
});

describe('guidelines', () => {
  it('shows the Markdown guidelines rendered, raw HTML as text, with h', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.tab('Labels').click();
    await page
      .getByLabel(/^Labeling guidelines/)
      .fill(
        '# Persons\n\n- Only **named** people\n- Never pronouns\n\n<img src=x onerror=alert(1)>',
      );
    await page.getByLabel('Description of Person').fill('A named human being');
    await page.getByLabel('Description of Person').blur();
    await bench.tab('Items').click();
    await bench.item('launch-memo.txt').click();
    await bench.itemText.focus();
    await page.keyboard.press('h');
    const dialog = page.getByRole('dialog', { name: 'Guidelines' });
    await dialog.getByRole('heading', { name: 'Persons' }).waitFor();
    expect(await dialog.getByRole('listitem').allTextContents()).toEqual([
      'Only named people',
      'Never pronouns',
    ]);
    expect(await dialog.locator('img').count()).toBe(0);
    await dialog.getByText('<img src=x onerror=alert(1)>').waitFor();
    await dialog.evaluate((d) => d.scrollTo(0, 0));
    await screenshot(page, 'text-guidelines');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(
      await page
        .getByRole('button', { name: /^Person/ })
        .first()
        .getAttribute('title'),
    ).toBe('A named human being');
  });
});
