import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  attachGuard,
  killBrowser,
  launchProfile,
  openApp,
  screenshot,
  startServer,
  type Guard,
  type Server,
} from './harness.ts';
import { Workbench } from './pages/workbench.ts';
import { ImageView } from './pages/image-view.ts';

// Every edit is written the moment it is made. Proof: kill Chromium hard (SIGKILL to its whole
// process group, like a crash or a power cut) right after the edits show, start it again on
// the same profile, and find every edit there.

let server: Server | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;

afterEach(async () => {
  await context?.close().catch(() => undefined);
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  context = server = profile = undefined;
});

async function start(): Promise<{ bench: Workbench; guard: Guard }> {
  context = await launchProfile(profile!);
  context.setDefaultTimeout(20_000);
  const guard = await attachGuard(context, server!.url);
  const page = context.pages()[0] ?? (await context.newPage());
  await openApp(page, server!.url);
  const bench = new Workbench(page);
  await bench.projects.waitFor();
  return { bench, guard };
}

describe('durability', () => {
  it('keeps every edit when the browser is killed right after it', async () => {
    server = await startServer();
    profile = mkdtempSync(join(tmpdir(), 'airlock-profile-'));
    let { bench, guard } = await start();
    const page = bench.page;

    // A note, a status, spans, document classes and an image class, as fast as a labeler goes.
    await bench.item('launch-memo.txt').click();
    await page.getByLabel('Note').fill('Names checked 👍');
    await page.getByLabel('Note').blur();
    await bench.dragOver('Grace Hopper');
    await page.keyboard.press('1');
    await bench.dragOver('Acme Research');
    await page.keyboard.press('2');
    await expect
      .poll(() =>
        bench.itemText
          .getByRole('button')
          .evaluateAll((tags) => tags.map((t) => t.getAttribute('aria-label'))),
      )
      .toEqual(['Person: Grace Hopper', 'Organization: Acme Research']);
    await page.keyboard.press('u');
    await page.keyboard.press('p');
    await page
      .getByRole('radiogroup', { name: 'Item status' })
      .getByRole('radio', { name: 'Done' })
      .click();
    await bench.item('farm-night.png').click();
    const image = new ImageView(page);
    await image.ready();
    // A box, moved right away: the move is the edit the kill follows.
    await page.keyboard.press('b');
    await image.drag([100, 100], [300, 250]);
    await page.keyboard.press('v');
    await image.drag([200, 175], [260, 205]);
    await expect.poll(() => image.rows()).toEqual([expect.stringMatching(/ at 1[5-6]\d,1[2-4]\d/)]);
    const shown = await image.rows();
    await page.keyboard.press('n');
    // The last edit is on screen: kill now.
    await expect.poll(() => bench.classIsOn('Night')).toBe(true);
    await guard.assertClean();
    await killBrowser(context!);

    ({ bench, guard } = await start());
    await bench.item('farm-night.png').click();
    await expect.poll(() => bench.classIsOn('Night')).toBe(true);
    const after = new ImageView(bench.page);
    await expect.poll(() => after.rows()).toEqual(shown);
    await bench.item('launch-memo.txt').click();
    await expect
      .poll(() =>
        bench.itemText
          .getByRole('button')
          .evaluateAll((tags) => tags.map((t) => t.getAttribute('aria-label'))),
      )
      .toEqual(['Person: Grace Hopper', 'Organization: Acme Research']);
    expect(await bench.classIsOn('Urgent')).toBe(true);
    expect(await bench.classIsOn('Positive')).toBe(true);
    expect(await bench.page.getByLabel('Note').inputValue()).toBe('Names checked 👍');
    expect(await bench.page.getByRole('radio', { name: 'Done' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    await screenshot(bench.page, 'durability-after-kill');
    await guard.assertClean();
  });

  it('keeps every edit of a burst at machine speed once the header says Saved', async () => {
    server = await startServer();
    profile = mkdtempSync(join(tmpdir(), 'airlock-profile-'));
    let { bench, guard } = await start();
    const page = bench.page;
    await bench.item('launch-memo.txt').click();
    await expect.poll(() => bench.saveStatus.textContent()).toMatch(/Saved/);
    const before = {
      urgent: await bench.classIsOn('Urgent'),
      positive: await bench.classIsOn('Positive'),
    };

    // A note typed with no pause after it, then 2,501 class edits fired in one go (far faster
    // than IndexedDB commits): the header must say Saving… until the last of them is on disk.
    const note = 'Checked at machine speed: every edit must survive 🚀';
    await page.getByLabel('Note').pressSequentially(note);
    const seen = await page.evaluate(async () => {
      const status = [...document.querySelectorAll('[role=status]')].find((e) =>
        /^\s*Sav(ing…|ed)\s*$/.test(e.textContent ?? ''),
      )!;
      const texts: string[] = [status.textContent.trim()];
      new MutationObserver(() => texts.push(status.textContent.trim())).observe(status, {
        subtree: true,
        characterData: true,
        childList: true,
      });
      // The note box keeps the focus: its text waits for a pause in typing, and counts.
      const press = (key: string) =>
        window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      for (let i = 0; i < 1501; i++) press('u');
      for (let i = 0; i < 1000; i++) press('p');
      await new Promise((resolve) => setTimeout(resolve, 0));
      return texts;
    });
    expect(seen).toContain('Saving…');
    await expect
      .poll(() => bench.saveStatus.textContent(), { timeout: 20_000 })
      .toMatch(/^\s*Saved\s*$/);
    // What the screen shows is what must survive.
    expect(await bench.classIsOn('Urgent')).toBe(!before.urgent);
    expect(await bench.classIsOn('Positive')).toBe(before.positive);
    await guard.assertClean();
    await killBrowser(context!);

    ({ bench, guard } = await start());
    await bench.item('launch-memo.txt').click();
    await expect.poll(() => bench.page.getByLabel('Note').inputValue()).toBe(note);
    expect(await bench.classIsOn('Urgent')).toBe(!before.urgent);
    expect(await bench.classIsOn('Positive')).toBe(before.positive);
    await expect.poll(() => bench.saveStatus.textContent()).toMatch(/Saved/);
    await screenshot(bench.page, 'durability-burst-after-kill');
    await guard.assertClean();
  });
});
