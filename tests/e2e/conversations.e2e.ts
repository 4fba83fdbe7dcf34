import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, screenshot } from './harness.ts';
import { appSuite } from './suite.ts';

// A lab's JSONL of prompts and model responses, judged in Chromium by keyboard and mouse,
// exported as a signed bundle, checked with the CLI and read by Python as a trainer would.

const suite = appSuite();
const dir = mkdtempSync(join(tmpdir(), 'airlock-e2e-conv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = [
  {
    id: 'e2e-1',
    prompt: 'Explain **recursion** briefly.',
    responses: [
      {
        id: 'm-a',
        model: 'secret-model-a',
        content:
          '# Recursion\n\nA function that calls itself:\n\n```js\nconst f = (n) => (n ? n * f(n - 1) : 1);\n```\n\n| n | f(n) |\n|---|---|\n| 3 | 6 |\n',
      },
      {
        id: 'm-b',
        model: 'secret-model-b',
        content:
          'It is when a thing refers to itself. <img src=x onerror="window.__pwned=1"> [click](https://example.com/x) ![pic](https://example.com/p.png)\r\n',
      },
    ],
  },
  {
    id: 'e2e-2',
    prompt: 'Say hello in French.',
    responses: [
      { id: 'm-a', content: 'Bonjour 👋🏽' },
      { id: 'm-b', content: 'Hola' },
    ],
  },
];

describe('feedback on model outputs', () => {
  it('imports conversations, answers every question by keyboard and mouse, exports, verifies', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.projects.waitFor();
    await bench.withoutSavePicker();
    await bench.reload();
    await bench.createProject('Feedback');

    // The questions come with the sample conversations; then the lab's own file.
    await bench.tab('Import').click();
    await page.getByRole('button', { name: 'Add sample conversations to judge' }).click();
    await page.getByText('3 conversations added, with their questions.').waitFor();
    const source = join(dir, 'lab.jsonl');
    writeFileSync(source, SOURCE.map((s) => JSON.stringify(s)).join('\n') + '\n');
    await bench.chooseFiles([source]);
    await page.getByRole('radio', { name: /a conversation with model responses/ }).waitFor();
    expect(
      await page.getByRole('radio', { name: /a conversation with model responses/ }).isChecked(),
    ).toBe(true);
    const summary = await bench.importChosen();
    expect(await summary.textContent()).toMatch(/2 items? added/);

    // Read and stored in the import worker: a file with a bad line adds nothing and names the
    // line; a line already imported counts as a duplicate.
    const half = join(dir, 'half.jsonl');
    writeFileSync(
      half,
      `${JSON.stringify({ id: 'new-1', prompt: 'Fine?', responses: ['yes', 'no'] })}\n` +
        `${JSON.stringify(SOURCE[0])}\n{"prompt": "cut short\n`,
    );
    await bench.chooseFiles([half]);
    await page.getByRole('radio', { name: /a conversation with model responses/ }).check();
    const refused = await bench.importChosen();
    expect(await refused.textContent()).toMatch(/0 items added from 1 of 1 file/);
    expect(await refused.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^half\.jsonl, line 3: is not valid JSON/),
    ]);
    const again = join(dir, 'again.jsonl');
    writeFileSync(again, `${JSON.stringify(SOURCE[1])}\n`);
    await bench.chooseFiles([again]);
    await page.getByRole('radio', { name: /a conversation with model responses/ }).check();
    expect(await (await bench.importChosen()).textContent()).toMatch(
      /0 items added from 1 of 1 file; 1 duplicate skipped/,
    );

    await bench.tab('Items').click();
    await bench.item('e2e-1').click();
    const conversation = page.getByRole('region', { name: 'Conversation' });
    await conversation.waitFor();
    // Blind: model names never shown. Markdown rendered, raw HTML, links and images as text.
    expect(await conversation.textContent()).not.toContain('secret-model');
    await conversation.getByRole('heading', { name: 'Recursion' }).waitFor();
    expect(await conversation.locator('table').count()).toBe(1);
    expect(await conversation.locator('pre code').first().textContent()).toContain('const f');
    await conversation
      .getByText('<img src=x onerror="window.__pwned=1">', { exact: false })
      .waitFor();
    expect(await conversation.locator('img, a').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await conversation.textContent()).toContain('[click](https://example.com/x)');
    await screenshot(page, 'conversation-workbench');

    // Preference by keyboard: the first question is active; 2 = A clearly better.
    const preference = page.getByRole('radiogroup', { name: 'Which is better?' });
    const preferenceShown = () => preference.getByRole('radio', { checked: true }).textContent();
    await page.keyboard.press('2');
    await expect
      .poll(() => preference.getByRole('radio', { checked: true }).textContent())
      .toContain('A clearly better');
    // Ranking by keyboard: Tab to it, then ranks 1 and 2 for A and B in turn.
    await page.keyboard.press('Tab');
    await page.keyboard.press('2');
    await page.keyboard.press('1');
    const ranking = page.getByRole('list', { name: 'Ranking: best first' });
    await ranking.getByRole('listitem', { name: 'Rank 1: B' }).waitFor();
    await ranking.getByRole('listitem', { name: 'Rank 2: A' }).waitFor();

    // Ratings: A by keyboard, B by mouse.
    await page.keyboard.press('Tab');
    await page.keyboard.press('4');
    await page
      .getByRole('radiogroup', { name: 'Helpfulness of A' })
      .getByRole('radio', { name: /^4/ })
      .and(page.locator('[aria-checked="true"]'))
      .waitFor();
    await page
      .getByRole('radiogroup', { name: 'Helpfulness of B' })
      .getByRole('radio', { name: /^2/ })
      .click();

    // Flags by mouse, then undo it and redo it.
    const unsafeOnB = page
      .getByRole('group', { name: /Flags on B/ })
      .getByRole('checkbox', { name: /Unsafe/ });
    await unsafeOnB.check();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => unsafeOnB.isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => unsafeOnB.isChecked()).toBe(true);

    // A span critique: words dragged over in the raw text of response B, then H.
    await page.getByRole('checkbox', { name: 'Show raw text' }).check();
    const rawB = page.getByRole('region', { name: 'Response B' }).locator('pre');
    await rawB.waitFor();
    const wordsB = (await rawB.textContent())!;
    const picked = wordsB.startsWith('It is') ? 'refers to itself' : 'calls itself';
    await rawB.scrollIntoViewIfNeeded();
    // Where the words are on screen, then a real drag over them (a space before: trimmed away).
    const box = await rawB.evaluate((pre, words) => {
      const node = pre.querySelector('span')!.firstChild!;
      const at = node.textContent!.indexOf(words);
      const range = document.createRange();
      range.setStart(node, at - 1);
      range.setEnd(node, at + words.length);
      const rects = [...range.getClientRects()];
      const first = rects[0]!;
      const last = rects[rects.length - 1]!;
      return {
        x0: first.left + 1,
        y0: first.top + first.height / 2,
        x1: last.right - 1,
        y1: last.top + last.height / 2,
      };
    }, picked);
    await page.mouse.move(box.x0, box.y0);
    await page.mouse.down();
    await page.mouse.move(box.x1, box.y1, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.press('h');
    await rawB.locator('mark', { hasText: picked }).waitFor();
    await page
      .getByRole('region', { name: 'Response B' })
      .getByRole('list', { name: 'Span critiques' })
      .getByText(picked)
      .waitFor();
    await screenshot(page, 'conversation-span-critique');
    await page.getByRole('checkbox', { name: 'Show raw text' }).uncheck();

    // Ctrl+Enter is refused while the required rationale is empty, and the keyboard goes there.
    await page.keyboard.press('Control+Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Answer “Why” before marking this done.' })
      .waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Why');

    // Rationale and rewrite by typing.
    await page.keyboard.type('A shows code');
    await page.getByRole('textbox', { name: 'Why' }).fill('A shows code and a worked example.');
    await page
      .getByRole('group', { name: /Ideal answer/ })
      .getByRole('button', { name: /Response A/ })
      .click();
    const rewrite = page.getByRole('textbox', { name: 'Ideal answer' });
    // A copy of response A (which source response that is depends on the seeded order).
    await expect.poll(() => rewrite.inputValue()).toMatch(/^(# Recursion|It is when)/);
    await rewrite.press('End');
    await rewrite.fill(
      'Recursion: a function calling itself on a smaller input, until a base case.',
    );
    await rewrite.press('Control+Enter');
    // Done and on to the next item to do.
    await page.getByRole('article', { name: 'Item e2e-1' }).waitFor({ state: 'detached' });

    // Everything survives a reload.
    await bench.reload();
    await bench.project('Feedback').click();
    await bench.item('e2e-1').click();
    await conversation.waitFor();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Why' }).inputValue())
      .toBe('A shows code and a worked example.');
    expect(await preferenceShown()).toContain('A clearly better');
    expect(await unsafeOnB.isChecked()).toBe(true);
    const responseA = page.getByRole('region', { name: 'Response A' });
    const answeredA = await responseA.textContent();

    // Export a signed bundle and check it outside the browser.
    await bench.setUpSigning('Grace');
    // The key, made after answering, seeds the order anew: A and B stay as answered.
    await bench.tab('Items').click();
    await bench.item('e2e-1').click();
    await expect.poll(() => responseA.textContent()).toBe(answeredA);
    expect(await preferenceShown()).toContain('A clearly better');
    await bench.tab('Export').click();
    const bundle = await bench.download(dir, () =>
      page.getByRole('button', { name: 'Export bundle…' }).click(),
    );
    const pub = await bench.downloadPub(dir, 'grace.pub');
    const verified = execFileSync('node', ['bin/airlock.mjs', 'verify', bundle, '--keys', pub], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(verified).toMatch(/^OK /);
    const out = mkdtempSync(join(dir, 'unzipped-'));
    execFileSync('unzip', ['-q', bundle, '-d', out]);
    const found = JSON.parse(
      execFileSync(
        'python3',
        [
          join(ROOT, 'tests/unit/formats/check_conversation_exports.py'),
          join(out, 'exports'),
          source,
        ],
        { encoding: 'utf8' },
      ),
    ) as {
      preference: number;
      openai: number;
      sft: string[];
      ratings: Record<string, unknown>;
      spans: { field: string; text: string }[];
    };
    // One preference and one ranking of two: two pairs.
    expect(found.preference).toBe(2);
    expect(found.openai).toBe(2);
    expect(found.sft).toEqual([
      'Recursion: a function calling itself on a smaller input, until a base case.',
    ]);
    expect(Object.keys(found.ratings)).toEqual(['e2e-1']);
    const record = readFileSync(join(out, 'annotations.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            item: { name: string; kind: string };
            status: string;
            annotations: { type: string; field?: string; start?: number; end?: number }[];
          },
      )
      .find((r) => r.item.name === 'e2e-1')!;
    expect(record.item.kind).toBe('conversation');
    expect(record.status).toBe('done');
    expect(record.annotations.map((a) => a.type).sort()).toEqual([
      'class',
      'preference',
      'ranking',
      'rating',
      'rating',
      'span',
      'text',
      'text',
    ]);
    // Python slices the message the span names at its code point offsets: the same words.
    expect(found.spans).toHaveLength(1);
    expect(found.spans[0]!.field).toMatch(/^response:m-[ab]$/);
    expect(['refers to itself', 'calls itself']).toContain(found.spans[0]!.text);
  });

  it('imports a file over 4 MiB in the worker: a bad line named, then every line in order', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.projects.waitFor();
    await bench.createProject('Big file');
    // 160 conversations of 24 KB each: a bad line near the end is named with its line in the
    // file and nothing lands; fixed, every line lands, and the last one reads back whole.
    const big = (bad: boolean) =>
      Array.from({ length: 160 }, (_, i) =>
        bad && i === 150
          ? '{"prompt": "cut short'
          : JSON.stringify({
              id: `big-${i}`,
              prompt: `Long question ${i}`,
              responses: [`${'Zürich 東京 👋 '.repeat(2_000)}${i}`, `short ${i}`],
            }),
      ).join('\n');
    const large = join(dir, 'large.jsonl');
    writeFileSync(large, big(true));
    expect(readFileSync(large).length).toBeGreaterThan(4 * 1024 * 1024);
    await bench.chooseFiles([large]);
    await page.getByRole('radio', { name: /a conversation with model responses/ }).check();
    expect(await (await bench.importChosen()).getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^large\.jsonl, line 151: is not valid JSON/),
    ]);
    const fixed = join(dir, 'fixed.jsonl');
    writeFileSync(fixed, big(false));
    await bench.chooseFiles([fixed]);
    await page.getByRole('radio', { name: /a conversation with model responses/ }).check();
    expect(await (await bench.importChosen()).textContent()).toMatch(/160 items added/);
    await bench.tab('Items').click();
    await page.getByRole('searchbox', { name: 'Search items' }).fill('big-159');
    await page.keyboard.press('Enter');
    await bench.item('big-159').click();
    await page
      .getByRole('region', { name: 'Conversation' })
      .getByText('short 159', { exact: true })
      .waitFor();
  });
});
