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
  let app: AppPage | undefined;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    await app?.guard.assertClean();
    await app?.close();
    app = undefined;
  });

  return {
    /** Opens the app in a fresh profile and returns the labeler's view of it. */
    async open(options: BrowserContextOptions = {}): Promise<Workbench> {
      if (!server || !browser) throw new Error('appSuite: open() is for inside tests');
      app = await newAppPage(browser, server.url, options);
      return new Workbench(app.page);
    },
  };
}
