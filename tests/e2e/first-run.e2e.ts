import { describe, expect, it } from 'vitest';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import { ImageView } from './pages/image-view.ts';
import { Workbench } from './pages/workbench.ts';

const suite = appSuite();

describe("a newcomer's first run", () => {
  it('opens on a sample project with texts and images, ready to label', async () => {
    const bench = await suite.open();
    await expect
      .poll(() => bench.project('Sample project').getAttribute('aria-current'))
      .toBe('page');
    await bench.page.getByRole('heading', { name: 'Sample project', level: 2 }).waitFor();
    await expect.poll(() => bench.items.getByRole('listitem').count()).toBe(9);
    expect(await bench.itemText.textContent()).toContain(
      'Ada Lovelace met the Airlock team in Zürich',
    );

    // Texts in other scripts and directions, shown as imported.
    await bench.item('tokyo-lab.txt').click();
    await expect
      .poll(() => bench.itemText.textContent())
      .toBe('東京の研究所で、山田太郎さんが新しいモデルを発表しました。北京大学との共同研究です。');
    await bench.item('tel-aviv.txt').click();
    await expect.poll(() => bench.itemText.textContent()).toMatch(/^דנה כהן/);

    // A generated image opens and is decoded by the browser.
    await bench.item('village-day.png').click();
    const image = new ImageView(bench.page);
    await image.ready();
    expect(await image.stage.getAttribute('aria-label')).toBe(
      'Image canvas: village-day.png (960 × 640 px)',
    );
    await screenshot(bench.page, 'first-run-image');
  });

  it('has sample conversations to judge at once, with their questions', async () => {
    const bench = await suite.open();
    await bench.project('Sample conversations').click();
    await expect.poll(() => bench.items.getByRole('listitem').count()).toBe(3);
    await bench.item('sample-sort').click();
    const conversation = bench.page.getByRole('region', { name: 'Conversation', exact: true });
    await conversation.getByRole('radiogroup', { name: 'Which is better?' }).waitFor();
    // Blind by default, and the sample's raw HTML shows as text.
    expect(await conversation.textContent()).not.toContain('sample-model');
    expect(await conversation.textContent()).toContain('<img src=x onerror=alert(1)>');
    await bench.page.keyboard.press('1');
    await expect
      .poll(() =>
        conversation
          .getByRole('radiogroup', { name: 'Which is better?' })
          .getByRole('radio', { checked: true })
          .textContent(),
      )
      .toContain('A much better');
    await screenshot(bench.page, 'first-run-conversations');
  });

  it('shows imported markup as literal text, never as HTML', async () => {
    const bench = await suite.open();
    await bench.item('pasted-html.txt').click();
    await expect.poll(() => bench.itemText.textContent()).toContain('<script>alert("x")</script>');
    expect(await bench.itemText.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await bench.itemText.locator('script, img').count()).toBe(0);
  });

  it('keeps every edit across a reload: status, document class and note', async () => {
    const bench = await suite.open();
    await bench.item('launch-memo.txt').click();
    const urgent = bench.page.getByRole('button', { name: /Urgent/ });
    await urgent.click();
    await expect.poll(() => urgent.getAttribute('aria-pressed')).toBe('true');
    // The hotkey toggles a class too.
    await bench.page.locator('body').press('o');
    const offTopic = bench.page.getByRole('button', { name: /Off-topic/ });
    await expect.poll(() => offTopic.getAttribute('aria-pressed')).toBe('true');
    await bench.page
      .getByRole('radiogroup', { name: 'Item status' })
      .getByRole('radio', { name: 'Done' })
      .click();
    await bench.page.getByLabel('Note').fill('Checked names with the team 👍');
    await bench.page.getByLabel('Note').blur();
    await expect
      .poll(() => bench.page.getByLabel('Progress').textContent())
      .toBe('1 of 9 items done');
    await screenshot(bench.page, 'first-run-labeled');

    await bench.reload();
    await bench.item('launch-memo.txt').click();
    await expect.poll(() => urgent.getAttribute('aria-pressed')).toBe('true');
    expect(await offTopic.getAttribute('aria-pressed')).toBe('true');
    expect(await bench.page.getByRole('radio', { name: 'Done' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    expect(await bench.page.getByLabel('Note').inputValue()).toBe('Checked names with the team 👍');
    expect(await bench.page.getByLabel('Progress').textContent()).toBe('1 of 9 items done');
  });

  it('says why when the browser cannot open its storage, instead of a blank page', async () => {
    const bench = await suite.open();
    await bench.project('Sample project').waitFor();
    // What Chromium says when its IndexedDB files are damaged, on the next start.
    await bench.page.context().addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException(
          'Internal error opening backing store for indexedDB.open.',
          'UnknownError',
        );
      };
    });
    await bench.page.reload();
    const alert = bench.page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'Airlock could not open your workspace: Internal error opening backing store for indexedDB.open. Reload to try again.',
      );
    await screenshot(bench.page, 'first-run-storage-refused');
  });

  it('lets a newer Airlock in another tab upgrade the workspace, and stops saving here', async () => {
    const bench = await suite.open();
    await bench.project('Sample project').waitFor();
    // In another tab, the workspace is opened as a newer Airlock would: at a higher version.
    // This tab must not block it.
    const other = await bench.page.context().newPage();
    await other.goto(bench.page.url());
    await new Workbench(other).project('Sample project').waitFor();
    const upgraded = await other.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const current = indexedDB.open('airlock');
          current.onsuccess = () => {
            const version = current.result.version;
            current.result.close();
            const newer = indexedDB.open('airlock', version + 10);
            newer.onblocked = () => resolve('blocked');
            newer.onsuccess = () => {
              newer.result.close();
              resolve('upgraded');
            };
            newer.onerror = () => resolve(String(newer.error));
          };
        }),
    );
    expect(upgraded).toBe('upgraded');
    const dialog = bench.page.getByRole('dialog', { name: 'Airlock was updated in another tab' });
    await dialog.waitFor();
    expect(await dialog.getByRole('button').textContent()).toBe('Reload');
    // Escape does not put the old version back to work.
    await bench.page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(true);
    await screenshot(bench.page, 'first-run-updated-elsewhere');
  });

  it('says what an upgrade waits for while an older tab holds the workspace open', async () => {
    const bench = await suite.open();
    const url = bench.page.url();
    // A browser where a tab of an older version holds the workspace and does not let go.
    const context = await bench.page.context().browser()!.newContext();
    try {
      const older = await context.newPage();
      await older.goto(new URL('/favicon.svg', url).href);
      await older.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const request = indexedDB.open('airlock', 1);
            request.onsuccess = () => {
              (window as unknown as { held: IDBDatabase }).held = request.result;
              resolve();
            };
          }),
      );
      const page = await context.newPage();
      await page.goto(url);
      const opening = page.getByRole('status');
      await expect
        .poll(() => opening.textContent())
        .toContain(
          'Another Airlock tab holds it open with an older version: close or reload that tab, and the update goes on.',
        );
      await screenshot(page, 'first-run-upgrade-blocked');
      // Once the older tab lets go, the upgrade goes on and the app opens.
      await older.evaluate(() => (window as unknown as { held: IDBDatabase }).held.close());
      await page.getByRole('heading', { name: 'Sample project', level: 2 }).waitFor();
    } finally {
      await context.close();
    }
  });
});
