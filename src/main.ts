import './platform/zod-jitless.ts';
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { Repository } from './storage/repository.ts';
import { Workspace } from './state/workspace.svelte.ts';
import { seedSampleProject } from './sample/sample-project.ts';
import { decodeImage } from './platform/decode-image.ts';
import { localAnnotator } from './platform/annotator.ts';
import { Identity } from './state/identity.svelte.ts';
import { ExportRun } from './state/export-run.svelte.ts';
import { download, launchWorker } from './export/export-client.ts';
import { registerServiceWorker, type AppUpdater } from './platform/service-worker.ts';
import { activeWork, trackHeldPointers } from './platform/active-work.ts';
import { AppUpdate } from './state/app-update.svelte.ts';
import { WorkspaceBackup } from './state/workspace-backup.svelte.ts';
import { BlobSink, downloadFile } from './platform/save-file.ts';
import { pendingWrites } from './storage/pending-writes.ts';
import './ui/global.css';

async function start(): Promise<void> {
  const repository = new Repository();
  const workspace = new Workspace(repository);
  const target = document.getElementById('app');
  if (!target) throw new Error('index.html has no #app element');
  repository.watchOtherTabs({
    newerVersion: () => {
      outdated = true;
      workspace.outdated = true;
    },
    blocked: showUpgradeBlocked,
  });
  // A restore cut short by a closed browser left records that belong to no project.
  if (await repository.recoverInterruptedRestore()) {
    workspace.error =
      'A workspace restore was interrupted when the browser closed. What it had written was removed; restore the backup again.';
  }
  try {
    await seedSampleProject(repository, decodeImage);
  } catch (error) {
    workspace.error = `The sample project could not be created: ${error instanceof Error ? error.message : String(error)}`;
  }
  const identity = new Identity(repository, await localAnnotator(repository));
  await Promise.all([workspace.load(), identity.load()]);
  const exportRun = new ExportRun(launchWorker, download);
  trackHeldPointers(window);
  const update = new AppUpdate({
    workInProgress: () =>
      pendingWrites.pending > 0
        ? 'saving your last edit'
        : exportRun.busy
          ? 'an export'
          : activeWork.current,
    settle: () => repository.settle(),
    activate: () => updater?.activate(),
  });
  const backup = new WorkspaceBackup({
    backUp: (sink, options) => repository.backUp(sink, options),
    restore: (file, options) => repository.restore(file, options),
    newSink: () => new BlobSink(),
    save: downloadFile,
    afterRestore: () => workspace.load(),
  });
  target.replaceChildren(); // the "Opening your workspace…" line
  mount(App, { target, props: { workspace, identity, exportRun, update, backup } });
  const updater: AppUpdater | undefined = registerServiceWorker({
    onOfflineReady: () => (update.offlineReady = true),
    onUpdateReady: () => update.announce(),
  });
  // The browser asks before leaving while an edit is still being written.
  window.addEventListener('beforeunload', (event) => {
    if (pendingWrites.pending > 0) event.preventDefault();
  });
  await workspace.checkStorage();
}

/** Another tab opened the workspace with a newer Airlock, which closed it here. */
let outdated = false;

/** Until the app shows, the line under "Opening your workspace…" says what the update waits for. */
function showUpgradeBlocked(): void {
  const opening = document.querySelector('#app > .opening');
  if (!opening) return;
  const line = document.createElement('span');
  line.className = 'blocked';
  line.textContent =
    'Another Airlock tab holds it open with an older version: close or reload that tab, and the update goes on.';
  opening.querySelector('.blocked')?.remove();
  opening.append(line);
}

/** A workspace that cannot be opened (storage refused, an upgrade failed) says so and why. */
function showOpenFailure(error: unknown): void {
  const target = document.getElementById('app');
  if (!target?.querySelector('.opening')) {
    if (outdated) return; // the app is up and says why it stopped
    throw error; // the app is up: it reports its own
  }
  const line = document.createElement('p');
  line.className = 'opening';
  line.setAttribute('role', 'alert');
  // Dexie wraps what the browser said (its `inner` errors) in messages of its own.
  let cause = error;
  while ((cause as { inner?: unknown } | undefined)?.inner)
    cause = (cause as { inner: unknown }).inner;
  const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, '');
  line.textContent = outdated
    ? 'Airlock was updated in another tab while this one opened: reload it to open the new version.'
    : `Airlock could not open your workspace: ${reason}. Reload to try again.`;
  target.replaceChildren(line);
}

start().catch(showOpenFailure);
