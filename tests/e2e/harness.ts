// End-to-end harness: serve the production build, drive Debian's Chromium with playwright-core,
// and prove that nothing leaves the origin (Guard, sink server).
//
// Typical test file:
//
//   let server: Server; let browser: Browser; let app: AppPage | undefined;
//   beforeAll(async () => { server = await startServer(); browser = await launchBrowser(); });
//   afterAll(async () => { await browser?.close(); await server?.close(); });
//   afterEach(async () => { await app?.guard.assertClean(); await app?.close(); app = undefined; });
//   it('…', async () => { app = await newAppPage(browser, server.url); … });

import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  ConsoleMessage,
  Page,
  Request,
} from 'playwright-core';
import { preview } from 'vite';

/** Repository root (this file is tests/e2e/harness.ts). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The build under test: `dist/`, or `$E2E_DIST_DIR` to try the harness on another build. */
export function distDir(): string {
  return resolve(ROOT, process.env.E2E_DIST_DIR ?? 'dist');
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Where screenshots go; `test-results/` is gitignored. */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

export interface Server {
  /** Origin of the app, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the production build with Vite's `preview()` and the project's vite.config.ts, so the
 * security-headers plugin sends exactly what `npm start` sends. Port 0: the OS picks a free port.
 * Each server is a new port, hence a new origin with its own empty storage. `outDir` serves
 * another copy of the build (e.g. one a test changes to publish a new version).
 */
export async function startServer(outDir: string = distDir()): Promise<Server> {
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') {
    await server.close();
    throw new Error(`vite preview is not listening on a TCP port (${String(address)})`);
  }
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/**
 * A tiny HTTP server on another loopback port (another origin) that counts every hit. The app
 * does not know it exists; nothing the app does may reach it. `hits` lists `METHOD url` of each.
 */
export interface Sink {
  url: string;
  readonly hits: readonly string[];
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method ?? '?'} ${req.url ?? '?'}`);
    res.writeHead(204, { 'Access-Control-Allow-Origin': '*' });
    res.end();
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------------------------

/** Flags that keep Chromium from calling home (and from needing a GPU, a sandbox or /dev/shm). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

function launchOptions() {
  return { executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] };
}

/** A Chromium for tests that need fresh, throwaway contexts (see newAppPage). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions());
}

/**
 * A Chromium on a persistent profile, for tests that reload, close or kill the browser and start
 * it again on the same `userDataDir` (IndexedDB, service worker and caches survive). Attach a
 * guard with `attachGuard(context, url)` before opening the app. Close it with `context.close()`.
 */
export function launchProfile(
  userDataDir: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    ...launchOptions(),
    serviceWorkers: 'allow',
    ...options,
  });
}

/**
 * Kills Chromium hard, like a crash or power cut: SIGKILL, no unload handlers, no flush.
 *
 * How: playwright-core 1.65 no longer exposes the browser's ChildProcess (`Browser.process()`
 * is gone, and a persistent context has none either), so we ask Chromium itself for its pid:
 * `SystemInfo.getProcessInfo` over a browser CDP session lists every Chromium process with its
 * type; the `browser` entry is the main process. Playwright spawns Chromium as the leader of its
 * own process group (`detached: true`; Debian's /usr/bin/chromium wrapper `exec`s the binary, so
 * the pid is the same), so `kill(-pid)` takes renderers, GPU and network processes down at the
 * same instant. If it is not a group leader we kill the main process alone (the children die
 * with it). Works for `launchBrowser()` browsers and `launchProfile()` contexts alike. Resolves
 * when playwright has seen the browser go; the profile can then be relaunched at once.
 */
export async function killBrowser(target: Browser | BrowserContext): Promise<void> {
  const browser = 'newContext' in target ? target : target.browser();
  if (!browser) throw new Error('killBrowser: this context has no Chromium browser behind it');
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  const main = processInfo.find((p) => p.type === 'browser');
  if (!main) throw new Error('killBrowser: Chromium reported no browser process');

  const gone = new Promise<void>((done) => {
    if (!browser.isConnected()) done();
    browser.once('disconnected', () => done());
  });
  try {
    process.kill(-main.id, 'SIGKILL');
  } catch {
    process.kill(main.id, 'SIGKILL');
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new Error(`killBrowser: Chromium (pid ${main.id}) still connected after 10 s`)),
      10_000,
    );
  });
  try {
    await Promise.race([gone, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Guard: nothing leaves the origin, no CSP violation, no error
// ---------------------------------------------------------------------------------------------

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  lineNumber: number;
  columnNumber: number;
  sample: string;
  documentURI: string;
}

declare global {
  interface Window {
    /** Filled by the guard's init script, one entry per `securitypolicyviolation` event. */
    __cspViolations?: CspViolation[];
  }
}

const CSP_BINDING = '__airlockGuardCsp';

/**
 * Runs in every document of the guarded context before any of the app's scripts (injected over
 * CDP, so the page's CSP does not apply to it). Serialised by playwright: no closures.
 */
function cspListener(binding: string): void {
  const list: CspViolation[] = [];
  window.__cspViolations = list;
  window.addEventListener('securitypolicyviolation', (event) => {
    const violation: CspViolation = {
      directive: event.effectiveDirective,
      blockedURI: event.blockedURI,
      sourceFile: event.sourceFile,
      lineNumber: event.lineNumber,
      columnNumber: event.columnNumber,
      sample: event.sample,
      documentURI: event.documentURI,
    };
    list.push(violation);
    const report = (window as unknown as Record<string, unknown>)[binding];
    if (typeof report === 'function')
      void (report as (v: CspViolation) => Promise<void>)(violation);
  });
}

export type FindingKind =
  'off-origin request' | 'CSP violation' | 'page error' | 'console error' | 'failed request';

export interface Finding {
  kind: FindingKind;
  detail: string;
}

/**
 * Records, for one BrowserContext and all its pages, frames and service workers:
 * - every request that is not same-origin with the app and not `blob:`/`data:`
 *   (`context.on('request')` sees service-worker requests too, and requests CSP then blocks);
 * - every CSP violation: `securitypolicyviolation` events (also kept in `window.__cspViolations`),
 *   console messages mentioning Content Security Policy, and requests failed by CSP;
 * - uncaught page errors and console errors.
 * `assertClean()` throws listing all of them. Use `ignore()` for an error a test provokes on purpose.
 */
export class Guard {
  readonly origin: string;
  readonly findings: Finding[] = [];
  private readonly ignored: { kind: FindingKind; pattern: RegExp }[] = [];

  private constructor(
    readonly context: BrowserContext,
    appUrl: string,
  ) {
    this.origin = new URL(appUrl).origin;
  }

  /** Attach to a context before its pages open the app (the init script runs on navigation). */
  static async attach(context: BrowserContext, appUrl: string): Promise<Guard> {
    const guard = new Guard(context, appUrl);
    await context.exposeBinding(CSP_BINDING, ({ page }, violation: CspViolation) => {
      guard.record('CSP violation', `${describeViolation(violation)} (page ${page?.url() ?? '?'})`);
    });
    await context.addInitScript(cspListener, CSP_BINDING);
    context.on('request', (request) => guard.onRequest(request));
    context.on('requestfailed', (request) => {
      const error = request.failure()?.errorText ?? '';
      if (/csp/i.test(error)) guard.record('CSP violation', `${error}: ${request.url()}`);
    });
    context.on('console', (message) => guard.onConsole(message));
    context.on('weberror', (error) => {
      const err = error.error();
      guard.record('page error', `${err.stack ?? `${err.name}: ${err.message}`}`);
    });
    return guard;
  }

  /** Is `url` inside the app's origin (or a `blob:`/`data:` URL, which never hits the network)? */
  isAllowed(url: string): boolean {
    if (url.startsWith('blob:') || url.startsWith('data:')) return true;
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }

  /** Do not report findings of `kind` whose text matches `pattern` (for errors a test provokes). */
  ignore(kind: FindingKind, pattern: RegExp): void {
    this.ignored.push({ kind, pattern });
  }

  /** Forget everything recorded so far (e.g. after a test that expected findings). */
  clear(): void {
    this.findings.length = 0;
  }

  record(kind: FindingKind, detail: string): void {
    if (this.ignored.some((i) => i.kind === kind && i.pattern.test(detail))) return;
    this.findings.push({ kind, detail });
  }

  /** Findings so far, after letting in-flight CSP reports from open pages arrive. */
  async collect(): Promise<Finding[]> {
    // A round trip to each page delivers binding calls the page made before it.
    await Promise.all(
      this.context.pages().map((page) => page.evaluate(() => 0).catch(() => undefined)),
    );
    return [...this.findings];
  }

  /** Throws listing every off-origin request, CSP violation, page error and console error. */
  async assertClean(): Promise<void> {
    const findings = await this.collect();
    if (findings.length === 0) return;
    const lines = findings.map((f) => `  - [${f.kind}] ${f.detail}`);
    throw new Error(`Guard found ${findings.length} problem(s):\n${lines.join('\n')}`);
  }

  private onRequest(request: Request): void {
    const url = request.url();
    if (this.isAllowed(url)) return;
    let from = 'service worker';
    if (!request.serviceWorker()) {
      try {
        from = request.frame().url();
      } catch {
        from = '?';
      }
    }
    this.record('off-origin request', `${request.method()} ${url} (from ${from})`);
  }

  private onConsole(message: ConsoleMessage): void {
    const text = message.text();
    const where = message.location().url;
    if (/Content[- ]Security[- ]Policy/i.test(text)) {
      this.record('CSP violation', `console: ${text}${where ? ` (${where})` : ''}`);
    } else if (message.type() === 'error') {
      this.record('console error', `${text}${where ? ` (${where})` : ''}`);
    }
  }
}

function describeViolation(v: CspViolation): string {
  const at = v.sourceFile ? ` at ${v.sourceFile}:${v.lineNumber}:${v.columnNumber}` : '';
  const sample = v.sample ? ` sample "${v.sample}"` : '';
  return `${v.directive} blocked ${v.blockedURI || '(inline)'}${at}${sample}`;
}

/** Shorthand for `Guard.attach`. */
export function attachGuard(context: BrowserContext, appUrl: string): Promise<Guard> {
  return Guard.attach(context, appUrl);
}

// ---------------------------------------------------------------------------------------------
// App pages
// ---------------------------------------------------------------------------------------------

export interface AppPage {
  context: BrowserContext;
  page: Page;
  guard: Guard;
  /** Closes the context (and with it its storage). Does not check the guard. */
  close(): Promise<void>;
}

/** Navigates `page` to the app and waits until the document has fully loaded. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.readyState === 'complete');
}

/**
 * A fresh context (fresh, empty IndexedDB and no service worker), guarded, with the app open
 * and loaded. Call `app.guard.assertClean()` and then `app.close()` in afterEach.
 */
export async function newAppPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<AppPage> {
  const context = await browser.newContext({ serviceWorkers: 'allow', ...options });
  context.setDefaultTimeout(20_000);
  const guard = await attachGuard(context, url);
  const page = await context.newPage();
  await openApp(page, url);
  return { context, page, guard, close: () => context.close() };
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const safe = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'screenshot';
  const path = join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
