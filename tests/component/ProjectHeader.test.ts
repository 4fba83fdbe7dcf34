import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ProjectHeaderHost from './ProjectHeaderHost.svelte';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import type { NewItem } from '../../src/storage/repository.ts';
import { freshRepository } from '../factories/files.ts';

function textItem(n: number): NewItem {
  return {
    id: `t${n}`,
    kind: 'text',
    name: `doc-${n}.txt`,
    text: `text ${n}`,
    sha256: n.toString(16).padStart(64, '0'),
    status: 'todo',
    note: '',
  };
}

async function setup({ items = 3, others = [] as string[] } = {}) {
  const repository = freshRepository();
  const project = await repository.createProject('News');
  for (const name of others) await repository.createProject(name);
  await repository.addItems(
    project.id,
    Array.from({ length: items }, (_, i) => textItem(i)),
  );
  if (items > 0) await repository.setStatus('t0', 'done');
  await repository.applyAnnotations([
    {
      id: 'a1',
      type: 'class',
      projectId: project.id,
      itemId: 't0',
      label: 'topic',
      annotator: 'tester',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    },
  ]);
  const workspace = new Workspace(repository);
  await workspace.load();
  await workspace.open(project.id);
  const user = userEvent.setup();
  render(ProjectHeaderHost, { props: { workspace } });
  workspace.countOnce(); // as the item list does once it shows
  await screen.findByLabelText('Progress');
  return { repository, workspace, project, user };
}

describe('ProjectHeader', () => {
  it('shows the project name and progress', async () => {
    await setup();
    expect(screen.getByRole('heading', { name: 'News' })).toBeVisible();
    expect(screen.getByLabelText('Progress')).toHaveTextContent('1 of 3 items done');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  describe('Delete project', () => {
    it('asks for confirmation, saying how many items will be deleted', async () => {
      const { user } = await setup();
      await user.click(screen.getByRole('button', { name: 'Delete project' }));
      const dialog = await screen.findByRole('dialog', { name: 'Delete “News”?' });
      expect(dialog).toHaveTextContent('This permanently deletes 3 items');
      expect(dialog).toHaveTextContent('This cannot be undone.');
      expect(
        within(dialog).getByRole('button', { name: 'Delete project and its data' }),
      ).toBeVisible();
    });

    it('deletes the project and its data when confirmed', async () => {
      const { user, repository, workspace, project } = await setup();
      await user.click(screen.getByRole('button', { name: 'Delete project' }));
      const dialog = await screen.findByRole('dialog', { name: 'Delete “News”?' });
      await user.click(within(dialog).getByRole('button', { name: 'Delete project and its data' }));

      await waitFor(() =>
        expect(screen.queryByRole('heading', { name: 'News' })).not.toBeInTheDocument(),
      );
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(await repository.listProjects()).toEqual([]);
      expect(await repository.getProject(project.id)).toBeUndefined();
      expect(await repository.getItem('t0')).toBeUndefined();
      expect(await repository.annotationsOf('t0')).toEqual([]);
      expect(workspace.projects).toEqual([]);
      expect(workspace.currentId).toBeUndefined();
      expect(workspace.error).toBeUndefined();
    });

    it('moves on to another project after deleting the current one', async () => {
      const { user, repository } = await setup({ others: ['Sport'] });
      await user.click(screen.getByRole('button', { name: 'Delete project' }));
      const dialog = await screen.findByRole('dialog', { name: 'Delete “News”?' });
      await user.click(within(dialog).getByRole('button', { name: 'Delete project and its data' }));

      expect(await screen.findByRole('heading', { name: 'Sport' })).toBeVisible();
      expect((await repository.listProjects()).map((p) => p.project.name)).toEqual(['Sport']);
    });

    it('keeps the project on Cancel', async () => {
      const { user, repository, workspace } = await setup();
      await user.click(screen.getByRole('button', { name: 'Delete project' }));
      const dialog = await screen.findByRole('dialog', { name: 'Delete “News”?' });
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(screen.getByRole('heading', { name: 'News' })).toBeVisible();
      expect((await repository.listProjects()).map((p) => p.project.name)).toEqual(['News']);
      expect(await repository.getItem('t0')).toBeDefined();
      expect(workspace.projects).toHaveLength(1);
    });

    it('can be asked again after Cancel', async () => {
      const { user } = await setup();
      await user.click(screen.getByRole('button', { name: 'Delete project' }));
      await user.click(
        within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }),
      );
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      await user.click(screen.getByRole('button', { name: 'Delete project' }));
      expect(await screen.findByRole('dialog', { name: 'Delete “News”?' })).toBeVisible();
    });
  });

  describe('Rename', () => {
    it('saves the new name', async () => {
      const { user, repository, workspace, project } = await setup();
      await user.click(screen.getByRole('button', { name: 'Rename' }));
      const name = screen.getByRole('textbox', { name: 'Project name' });
      expect(name).toHaveValue('News');
      expect(name).toHaveFocus();

      await user.clear(name);
      await user.type(name, '  World news  ');
      await user.click(screen.getByRole('button', { name: 'Save name' }));

      expect(await screen.findByRole('heading', { name: 'World news' })).toBeVisible();
      expect(screen.queryByRole('textbox', { name: 'Project name' })).not.toBeInTheDocument();
      expect((await repository.getProject(project.id))?.name).toBe('World news');
      expect(workspace.current?.name).toBe('World news');
    });

    it('saves with Enter', async () => {
      const { user, repository, project } = await setup();
      await user.click(screen.getByRole('button', { name: 'Rename' }));
      const name = screen.getByRole('textbox', { name: 'Project name' });
      await user.clear(name);
      await user.type(name, 'Archive{Enter}');

      expect(await screen.findByRole('heading', { name: 'Archive' })).toBeVisible();
      expect((await repository.getProject(project.id))?.name).toBe('Archive');
    });

    it('keeps the old name on Cancel or a blank name', async () => {
      const { user, repository, project } = await setup();
      await user.click(screen.getByRole('button', { name: 'Rename' }));
      await user.clear(screen.getByRole('textbox', { name: 'Project name' }));
      await user.type(screen.getByRole('textbox', { name: 'Project name' }), 'Other');
      await user.click(screen.getByRole('button', { name: 'Cancel' }));
      expect(screen.getByRole('heading', { name: 'News' })).toBeVisible();

      await user.click(screen.getByRole('button', { name: 'Rename' }));
      expect(screen.getByRole('textbox', { name: 'Project name' })).toHaveValue('News');
      await user.clear(screen.getByRole('textbox', { name: 'Project name' }));
      await user.type(screen.getByRole('textbox', { name: 'Project name' }), '   ');
      await user.click(screen.getByRole('button', { name: 'Save name' }));

      expect(await screen.findByRole('heading', { name: 'News' })).toBeVisible();
      expect((await repository.getProject(project.id))?.name).toBe('News');
    });
  });
});
