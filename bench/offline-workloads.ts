import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchProfile } from '../tests/e2e/harness.ts';
import { Workbench } from '../tests/e2e/pages/workbench.ts';
import { makePng } from '../tests/factories/png.ts';
import { jsHeapMb, watchMainThread } from './measure.ts';
import { seeded, writeJsonl, type Figures } from './workloads.ts';

// Offline workloads: starting from the service worker with the network off, and backing up
// then restoring a large workspace through the real UI.

/** Time from navigation start until the item list shows its first row. */
async function msUntilFirstRow(bench: Workbench): Promise<number> {
  await bench.items.getByRole('listitem').first().getByText(/\S/).first().waitFor();
  return bench.page.evaluate(() => Math.round(performance.now()));
}

export async function offlineStart(page: Page): Promise<Figures> {
  const bench = new Workbench(page);
  const firstVisitMs = await msUntilFirstRow(bench);
  await bench.waitUntilOfflineReady();
  await page.reload({ waitUntil: 'load' });
  const repeatVisitMs = await msUntilFirstRow(bench);
  await page.context().setOffline(true);
  const offline: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.reload({ waitUntil: 'load' });
    offline.push(await msUntilFirstRow(bench));
  }
  await page.context().setOffline(false);
  offline.sort((a, b) => a - b);
  return { firstVisitMs, repeatVisitMs, offlineStartMsMedianOf5: offline[2]! };
}

export async function backupRestore(page: Page, dir: string, url: string): Promise<Figures> {
  const imageCount = Number(process.env.BENCH_BACKUP_IMAGES ?? 300);
  const bench = new Workbench(page);
  await bench.createProject('Bench: backup');
  const random = seeded(6);
  const files = [writeJsonl(dir, 'backup-texts.jsonl', 10_000, 40, 6)];
  for (let i = 0; i < imageCount; i++) {
    const side = Math.round(800 + random() * 800);
    const path = join(dir, `backup-${i}.png`);
    writeFileSync(path, makePng(side, Math.round(side * 0.75), 1000 + i, 1));
    files.push(path);
  }
  await bench.chooseFiles(files);
  await bench.importChosen();
  await bench.waitForWrites();

  const file = join(dir, 'workspace-backup.zip');
  let stop = await watchMainThread(page);
  let started = Date.now();
  await bench.backUpTo(file);
  const backupSeconds = (Date.now() - started) / 1000;
  const backupMain = await stop();
  const heapAfterBackup = await jsHeapMb(page);
  const bytes = statSync(file).size;

  // Restore into another, empty profile.
  const other = await launchProfile(join(dir, 'profile-restore'), {
    viewport: { width: 1280, height: 800 },
  });
  try {
    await other.addInitScript('globalThis.__name = (fn) => fn');
    const target = new Workbench(other.pages()[0] ?? (await other.newPage()));
    target.page.setDefaultTimeout(600_000);
    await target.page.goto(url, { waitUntil: 'load' });
    await target.projects.waitFor();
    await target.deleteProject('Sample project');
    await target.project('Sample conversations').click();
    await target.deleteProject('Sample conversations');
    stop = await watchMainThread(target.page);
    started = Date.now();
    const outcome = await target.restoreFrom(file);
    const restoreSeconds = (Date.now() - started) / 1000;
    const restoreMain = await stop();
    if (!outcome.ok) throw new Error(outcome.text);
    const mb = bytes / 1e6;
    return {
      items: 10_000 + imageCount + 9,
      images: imageCount + 3,
      backupMb: Math.round(mb),
      backupSeconds: Math.round(backupSeconds * 10) / 10,
      backupMbPerSecond: Math.round(mb / backupSeconds),
      backupLongestMainThreadBlockMs: backupMain.longestTaskMs,
      backupFrameIntervalMs: { p50: backupMain.frames.p50, p95: backupMain.frames.p95 },
      heapMbAfterBackup: heapAfterBackup,
      restoreSeconds: Math.round(restoreSeconds * 10) / 10,
      restoreMbPerSecond: Math.round(mb / restoreSeconds),
      restoreLongestMainThreadBlockMs: restoreMain.longestTaskMs,
      restoreFrameIntervalMs: { p50: restoreMain.frames.p50, p95: restoreMain.frames.p95 },
    };
  } finally {
    await other.close();
  }
}
