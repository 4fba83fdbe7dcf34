// `npm run bench`: real workloads in headless Chromium against the production build.
// Writes bench/results.json and bench/results.md. Figures, not assertions: tests check behaviour.
//
// Environment: BENCH_IMAGES (default 1000) scales the image import, BENCH_EXPORT_IMAGES
// (default 1000, about 5 MB each) the export, BENCH_CONVERSATIONS (default 10000) the
// conversations; BENCH_ONLY=a,b runs some.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  attachGuard,
  launchProfile,
  openApp,
  startServer,
  type AppPage,
} from '../tests/e2e/harness.ts';
import { bigList, exportImages, importImages, importText, type Figures } from './workloads.ts';
import { imageBoxes, imageLarge, imageOpen } from './image-workloads.ts';
import { imageShapeWorkloads } from './image-shapes.ts';
import { exportFormatsInNode, importAnnotations } from './formats.ts';
import { agreement } from './agreement.ts';
import { textDense, textPatterns, textThousand } from './text-dense.ts';
import { backupRestore, offlineStart } from './offline-workloads.ts';
import { conversations } from './conversations.ts';
import { missingScripts, scriptFonts } from './fonts.ts';

const only = process.env.BENCH_ONLY?.split(',');
const imageCount = Number(process.env.BENCH_IMAGES ?? 1000);
const exportCount = Number(process.env.BENCH_EXPORT_IMAGES ?? 1000);
const conversationCount = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);

const fonts = scriptFonts();
const missing = missingScripts(fonts);
if (missing.length > 0)
  console.warn(
    `No font for ${missing.join(', ')}: text in it lays out many times slower than on a machine that shows it (see bench/fonts.ts and the README).`,
  );

const server = await startServer();
const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-'));
// A partial run (BENCH_ONLY) updates its workloads and keeps the others' last figures.
const previous = existsSync('bench/results.json')
  ? (
      JSON.parse(readFileSync('bench/results.json', 'utf8')) as {
        results: Record<string, Figures & { date?: string }>;
      }
    ).results
  : {};
const results: Record<string, Figures> = { ...previous };
const failed: string[] = [];

const viewport = { width: 1280, height: 800 };

async function profilePage(userDataDir: string, url: string): Promise<AppPage> {
  const context = await launchProfile(userDataDir, { viewport });
  const guard = await attachGuard(context, url);
  const page = context.pages()[0] ?? (await context.newPage());
  await openApp(page, url);
  return { context, page, guard, close: () => context.close() };
}

const workloads: Record<string, (page: Page) => Promise<Figures>> = {
  'import-text': (page) => importText(page, dir),
  'import-images': (page) => importImages(page, dir, imageCount),
  list: (page) => bigList(page, dir, server.url),
  'text-1k': (page) => textThousand(page, dir),
  'text-100k': (page) => textDense(page, dir),
  'text-patterns': (page) => textPatterns(page, dir),
  export: (page) => exportImages(page, dir, exportCount),
  image: (page) => imageBoxes(page, dir),
  'image-large': (page) => imageLarge(page, dir),
  'image-open': (page) => imageOpen(page, dir),
  ...imageShapeWorkloads(dir),
  'import-annotations': (page) => importAnnotations(page, dir),
  'export-formats': () => exportFormatsInNode(),
  // Pure computation in Node's V8; the page it is given stays unused.
  agreement: () => agreement(),
  'offline-start': (page) => offlineStart(page),
  backup: (page) => backupRestore(page, dir, server.url),
  conversations: (page) => conversations(page, dir, conversationCount),
};

// Figures of workloads that are gone (replaced by others) are not kept.
for (const name of Object.keys(results)) if (!(name in workloads)) delete results[name];

/** Writes the figures so far: a run cut short keeps what it measured. */
function writeResults(): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, headless Chromium (software rendering)`;
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync('bench/results.json', JSON.stringify({ date, machine, results }, null, 2) + '\n');

  const cell = (v: unknown) =>
    typeof v === 'object' && v
      ? Object.entries(v)
          .map(([k, x]) => `${k} ${String(x)}`)
          .join(', ')
      : String(v);
  const rows = Object.entries(results).flatMap(([name, figures]) =>
    Object.entries(figures).map(([metric, value]) => `| ${name} | ${metric} | ${cell(value)} |`),
  );
  writeFileSync(
    'bench/results.md',
    [
      `Measured ${date} on ${machine}.`,
      '',
      '| workload | figure | value |',
      '|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
}

/** A workload that hangs (a page promise that never settles) fails after 30 minutes. */
function withinLimit<T>(work: Promise<T>, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} took over 30 minutes`)), 1_800_000);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

try {
  for (const [name, run] of Object.entries(workloads)) {
    if (only && !only.includes(name)) continue;
    process.stdout.write(`${name}… `);
    // A fresh on-disk profile per workload: its own empty IndexedDB, kept on disk as a
    // labeler's browser keeps it. (An incognito context keeps IndexedDB in memory, which
    // Chromium 150 writes to at a quarter to half the speed: 10,000 texts imported at
    // 623–966/s against 2,571–2,801/s on disk. Its quota is also too small for the export.)
    const app = await profilePage(join(dir, `profile-${name}`), server.url);
    app.context.setDefaultTimeout(600_000);
    // tsx (esbuild, keepNames) wraps functions we send to page.evaluate in a `__name` helper
    // that only exists in Node; give the page a no-op one.
    const shim = 'globalThis.__name = (fn) => fn';
    await app.context.addInitScript(shim);
    await app.page.evaluate(shim);
    try {
      results[name] = {
        ...(await withinLimit(run(app.page), name)),
        date: new Date().toISOString().slice(0, 10),
        // Debian's Chromium has changed under the bench; each workload says which one it ran in.
        chromium: app.context.browser()?.version() ?? 'unknown',
        fonts,
      };
      writeResults();
      console.log(JSON.stringify(results[name]));
    } catch (error) {
      // One workload failing keeps its last figures and does not lose the others' run.
      failed.push(name);
      console.log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await app.close();
    }
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

writeResults();
console.log('\nWrote bench/results.json and bench/results.md');
if (failed.length) {
  console.log(`Failed (last figures kept): ${failed.join(', ')}`);
  process.exitCode = 1;
}
