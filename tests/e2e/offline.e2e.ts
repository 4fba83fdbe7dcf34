import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attachGuard,
  distDir,
  launchBrowser,
  launchProfile,
  openApp,
  newAppPage,
  screenshot,
  startServer,
  type AppPage,
  type Server,
} from './harness.ts';
import { Workbench } from './pages/workbench.ts';
import { ImageView } from './pages/image-view.ts';

// After the first visit Airlock needs no server and no network: the service worker serves it.
// Each test has its own server (so it can stop it) and its own build copy where it publishes
// a new version.

let browser: Browser;
let app: AppPage | undefined;
let server: Server | undefined;
let copy: string | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  try {
    await app?.guard.assertClean();
  } finally {
    await app?.close();
    await server?.close();
    if (copy) rmSync(copy, { recursive: true, force: true });
    app = server = copy = undefined;
  }
});

async function openFresh(dir = distDir()): Promise<Workbench> {
  server = await startServer(dir);
  app = await newAppPage(browser, server.url);
  const bench = new Workbench(app.page);
  await bench.waitUntilOfflineReady();
  return bench;
}

/** The server is really gone: a request from Node cannot connect. */
async function expectUnreachable(url: string): Promise<void> {
  await expect(fetch(url)).rejects.toThrow();
}

describe('offline', () => {
  it('starts and keeps working with the server stopped, deep links included', async () => {
    const bench = await openFresh();
    const url = server!.url;
    await server!.close();
    server = undefined;
    await expectUnreachable(url);

    await bench.reload();
    await bench.item('launch-memo.txt').click();
    await bench.pickClass('Urgent');
    await bench.item('village-day.png').click();
    // The image tools (a chunk loaded on first use) come from the precache too.
    const image = new ImageView(bench.page);
    await image.ready();
    expect(await image.stage.getAttribute('aria-label')).toBe(
      'Image canvas: village-day.png (960 × 640 px)',
    );
    await bench.pickClass('Daytime');
    await screenshot(bench.page, 'offline-server-stopped');

    // A bookmark to any address inside the app opens the app.
    await bench.page.goto(`${url}/projects/somewhere`, { waitUntil: 'load' });
    await bench.projects.waitFor();
    await bench.item('launch-memo.txt').click();
    await expect.poll(() => bench.classIsOn('Urgent')).toBe(true);
    await bench.item('village-day.png').click();
    await expect.poll(() => bench.classIsOn('Daytime')).toBe(true);
  });

  it('is installable as an app: Chromium finds no installability error', async () => {
    // Installing needs a real profile: Chromium never installs from an incognito context.
    server = await startServer();
    copy = mkdtempSync(join(tmpdir(), 'airlock-profile-'));
    const context = await launchProfile(copy);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const guard = await attachGuard(context, server.url);
      await openApp(page, server.url);
      await new Workbench(page).waitUntilOfflineReady();
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.url).toBe(`${server.url}/manifest.webmanifest`);
      expect(manifest.errors).toEqual([]);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      const parsed = JSON.parse(manifest.data ?? '{}') as { name: string; display: string };
      expect([parsed.name, parsed.display]).toEqual(['Airlock', 'standalone']);
      await guard.assertClean();
    } finally {
      await context.close();
    }
  });

  it('starts with the browser offline', async () => {
    const bench = await openFresh();
    await app!.context.setOffline(true);
    // Asked before the reload: in Chromium 150 navigator.onLine reads true again after it,
    // while the context stays offline.
    await expect.poll(() => bench.page.evaluate(() => navigator.onLine)).toBe(false);
    await bench.reload();
    await bench.page.getByRole('heading', { name: 'Sample project', level: 2 }).waitFor();
    await expect.poll(() => bench.items.getByRole('listitem').count()).toBe(9);
  });

  it('announces a new version and reloads into it only when asked, never under a held drag', async () => {
    copy = mkdtempSync(join(tmpdir(), 'airlock-dist-'));
    cpSync(distDir(), copy, { recursive: true });
    const bench = await openFresh(copy);
    const page = bench.page;
    await bench.item('launch-memo.txt').click();
    await bench.pickClass('Urgent');

    // Publish "version 2": any byte change to sw.js is a new service worker.
    appendFileSync(join(copy, 'sw.js'), '\n// version 2\n');
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const reload = page.getByRole('button', { name: 'Reload to update' });
    await reload.waitFor();
    await screenshot(page, 'offline-update-ready');
    // Announced, not applied: the page has not reloaded on its own.
    await page.evaluate(() => ((window as { before?: boolean }).before = true));
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as { before?: boolean }).before)).toBe(true);

    // The labeler is dragging over the text when they ask for the update (by keyboard).
    const box = (await bench.itemText.boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    await reload.focus();
    await page.keyboard.press('Enter');
    await bench.updateNotice
      .filter({ hasText: 'Reloading once this is finished: a drag.' })
      .waitFor();
    await screenshot(page, 'offline-update-waiting');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as { before?: boolean }).before)).toBe(true);

    // Releasing the drag lets the reload happen: a new page, on the new version, edits kept.
    const navigated = page.waitForEvent('load');
    await page.mouse.move(box.x + 40, box.y + 5);
    await page.mouse.up();
    await navigated;
    await bench.projects.waitFor();
    expect(await page.evaluate(() => (window as { before?: boolean }).before)).toBeUndefined();
    await bench.waitUntilOfflineReady();
    expect(
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return { waiting: registration?.waiting ?? null, active: registration?.active?.state };
      }),
    ).toEqual({ waiting: null, active: 'activated' });
    await bench.item('launch-memo.txt').click();
    await expect.poll(() => bench.classIsOn('Urgent')).toBe(true);
  });
});
