import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import WorkspacePanel from '../../src/ui/WorkspacePanel.svelte';
import { WorkspaceBackup, type BackupDeps } from '../../src/state/workspace-backup.svelte.ts';
import { BackupRefusedError } from '../../src/storage/backup-reader.ts';
import { activeWork } from '../../src/platform/active-work.ts';
import type { BackupOptions } from '../../src/storage/backup-format.ts';
import { freshRepository } from '../factories/files.ts';

const counts = { projects: 2, items: 1200, media: 1, annotations: 3, settings: 2 };

/** Deps whose backup and restore wait until the test lets them finish. */
function setup(overrides: Partial<BackupDeps> = {}) {
  let finish: () => void = () => {};
  let options: BackupOptions = {};
  const gate = (opts: BackupOptions) => {
    options = opts;
    return new Promise<void>((resolve, reject) => {
      finish = resolve;
      opts.signal?.addEventListener('abort', () => reject(opts.signal!.reason as Error));
    });
  };
  const deps: BackupDeps = {
    backUp: async (_sink, opts) => {
      await gate(opts);
      return { counts, bytes: 48_000, skippedSettings: [] };
    },
    restore: async (_file, opts) => {
      await gate(opts);
      return counts;
    },
    newSink: () => ({ write: () => Promise.resolve(), blob: (type) => new Blob([], { type }) }),
    save: vi.fn(),
    afterRestore: vi.fn(() => Promise.resolve()),
    today: () => new Date('2026-11-23T12:00:00Z'),
    ...overrides,
  };
  const backup = new WorkspaceBackup(deps);
  render(WorkspacePanel, { props: { backup } });
  return { deps, backup, finish: () => finish(), progress: () => options.onProgress! };
}

describe('WorkspacePanel', () => {
  it('backs up with progress, saves the file and says what it holds', async () => {
    const user = userEvent.setup();
    const { deps, finish, progress } = setup();
    await user.click(screen.getByRole('button', { name: 'Back up…' }));
    const dialog = screen.getByRole('dialog', { name: 'Workspace backup' });
    expect(within(dialog).getByRole('status')).toHaveTextContent('Starting…');
    expect(activeWork.current).toBe('a backup');
    progress()({ phase: 'backing up', step: 'items', done: 600, total: 1208 });
    await vi.waitFor(() =>
      expect(within(dialog).getByRole('status')).toHaveTextContent(
        'Backing up items… 600 of 1,208',
      ),
    );
    expect(screen.getByRole('button', { name: 'Back up…' })).toBeDisabled();
    finish();
    await vi.waitFor(() =>
      expect(within(dialog).getByRole('status')).toHaveTextContent(
        'Saved airlock-backup-2026-11-23.zip (48.0 kB) to your downloads: 2 projects, 1,200 items, 1 image, 3 annotations. Signing keys are never backed up.',
      ),
    );
    expect(deps.save).toHaveBeenCalledWith(expect.any(Blob), 'airlock-backup-2026-11-23.zip');
    expect(activeWork.current).toBeUndefined();
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('restores a chosen file, then shows the restored workspace', async () => {
    const user = userEvent.setup();
    const { deps, finish } = setup();
    await user.upload(
      screen.getByLabelText('Backup file to restore'),
      new File(['zip'], 'mine.zip', { type: 'application/zip' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Workspace restore' });
    finish();
    await vi.waitFor(() =>
      expect(within(dialog).getByRole('status')).toHaveTextContent(
        'Restored mine.zip: 2 projects, 1,200 items, 1 image, 3 annotations.',
      ),
    );
    expect(deps.afterRestore).toHaveBeenCalledOnce();
  });

  it('shows a refusal as an alert, with its reason', async () => {
    const user = userEvent.setup();
    setup({
      restore: () =>
        Promise.reject(
          new BackupRefusedError('old.zip', 'it was made by a newer version of Airlock'),
        ),
    });
    await user.upload(screen.getByLabelText('Backup file to restore'), new File(['x'], 'old.zip'));
    const dialog = screen.getByRole('dialog', { name: 'Workspace restore' });
    await vi.waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'old.zip was not restored: it was made by a newer version of Airlock. Nothing was changed.',
      ),
    );
  });

  it('names the file and the reason for a failure the storage did not foresee', async () => {
    const user = userEvent.setup();
    setup({ restore: () => Promise.reject(new TypeError('reader is undefined')) });
    await user.upload(screen.getByLabelText('Backup file to restore'), new File(['x'], 'odd.zip'));
    const dialog = screen.getByRole('dialog', { name: 'Workspace restore' });
    await vi.waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'odd.zip was not restored: it could not be restored (reader is undefined). Nothing was changed.',
      ),
    );
  });

  it('refuses a file that is not a backup through the real restore, naming it', async () => {
    const user = userEvent.setup();
    const repository = freshRepository();
    setup({ restore: (file, options) => repository.restore(file, options) });
    await user.upload(
      screen.getByLabelText('Backup file to restore'),
      new File(['not a zip at all, but long enough to have an end record'], 'notes.zip'),
    );
    const dialog = screen.getByRole('dialog', { name: 'Workspace restore' });
    await vi.waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        /^notes\.zip was not restored: it is not a ZIP file, or it is damaged .*Nothing was changed\.$/,
      ),
    );
    expect(await repository.listProjects()).toEqual([]);
  });

  it('says a restore landed when only showing it failed', async () => {
    const user = userEvent.setup();
    const { finish } = setup({ afterRestore: () => Promise.reject(new Error('read failed')) });
    await user.upload(screen.getByLabelText('Backup file to restore'), new File(['x'], 'b.zip'));
    finish();
    const dialog = screen.getByRole('dialog', { name: 'Workspace restore' });
    await vi.waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'b.zip was restored, but the workspace could not be shown (read failed). Reload Airlock.',
      ),
    );
  });

  it('cancels a backup: no file is saved', async () => {
    const user = userEvent.setup();
    const { deps } = setup();
    await user.click(screen.getByRole('button', { name: 'Back up…' }));
    const dialog = screen.getByRole('dialog', { name: 'Workspace backup' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await vi.waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'Backup cancelled: no file was saved.',
      ),
    );
    expect(deps.save).not.toHaveBeenCalled();
  });
});
