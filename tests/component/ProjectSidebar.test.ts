import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ProjectSidebar from '../../src/ui/ProjectSidebar.svelte';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import { freshRepository } from '../factories/files.ts';

async function setup(existing: string[] = []) {
  const repository = freshRepository();
  for (const name of existing) await repository.createProject(name);
  const workspace = new Workspace(repository);
  await workspace.load();
  const user = userEvent.setup();
  render(ProjectSidebar, { props: { workspace } });
  return { repository, workspace, user };
}

describe('ProjectSidebar', () => {
  it('creates a project, lists it and marks it current', async () => {
    const { repository, workspace, user } = await setup(['Existing']);
    const nav = screen.getByRole('navigation', { name: 'Projects' });
    expect(within(nav).getByRole('button', { name: /Existing/ })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await user.type(screen.getByLabelText('New project'), '  Invoices  ');
    await user.click(screen.getByRole('button', { name: 'Create' }));

    const created = await within(nav).findByRole('button', { name: /Invoices/ });
    await waitFor(() => expect(created).toHaveAttribute('aria-current', 'page'));
    expect(created).toHaveTextContent('0/0 done');
    expect(within(nav).getByRole('button', { name: /Existing/ })).not.toHaveAttribute(
      'aria-current',
    );
    expect(within(nav).getAllByRole('listitem')).toHaveLength(2);
    // The input is cleared for the next one.
    await waitFor(() => expect(screen.getByLabelText('New project')).toHaveValue(''));

    const stored = await repository.listProjects();
    expect(stored.map((p) => p.project.name)).toEqual(['Existing', 'Invoices']);
    expect(workspace.currentId).toBe(stored[1]?.project.id);
  });

  it('opens a project when its button is clicked', async () => {
    const { workspace, user } = await setup(['First', 'Second']);
    const nav = screen.getByRole('navigation', { name: 'Projects' });
    await user.click(within(nav).getByRole('button', { name: /Second/ }));
    await waitFor(() =>
      expect(within(nav).getByRole('button', { name: /Second/ })).toHaveAttribute(
        'aria-current',
        'page',
      ),
    );
    expect(workspace.current?.name).toBe('Second');
  });

  it('disables Create for a blank name', async () => {
    const { repository, user } = await setup();
    const create = screen.getByRole('button', { name: 'Create' });
    expect(create).toBeDisabled();

    const input = screen.getByLabelText('New project');
    await user.type(input, '   ');
    expect(create).toBeDisabled();
    await user.type(input, '{Enter}');

    await user.type(input, 'x');
    expect(create).toBeEnabled();
    await user.clear(input);
    expect(create).toBeDisabled();

    expect(await repository.listProjects()).toEqual([]);
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
  });
});
