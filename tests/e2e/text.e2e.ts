import { describe, expect, it } from 'vitest';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import type { Workbench } from './pages/workbench.ts';

const suite = appSuite();

/** The tags drawn after spans, as "Label: covered text". */
const tags = (bench: Workbench) =>
  bench.itemText
    .getByRole('button')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

describe('text labeling', () => {
  it('labels spans by mouse and keyboard, relates them, classifies, undoes, redoes, and keeps it all', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.item('launch-memo.txt').click();

    // Mouse: drag over a name, press the label's hotkey.
    await bench.dragOver('Grace Hopper');
    await page.keyboard.press('1');
    // Snap to words: a sloppy drag inside "Research" labels whole words.
    await page.getByLabel('Snap to words').check();
    await bench.dragOver('cme Resea');
    await page.keyboard.press('2');
    // Keyboard only: caret to the start, Ctrl+Shift+→ twice selects "Ada Lovelace".
    await bench.itemText.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('1');
    await expect
      .poll(() => tags(bench))
      .toEqual(['Person: Ada Lovelace', 'Person: Grace Hopper', 'Organization: Acme Research']);

    // Relate: select Ada's span, Alt+R, click Grace's.
    await page.getByRole('button', { name: 'Person: Ada Lovelace' }).click();
    await page.keyboard.press('Alt+r');
    await page.getByRole('button', { name: 'Person: Grace Hopper' }).click();
    const relations = page.getByRole('region', { name: 'Relations' });
    await expect
      .poll(() => relations.getByRole('listitem').allTextContents())
      .toEqual([expect.stringMatching(/Ada Lovelace\s*— Works with →\s*Grace Hopper/)]);
    // Drawn over the text as one arc.
    await expect.poll(() => page.locator('path.arc').count()).toBe(1);
    // Document class by hotkey.
    await page.keyboard.press('u');
    await expect
      .poll(() => page.getByRole('button', { name: /Urgent/ }).getAttribute('aria-pressed'))
      .toBe('true');
    await screenshot(page, 'text-labeled');

    // Undo the class and the relation, redo the relation.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => relations.getByRole('listitem').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Urgent/ }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => relations.getByRole('listitem').count()).toBe(1);

    // Offsets as Python slices them: 'Ada Lovelace met ...'[0:12] == 'Ada Lovelace'.
    const text =
      (await bench.itemText.evaluate((el) =>
        [...el.querySelectorAll('.seg')].map((s) => s.textContent).join(''),
      )) ?? '';
    const stored = await bench.storedAnnotations();
    for (const span of stored.filter((a) => a.type === 'span')) {
      expect([...text].slice(span.start, span.end).join('')).toBe(span.text);
    }
    expect(stored.map((a) => a.type).sort()).toEqual(['relation', 'span', 'span', 'span']);

    await bench.reload();
    await bench.item('launch-memo.txt').click();
    await expect
      .poll(() => tags(bench))
      .toEqual(['Person: Ada Lovelace', 'Person: Grace Hopper', 'Organization: Acme Research']);
    expect(await relations.getByRole('listitem').count()).toBe(1);
    expect(await page.getByRole('button', { name: /Urgent/ }).getAttribute('aria-pressed')).toBe(
      'false',
    );
  });

  it('keeps one choice in a "choose one" class group, and undo brings the last one back', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.item('tokyo-lab.txt').click();
    const tone = page.getByRole('radiogroup', { name: 'Tone (choose one)' });
    const checked = () =>
      tone
        .getByRole('radio')
        .evaluateAll((els) =>
          els.filter((e) => e.getAttribute('aria-checked') === 'true').map((e) => e.textContent),
        );
    await tone.waitFor();
    await page.keyboard.press('p');
    await expect.poll(checked).toEqual([expect.stringContaining('Positive')]);
    await tone.getByRole('radio', { name: /Negative/ }).click();
    await expect.poll(checked).toEqual([expect.stringContaining('Negative')]);
    // Marking it done is a step of its own too.
    await page
      .getByRole('radiogroup', { name: 'Item status' })
      .getByRole('radio', { name: 'Done' })
      .click();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(checked).toEqual([expect.stringContaining('Positive')]);
    await bench.reload();
    await bench.item('tokyo-lab.txt').click();
    await expect.poll(checked).toEqual([expect.stringContaining('Positive')]);
    expect(
      await page
        .getByRole('radiogroup', { name: 'Item status' })
        .getByRole('radio', { name: 'To do' })
        .getAttribute('aria-checked'),
    ).toBe('true');
  });

  it('marks done and opens the next to-do item with Ctrl+Enter; the progress follows, through undo and reload', async () => {
    const bench = await suite.open();
    const page = bench.page;
    const progress = page
      .getByRole('navigation', { name: 'Projects' })
      .getByRole('button', { name: /^Sample project/ })
      .getByText(/ done$/);
    await expect.poll(() => progress.textContent()).toMatch(/^0\/\d+ done$/);
    const total = Number(/\/(\d+)/.exec((await progress.textContent()) ?? '')?.[1]);
    const done = (n: number) =>
      expect.poll(() => progress.textContent()).toBe(`${n}/${total} done`);
    const opened = (name: string) =>
      expect.poll(() => page.getByRole('article', { name: `Item ${name}` }).count()).toBe(1);

    await bench.item('launch-memo.txt').click();
    await opened('launch-memo.txt');
    await page.keyboard.press('Control+Enter');
    await opened('tokyo-lab.txt');
    await done(1);
    // From the last item, round to the first still to do (launch-memo.txt is done).
    await bench.item('hillside-wide.png').click();
    await opened('hillside-wide.png');
    await page.keyboard.press('Control+Enter');
    await opened('tokyo-lab.txt');
    await done(2);
    await page
      .getByRole('radiogroup', { name: 'Item status' })
      .getByRole('radio', { name: 'Done' })
      .click();
    await done(3);
    await page.keyboard.press('Control+z');
    await done(2);

    await bench.reload();
    await done(2);
    await bench.item('tokyo-lab.txt').click();
    await page.keyboard.press('Control+Enter');
    await opened('tel-aviv.txt');
    await done(3);
  });

  it('shows the hotkeys from the command table with ?', async () => {
    const bench = await suite.open();
    await bench.item('launch-memo.txt').click();
    await bench.page.keyboard.press('?');
    const help = bench.page.getByRole('dialog', { name: 'Hotkeys' });
    await help.waitFor();
    const text = await help.textContent();
    for (const entry of [
      'Label as Person',
      'Toggle class Urgent',
      'Undo',
      'Ctrl+Shift+Z',
      'Mark done, open the next to-do item',
    ]) {
      expect(text).toContain(entry);
    }
    await screenshot(bench.page, 'hotkey-help');
  });
});
