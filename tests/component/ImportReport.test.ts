import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ImportReport from '../../src/ui/ImportReport.svelte';
import { NO_ROOM, type ImportSummary } from '../../src/import/importer.ts';
import { StorageFullError } from '../../src/storage/errors.ts';

function summary(change: Partial<ImportSummary> = {}): ImportSummary {
  return {
    filesDone: 4,
    filesTotal: 4,
    added: 12,
    duplicates: 1,
    rejected: [
      { file: 'notes.jsonl', line: 7, reason: 'is not valid JSON' },
      { file: 'data/table.csv', line: 2, reason: 'has no "text" column' },
      { file: 'logo.svg', reason: 'is not a supported file' },
    ],
    cancelled: false,
    notReached: [],
    ...change,
  };
}

describe('ImportReport', () => {
  it('lists each rejected file with its line and reason, and the counts', () => {
    render(ImportReport, { props: { summary: summary(), ondismiss: () => {} } });
    const report = screen.getByRole('region', { name: 'Import summary' });

    expect(within(report).getByRole('heading', { name: 'Import finished' })).toBeVisible();
    expect(report).toHaveTextContent('12 items added from 4 of 4 files; 1 duplicate skipped.');
    expect(within(report).getByRole('heading', { name: '3 files not imported' })).toBeVisible();

    const rows = within(report)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(rows).toEqual([
      'notes.jsonl, line 7: is not valid JSON',
      'data/table.csv, line 2: has no "text" column',
      'logo.svg: is not a supported file',
    ]);
    expect(report).not.toHaveTextContent('Files not reached');
  });

  it('uses the singular for one and says when the import was cancelled', () => {
    render(ImportReport, {
      props: {
        summary: summary({
          filesDone: 1,
          filesTotal: 3,
          added: 1,
          duplicates: 0,
          rejected: [{ file: 'a.txt', line: 1, reason: 'is not UTF-8' }],
          cancelled: true,
        }),
        ondismiss: () => {},
      },
    });
    const report = screen.getByRole('region', { name: 'Import summary' });
    expect(within(report).getByRole('heading', { name: 'Import cancelled' })).toBeVisible();
    expect(report).toHaveTextContent('1 item added from 1 of 3 files; 0 duplicates skipped.');
    expect(report).toHaveTextContent('files already imported are kept');
    expect(within(report).getByRole('heading', { name: '1 file not imported' })).toBeVisible();
    expect(within(report).getByText('a.txt, line 1: is not UTF-8')).toBeVisible();
  });

  it('counts a file with several bad lines once, and lists each line', () => {
    render(ImportReport, {
      props: {
        summary: summary({
          filesDone: 1,
          filesTotal: 1,
          added: 0,
          rejected: [
            { file: 'chats.jsonl', line: 4, reason: 'is not valid JSON' },
            { file: 'chats.jsonl', line: 7, reason: 'has a message with role "wizard"' },
            { file: 'chats.jsonl', reason: 'and 3 more bad lines', more: 3 },
          ],
        }),
        ondismiss: () => {},
      },
    });
    const report = screen.getByRole('region', { name: 'Import summary' });
    expect(
      within(report).getByRole('heading', { name: '1 file not imported (5 problems)' }),
    ).toBeVisible();
    expect(
      within(report)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'chats.jsonl, line 4: is not valid JSON',
      'chats.jsonl, line 7: has a message with role "wizard"',
      'chats.jsonl: and 3 more bad lines',
    ]);
  });

  it('shows no rejection list when every file was imported', () => {
    render(ImportReport, {
      props: { summary: summary({ rejected: [] }), ondismiss: () => {} },
    });
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(screen.queryByText(/not imported/)).not.toBeInTheDocument();
  });

  it('calls ondismiss when Dismiss is pressed', async () => {
    const ondismiss = vi.fn();
    const user = userEvent.setup();
    render(ImportReport, { props: { summary: summary(), ondismiss } });
    expect(ondismiss).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(ondismiss).toHaveBeenCalledTimes(1);
  });

  it('says the import stopped on a full disk, what landed, the file it hit and the files not reached', () => {
    const notReached = Array.from({ length: 23 }, (_, i) => `scans/page-${i + 4}.png`);
    render(ImportReport, {
      props: {
        summary: summary({
          filesDone: 3,
          filesTotal: 26,
          added: 2,
          duplicates: 0,
          rejected: [{ file: 'scans/page-3.png', reason: NO_ROOM }],
          stopped: new StorageFullError().message,
          notReached,
        }),
        ondismiss: () => {},
      },
    });
    const report = screen.getByRole('region', { name: 'Import summary' });
    expect(within(report).getByRole('heading', { name: 'Import stopped' })).toBeVisible();
    expect(within(report).getByRole('alert')).toHaveTextContent(
      /no room left to store Airlock data/,
    );
    expect(report).toHaveTextContent('2 items added from 3 of 26 files; 0 duplicates skipped.');
    expect(report).toHaveTextContent('files already imported are kept');
    expect(
      within(report).getByText(/^scans\/page-3\.png: was not imported: the browser has no room/),
    ).toBeVisible();
    expect(within(report).getByRole('heading', { name: '23 files not reached' })).toBeVisible();
    const reached = within(within(report).getByRole('list', { name: 'Files not reached' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(reached).toHaveLength(21);
    expect(reached[0]).toBe('scans/page-4.png');
    expect(reached.at(-1)).toBe('and 3 more');
  });
});
