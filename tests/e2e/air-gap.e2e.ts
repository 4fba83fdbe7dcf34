import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newAppPage,
  screenshot,
  startServer,
  startSink,
  type AppPage,
  type Server,
  type Sink,
} from './harness.ts';
import { Workbench } from './pages/workbench.ts';
import { makePng } from '../factories/png.ts';

// The air-gap proof a security officer can read: one labeler's whole flow through the real
// UI, while (1) the guard fails on any request that leaves the origin, any CSP violation and
// any page or console error, and (2) a sink server on another loopback port, which the
// imported data and label names point at, must receive zero hits.

let browser: Browser;
let server: Server | undefined;
let sink: Sink;
let app: AppPage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  sink = await startSink();
});
afterAll(async () => {
  await browser?.close();
  await sink?.close();
});
afterEach(async () => {
  try {
    await app?.guard.assertClean();
  } finally {
    await app?.close();
    await server?.close();
    app = server = undefined;
  }
});

/** Imported content that would reach the sink if anything rendered it as markup or followed it. */
function bait(target: string) {
  return {
    markup: [
      `<img src="${target}/img.png"> <link rel="stylesheet" href="${target}/style.css">`,
      `<script src="${target}/script.js"></script> <iframe src="${target}/frame"></iframe>`,
      `<a href="${target}/link">Visit ${target}/link</a> url(${target}/css-url.png)`,
    ].join('\n'),
    jsonl: [
      JSON.stringify({ id: 'j1', text: `See ${target}/jsonl for the report.` }),
      JSON.stringify({
        id: 'j2',
        text: `<img src=${target}/jsonl.png onerror=fetch('${target}/x')>`,
      }),
    ].join('\n'),
    label: `<img src="${target}/label.png">`,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'airlock-e2e-air-gap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('air gap', () => {
  it('walks the whole flow with zero requests off the origin, zero CSP violations and zero sink hits', async () => {
    server = await startServer();
    app = await newAppPage(browser, server.url);
    const bench = new Workbench(app.page);
    const page = bench.page;
    await bench.withoutSavePicker();
    const requests: Request[] = [];
    app.context.on('request', (request) => requests.push(request));
    const { markup, jsonl, label } = bait(sink.url);

    // 1. The sample project opens; label a text and an image in it. A fresh headless profile
    // gets no promise to keep its data: the header says so and explains it on request.
    await bench.page.getByRole('heading', { name: 'Sample project', level: 2 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Storage: may be cleared' }).waitFor();
    await page.getByRole('button', { name: 'What does this mean?' }).click();
    await page.getByRole('region', { name: 'About storage' }).waitFor();
    await screenshot(page, 'air-gap-storage-explained');
    await page.getByRole('button', { name: 'Ask the browser again' }).click();
    await page.getByRole('button', { name: 'What does this mean?' }).click();
    await bench.item('launch-memo.txt').click();
    await bench.dragOver('Grace Hopper');
    await page.keyboard.press('1');
    await bench.pickClass('Urgent');
    await bench.item('village-day.png').click();
    await bench.pickClass('Daytime');

    // 2. A new project, labels whose names point at the sink, and an import of hostile files.
    await bench.createProject(`Project ${sink.url}/name`);
    await bench.addLabel(label, '1', ['Span']);
    await bench.addLabel('Outdoor', 'o', ['Image class']);
    await bench.addLabel('Suspicious', 's', ['Text class']);
    await bench.chooseFiles([
      { name: 'markup.txt', mimeType: 'text/plain', buffer: Buffer.from(markup) },
      { name: 'posts.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl) },
      { name: 'photo.png', mimeType: 'image/png', buffer: makePng(320, 200, 42) },
    ]);
    const summary = await bench.importChosen();
    expect(await summary.textContent()).toContain('4 items added from 3 of 3 files');

    // 3. Label the imported text (a span and a class) and the imported image (a class).
    await bench.tab('Items').click();
    await bench.item('markup.txt').click();
    expect(await bench.itemText.locator('img, link, script, iframe, a').count()).toBe(0);
    await bench.dragOver(`${sink.url}/link`);
    await page.keyboard.press('1');
    await expect
      .poll(() => bench.itemText.getByRole('button').first().getAttribute('aria-label'))
      .toBe(`${label}: ${sink.url}/link`);
    await bench.pickClass('Suspicious');
    await bench.item('photo.png').click();
    await bench.pickClass('Outdoor');
    await screenshot(page, 'air-gap-labeled');

    // 4. Offline: the server is gone; the service worker starts the app; everything is there.
    await bench.waitUntilOfflineReady();
    await server.close();
    server = undefined;
    await bench.reload();
    await bench.item('markup.txt').click();
    await expect
      .poll(() => bench.itemText.getByRole('button').first().getAttribute('aria-label'))
      .toBe(`${label}: ${sink.url}/link`);
    await bench.item('photo.png').click();
    await expect.poll(() => bench.classIsOn('Outdoor')).toBe(true);

    // 5. Still offline: sign and export a bundle (downloaded: the reload above dropped the
    // save dialog, which headless Chromium cannot answer).
    await bench.setUpSigning(`Officer ${sink.url}/signer`);
    const bundlePath = await bench.download(dir, () =>
      page.getByRole('button', { name: 'Export bundle…' }).click(),
    );
    const pubPath = await bench.downloadPub(dir, 'officer.pub');

    // 6. Import it back as a lead would: trust the key, receive the bundle, verified in-page.
    await bench.tab('Review').click();
    await page.getByLabel("Labeler's name").fill('Officer');
    await page.getByLabel('Add a public key (.pub)').setInputFiles(pubPath);
    await page.getByLabel(/^Receive signed bundles/).setInputFiles(bundlePath);
    await expect
      .poll(() => page.getByRole('list', { name: 'Received files' }).textContent())
      .toMatch(/Accepted.*signed by Officer/);

    // Let anything deferred fire (timers, idle work, the service worker), then check.
    await page.waitForTimeout(1_000);
    expect(sink.hits).toEqual([]);
    // The listener was live: it saw the app's own files, the service worker's included.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => !app!.guard.isAllowed(r.url())).map((r) => r.url())).toEqual([]);
    // afterEach: the guard must be clean (no off-origin request, CSP violation or error).
  });
});
