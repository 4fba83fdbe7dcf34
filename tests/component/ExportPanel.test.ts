import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ExportPanel from '../../src/ui/ExportPanel.svelte';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import { ItemList } from '../../src/state/item-list.svelte.ts';
import { Identity } from '../../src/state/identity.svelte.ts';
import { ExportRun } from '../../src/state/export-run.svelte.ts';
import type { StartMessage } from '../../src/export/export-client.ts';
import { freshRepository } from '../factories/files.ts';

async function setup() {
  const repository = freshRepository();
  const project = await repository.createProject('News');
  await repository.addItems(project.id, [
    {
      id: 't0',
      kind: 'text',
      name: 'a.txt',
      text: 'a',
      sha256: '0'.repeat(64),
      status: 'done',
      note: '',
    },
    {
      id: 't1',
      kind: 'text',
      name: 'b.txt',
      text: 'b',
      sha256: '1'.repeat(64),
      status: 'todo',
      note: '',
    },
  ]);
  const workspace = new Workspace(repository);
  await workspace.load();
  const list = new ItemList(repository, project.id);
  await list.setFilter({ text: 'b' });
  const identity = new Identity(repository, '0123456789abcdef');
  await identity.load();
  const started: StartMessage[] = [];
  const run = new ExportRun(
    (message) => {
      started.push(message);
      return { cancel: () => {} };
    },
    () => {},
  );
  render(ExportPanel, {
    props: { workspace, project, list, identity, run, total: 2, done: 1 },
  });
  return { started, identity };
}

describe('ExportPanel', () => {
  it('asks for a name and makes a signing key on first use', async () => {
    const { identity } = await setup();
    expect(screen.queryByRole('button', { name: 'Export bundle…' })).toBeNull();
    await userEvent.type(screen.getByLabelText('Your name'), 'Ada Lovelace');
    await userEvent.click(screen.getByRole('button', { name: 'Create signing key' }));
    await screen.findByRole('button', { name: 'Export bundle…' });
    expect(identity.current?.keyId).toBe('0123456789ABCDEF');
    expect(screen.getByText(/Signed by Ada Lovelace with key/)).toHaveTextContent(
      '0123456789ABCDEF',
    );
  });

  it('exports the chosen scope, with images when asked, signed by the current key', async () => {
    const { started, identity } = await setup();
    await identity.setName('Ada');
    await identity.createKey();
    await screen.findByRole('button', { name: 'Export bundle…' });
    expect(screen.getByRole('radio', { name: 'Whole project (2 items)' })).toBeChecked();
    await userEvent.click(
      screen.getByRole('radio', { name: /Items shown in the list \(1 item; text “b”\)/ }),
    );
    await userEvent.click(screen.getByRole('checkbox', { name: /Include the images/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Export bundle…' }));
    await waitFor(() => expect(started).toHaveLength(1));
    expect(started[0]).toMatchObject({
      jobs: [{ scope: { kind: 'filter', filter: { text: 'b' } }, includeMedia: true }],
      signer: { name: 'Ada', keyId: '0123456789ABCDEF' },
      // jsdom has no save dialog: the bundle is downloaded.
      target: { kind: 'download' },
    });
    expect(screen.getByRole('button', { name: 'Export bundle…' })).toBeDisabled();
    expect(screen.getByRole('group', { name: 'Export progress' })).toBeVisible();
  });

  it('widens CoNLL spans that cut a word only when asked', async () => {
    const { started, identity } = await setup();
    await identity.setName('Ada');
    await identity.createKey();
    const widen = await screen.findByRole('checkbox', { name: /Widen spans that cut a word/ });
    expect(widen).not.toBeChecked();
    await userEvent.click(widen);
    await userEvent.click(screen.getByRole('button', { name: 'Export bundle…' }));
    await waitFor(() => expect(started).toHaveLength(1));
    expect(started[0]!.jobs).toMatchObject([{ scope: { kind: 'all' }, widenSpans: true }]);
  });

  it('offers the same widening in Bulk export, for every bundle', async () => {
    const { started, identity } = await setup();
    await identity.setName('Ada');
    await identity.createKey();
    await userEvent.click(await screen.findByRole('button', { name: 'Bulk export…' }));
    const dialog = screen.getByRole('dialog', { name: 'Bulk export' });
    const widen = within(dialog).getByRole('checkbox', { name: /Widen spans that cut a word/ });
    expect(widen).not.toBeChecked();
    await userEvent.click(within(dialog).getByRole('radio', { name: /in bundles of/ }));
    await userEvent.click(widen);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Choose folder and export…' }),
    );
    await waitFor(() => expect(started).toHaveLength(1));
    expect(started[0]!.jobs).toMatchObject([{ batchSize: 1000, widenSpans: true }]);
  });

  it('leaves bulk bundles unwidened unless asked', async () => {
    const { started, identity } = await setup();
    await identity.setName('Ada');
    await identity.createKey();
    await userEvent.click(await screen.findByRole('button', { name: 'Bulk export…' }));
    const dialog = screen.getByRole('dialog', { name: 'Bulk export' });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Choose folder and export…' }),
    );
    await waitFor(() => expect(started).toHaveLength(1));
    expect(started[0]!.jobs).toHaveLength(1);
    expect(started[0]!.jobs[0]).not.toHaveProperty('widenSpans');
  });
});
