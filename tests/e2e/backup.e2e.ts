import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newAppPage,
  screenshot,
  startServer,
  type AppPage,
  type Server,
} from './harness.ts';
import { Workbench } from './pages/workbench.ts';
import { ImageView } from './pages/image-view.ts';
import { makePng } from '../factories/png.ts';

// Backing up a whole workspace to one file and restoring it into another, empty profile.
// Each profile is its own guarded browser context.

let server: Server;
let browser: Browser;
let dir: string;
const apps: AppPage[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'airlock-backup-'));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  try {
    for (const app of apps) await app.guard.assertClean();
  } finally {
    for (const app of apps.splice(0)) await app.close();
  }
});

async function profile(): Promise<Workbench> {
  const app = await newAppPage(browser, server.url);
  apps.push(app);
  const bench = new Workbench(app.page);
  await bench.projects.waitFor();
  return bench;
}

describe('workspace backup and restore', () => {
  it('moves a whole workspace to an empty profile; refuses a full workspace and a damaged file', async () => {
    // A labeler's workspace: edits in the sample project, and a project of their own.
    const mine = await profile();
    await mine.item('launch-memo.txt').click();
    await mine.dragOver('Grace Hopper');
    await mine.page.keyboard.press('1');
    await mine.pickClass('Urgent');
    await mine.page.getByLabel('Note').fill('Checked 👍');
    await mine.page.getByLabel('Note').blur();
    await mine.createProject('Street photos');
    await mine.chooseFiles([
      { name: 'corner.png', mimeType: 'image/png', buffer: makePng(300, 200, 5) },
    ]);
    expect(await (await mine.importChosen()).textContent()).toContain('1 item added');
    await mine.waitForWrites();

    const file = join(dir, 'backup.zip');
    const saved = await mine.backUpTo(file);
    expect(saved).toMatch(
      /^Saved airlock-backup-\d{4}-\d{2}-\d{2}\.zip \([\d.]+ kB\) to your downloads: 3 projects, 13 items, 4 images, 2 annotations\. Signing keys are never backed up\.$/,
    );
    await screenshot(mine.page, 'backup-saved');
    await mine.dismissBackupOutcome();

    // A new profile has the sample project: a restore will not overwrite it.
    const fresh = await profile();
    const refused = await fresh.restoreFrom(file);
    expect(refused.ok).toBe(false);
    expect(refused.text).toMatch(
      /^backup\.zip was not restored: this workspace already has 2 projects \(("Sample project"|"Sample conversations"), ("Sample project"|"Sample conversations")\)\. /,
    );
    expect(refused.text).toContain(
      'A restore only goes into an empty workspace, so that nothing here is overwritten: ' +
        'delete these projects first, or restore in a new browser profile. Nothing was changed.',
    );
    await screenshot(fresh.page, 'restore-refused-not-empty');
    await fresh.dismissBackupOutcome();
    expect(await fresh.project('Sample project').count()).toBe(1);

    // Emptied, it first refuses a damaged copy, naming the reason, and stays empty.
    await fresh.deleteProject('Sample project');
    await fresh.project('Sample conversations').click();
    await fresh.deleteProject('Sample conversations');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    const damaged = join(dir, 'damaged.zip');
    writeFileSync(damaged, bytes);
    const outcome = await fresh.restoreFrom(damaged);
    expect(outcome.ok).toBe(false);
    expect(outcome.text).toMatch(
      /^damaged\.zip was not restored: it is damaged \(.+\)\. Nothing was changed\.$/,
    );
    await screenshot(fresh.page, 'restore-refused-damaged');
    await fresh.dismissBackupOutcome();
    expect(await fresh.projects.getByRole('listitem').count()).toBe(0);

    // The good file it takes whole.
    const restored = await fresh.restoreFrom(file);
    expect(restored).toEqual({
      ok: true,
      text: 'Restored backup.zip: 3 projects, 13 items, 4 images, 2 annotations.',
    });
    await fresh.dismissBackupOutcome();
    await fresh.project('Sample project').click();
    await fresh.item('launch-memo.txt').click();
    await expect
      .poll(() => fresh.itemText.getByRole('button').first().getAttribute('aria-label'))
      .toBe('Person: Grace Hopper');
    expect(await fresh.classIsOn('Urgent')).toBe(true);
    expect(await fresh.page.getByLabel('Note').inputValue()).toBe('Checked 👍');
    await fresh.project('Street photos').click();
    await fresh.item('corner.png').click();
    // The restored image bytes decode: the canvas shows the picture at its size.
    const image = new ImageView(fresh.page);
    await image.ready();
    expect(await image.stage.getAttribute('aria-label')).toMatch(
      /^Image canvas: corner\.png \(300 × /,
    );
    await screenshot(fresh.page, 'restore-done');
    expect(await fresh.projects.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Sample project/),
      expect.stringMatching(/^Sample conversations/),
      expect.stringMatching(/^Street photos/),
    ]);
  });
});
