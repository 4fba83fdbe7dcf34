import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { launchBrowser, newAppPage, startServer, type AppPage, type Server } from './harness.ts';
import { Workbench } from './pages/workbench.ts';

/**
 * The usual life of an e2e file: one server and one Chromium for the file, a fresh guarded
 * context (empty storage) per test, and after each test the guard must be clean.
 */
export function appSuite() {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let apps: AppPage[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    const open = apps;
    apps = [];
    for (const app of open) await app.guard.assertClean();
    for (const app of open) await app.close();
  });

  return {
    /**
     * Opens the app in a fresh profile and returns the labeler's view of it. Each call is
     * another person's browser (a lead and labelers), each guarded.
     */
    async open(options: BrowserContextOptions = {}): Promise<Workbench> {
      if (!server || !browser) throw new Error('appSuite: open() is for inside tests');
      const app = await newAppPage(browser, server.url, options);
      apps.push(app);
      return new Workbench(app.page);
    },
  };
}
