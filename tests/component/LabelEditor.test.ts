import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import LabelEditorHost from './LabelEditorHost.svelte';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import type { Annotation } from '../../src/model/annotation.ts';
import type { Label } from '../../src/model/label.ts';
import { freshRepository } from '../factories/files.ts';

const LABELS: Label[] = [
  { id: 'person', name: 'Person', color: '#e6194b', hotkey: '1', kinds: ['span'] },
  { id: 'place', name: 'Place', color: '#3cb44b', hotkey: '2', kinds: ['span'] },
];

async function setup(labels: Label[] = LABELS) {
  const repository = freshRepository();
  const project = await repository.createProject('News', labels);
  const workspace = new Workspace(repository);
  await workspace.load();
  const user = userEvent.setup();
  render(LabelEditorHost, { props: { workspace } });
  const stored = async () => (await repository.getProject(project.id))?.labels ?? [];
  return { repository, workspace, project, user, stored };
}

/** The label names in table order, read from the "Name of …" boxes. */
function shownNames(): string[] {
  const table = screen.getByRole('table', { name: 'Labels of News' });
  return within(table)
    .getAllByRole('textbox', { name: /^Name of / })
    .map((input) => (input as HTMLInputElement).value);
}

function span(id: string, label: string, itemId: string, projectId: string): Annotation {
  const at = new Date().toISOString();
  return {
    id,
    type: 'span',
    projectId,
    itemId,
    label,
    annotator: 'tester',
    start: 0,
    end: 4,
    text: 'Anna',
    createdAt: at,
    updatedAt: at,
  };
}

describe('LabelEditor', () => {
  it('lists the project labels in a table', async () => {
    await setup();
    expect(shownNames()).toEqual(['Person', 'Place']);
    expect(screen.getByRole('textbox', { name: 'Hotkey of Person' })).toHaveValue('1');
  });

  it('shows what a label applies to folded, and changes it by surface when unfolded', async () => {
    const { user, stored } = await setup();
    const folded = screen.getByText('Span', {
      selector: 'summary[aria-label="Applies to, for Place"]',
    });
    await user.click(folded);
    const row = folded.closest('details')!;
    expect(
      within(row)
        .getAllByRole('group')
        .map((g) => g.querySelector('legend')?.textContent),
    ).toEqual(['Text', 'Images', 'Model outputs']);
    const images = within(row).getByRole('group', { name: 'Images' });
    await user.click(within(images).getByRole('checkbox', { name: 'Box' }));
    await waitFor(async () =>
      expect((await stored()).find((l) => l.id === 'place')?.kinds).toEqual(['span', 'box']),
    );
    await waitFor(() => expect(row.querySelector('summary')).toHaveTextContent('Span, Box'));
    expect(row).toHaveAttribute('open');
  });

  it('adds a label from the "Add a label" form', async () => {
    const { user, stored } = await setup();
    const form = screen.getByRole('form', { name: 'Add a label' });
    const add = within(form).getByRole('button', { name: 'Add label' });
    expect(add).toBeDisabled();

    await user.type(within(form).getByLabelText('Name'), 'Organisation');
    await user.type(within(form).getByLabelText('Hotkey'), 'O');
    await user.click(within(form).getByRole('checkbox', { name: 'Text class' }));
    await user.click(add);

    expect(await screen.findByRole('textbox', { name: 'Name of Organisation' })).toBeVisible();
    expect(shownNames()).toEqual(['Person', 'Place', 'Organisation']);
    // The hotkey is stored lower-cased and the form is cleared for the next label.
    expect(screen.getByRole('textbox', { name: 'Hotkey of Organisation' })).toHaveValue('o');
    await waitFor(() => expect(within(form).getByLabelText('Name')).toHaveValue(''));
    expect(within(form).getByLabelText('Hotkey')).toHaveValue('');

    const labels = await stored();
    expect(labels).toHaveLength(3);
    expect(labels[2]).toMatchObject({
      name: 'Organisation',
      hotkey: 'o',
      kinds: ['span', 'text_class'],
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('makes a question label ask only its question: ticking one clears the other kinds', async () => {
    const { user, stored } = await setup();
    const form = screen.getByRole('form', { name: 'Add a label' });
    const box = (name: string) => within(form).getByRole('checkbox', { name });
    expect(box('Span')).toBeChecked(); // the default
    await user.click(box('Preference'));
    expect(box('Span')).not.toBeChecked();
    await user.click(box('Rating'));
    expect(box('Preference')).not.toBeChecked();
    await user.type(within(form).getByLabelText('Name'), 'Helpful');
    await user.click(within(form).getByRole('button', { name: 'Add label' }));
    await screen.findByRole('textbox', { name: 'Name of Helpful' });
    expect((await stored())[2]).toMatchObject({ name: 'Helpful', kinds: ['rating'] });
  });

  it('refuses a hotkey already used by a label of the same kind, naming it', async () => {
    const { user, stored } = await setup();
    const form = screen.getByRole('form', { name: 'Add a label' });
    await user.type(within(form).getByLabelText('Name'), 'Location');
    await user.type(within(form).getByLabelText('Hotkey'), '1');
    await user.click(within(form).getByRole('button', { name: 'Add label' }));

    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('hotkey "1" is already used by "Person"');
    expect(shownNames()).toEqual(['Person', 'Place']);
    expect((await stored()).map((l) => l.name)).toEqual(['Person', 'Place']);
    // What was typed stays, so the labeler can fix it.
    expect(within(form).getByLabelText('Name')).toHaveValue('Location');
  });

  it('allows the same hotkey on a label of another kind', async () => {
    const { user, stored } = await setup();
    const form = screen.getByRole('form', { name: 'Add a label' });
    await user.type(within(form).getByLabelText('Name'), 'Face');
    await user.type(within(form).getByLabelText('Hotkey'), '1');
    await user.click(within(form).getByRole('checkbox', { name: 'Span' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Box' }));
    await user.click(within(form).getByRole('button', { name: 'Add label' }));

    await screen.findByRole('textbox', { name: 'Name of Face' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect((await stored())[2]).toMatchObject({ name: 'Face', hotkey: '1', kinds: ['box'] });
  });

  it('renames a label through its "Name of" box', async () => {
    const { user, stored } = await setup();
    const name = screen.getByRole('textbox', { name: 'Name of Person' });
    await user.clear(name);
    await user.type(name, 'Human');
    await user.tab();

    expect(await screen.findByRole('textbox', { name: 'Name of Human' })).toHaveValue('Human');
    await waitFor(async () =>
      expect((await stored()).map((l) => l.name)).toEqual(['Human', 'Place']),
    );
    // The id is kept: annotations still point at it.
    expect((await stored())[0]?.id).toBe('person');
  });

  it('shows a rename to a taken name on that row and saves nothing', async () => {
    const { user, stored } = await setup();
    const name = screen.getByRole('textbox', { name: 'Name of Place' });
    await user.clear(name);
    await user.type(name, 'person');
    await user.tab();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'a label named "person" already exists',
    );
    expect((await stored()).map((l) => l.name)).toEqual(['Person', 'Place']);
    // The row shows the name that is kept, not the refused one.
    expect(screen.getByRole('textbox', { name: 'Name of Place' })).toHaveValue('Place');
  });

  it('reorders labels with the move up and down buttons', async () => {
    const { user, stored } = await setup([
      ...LABELS,
      { id: 'org', name: 'Org', color: '#4363d8', kinds: ['span'] },
    ]);
    expect(screen.getByRole('button', { name: 'Move Person up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move Org down' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Move Org up' }));
    await waitFor(() => expect(shownNames()).toEqual(['Person', 'Org', 'Place']));
    expect((await stored()).map((l) => l.id)).toEqual(['person', 'org', 'place']);

    await user.click(screen.getByRole('button', { name: 'Move Person down' }));
    await waitFor(() => expect(shownNames()).toEqual(['Org', 'Person', 'Place']));
    expect((await stored()).map((l) => l.id)).toEqual(['org', 'person', 'place']);
    expect(screen.getByRole('button', { name: 'Move Org up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move Person up' })).toBeEnabled();
  });

  describe('deleting a label', () => {
    async function withAnnotations() {
      const context = await setup();
      const { repository, project } = context;
      await repository.addItems(project.id, [
        {
          id: 'doc',
          kind: 'text',
          name: 'doc.txt',
          text: 'Anna went to Oslo',
          sha256: '0'.repeat(64),
          status: 'todo',
          note: '',
        },
      ]);
      await repository.applyAnnotations([
        span('a1', 'person', 'doc', project.id),
        span('a2', 'person', 'doc', project.id),
        span('a3', 'person', 'doc', project.id),
        span('b1', 'place', 'doc', project.id),
      ]);
      return context;
    }

    it('says how many annotations use it and deletes them on request', async () => {
      const { user, repository, project, stored } = await withAnnotations();
      await user.click(screen.getByRole('button', { name: 'Delete Person' }));

      const dialog = await screen.findByRole('dialog', { name: 'Delete label Person' });
      expect(await within(dialog).findByText(/3 annotations use this label/)).toBeInTheDocument();
      const deleteThem = within(dialog).getByRole('radio', { name: /Delete them/ });
      const relabel = within(dialog).getByRole('radio', { name: /Give them another label/ });
      expect(deleteThem).toBeChecked();
      expect(relabel).not.toBeChecked();
      expect(within(dialog).getByRole('combobox', { name: 'Replacement label' })).toBeDisabled();

      await user.click(within(dialog).getByRole('button', { name: 'Delete label' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(shownNames()).toEqual(['Place']);
      expect((await stored()).map((l) => l.id)).toEqual(['place']);
      const left = await repository.annotationsOf('doc');
      expect(left.map((a) => a.id)).toEqual(['b1']);
      expect(await repository.countLabelUse(project.id, 'person')).toBe(0);
    });

    it('relabels its annotations to another label of the same kind', async () => {
      const { user, repository, project, stored } = await withAnnotations();
      await user.click(screen.getByRole('button', { name: 'Delete Person' }));
      const dialog = await screen.findByRole('dialog', { name: 'Delete label Person' });
      await within(dialog).findByText(/3 annotations use this label/);

      const confirm = within(dialog).getByRole('button', { name: 'Delete label' });
      await user.click(within(dialog).getByRole('radio', { name: /Give them another label/ }));
      // A replacement must be chosen first.
      expect(confirm).toBeDisabled();
      const replacement = within(dialog).getByRole('combobox', { name: 'Replacement label' });
      expect(replacement).toBeEnabled();
      expect(
        within(replacement)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Choose…', 'Place']);
      await user.selectOptions(replacement, 'Place');
      expect(confirm).toBeEnabled();
      await user.click(confirm);

      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect((await stored()).map((l) => l.id)).toEqual(['place']);
      const left = await repository.annotationsOf('doc');
      expect(left).toHaveLength(4);
      expect(left.every((a) => a.label === 'place')).toBe(true);
      expect(await repository.countLabelUse(project.id, 'place')).toBe(4);
    });

    it('keeps the label and its annotations on Cancel', async () => {
      const { user, repository, stored } = await withAnnotations();
      await user.click(screen.getByRole('button', { name: 'Delete Person' }));
      const dialog = await screen.findByRole('dialog', { name: 'Delete label Person' });
      await within(dialog).findByText(/3 annotations use this label/);
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(shownNames()).toEqual(['Person', 'Place']);
      expect((await stored()).map((l) => l.id)).toEqual(['person', 'place']);
      expect(await repository.annotationsOf('doc')).toHaveLength(4);
    });

    it('says so when no annotation uses the label', async () => {
      const { user, stored } = await setup();
      await user.click(screen.getByRole('button', { name: 'Delete Place' }));
      const dialog = await screen.findByRole('dialog', { name: 'Delete label Place' });
      expect(await within(dialog).findByText('No annotation uses this label.')).toBeVisible();
      expect(within(dialog).queryByRole('radio')).not.toBeInTheDocument();

      await user.click(within(dialog).getByRole('button', { name: 'Delete label' }));
      await waitFor(() => expect(shownNames()).toEqual(['Person']));
      expect((await stored()).map((l) => l.id)).toEqual(['person']);
    });
  });
});

describe('LabelEditor class groups', () => {
  it('adds a "choose one" group, puts classes in it, and deleting it keeps the classes', async () => {
    const { repository, project, user, stored } = await setup([
      { id: 'pos', name: 'Positive', color: '#3cb44b', kinds: ['text_class'] },
      { id: 'neg', name: 'Negative', color: '#e6194b', kinds: ['text_class'] },
      { id: 'person', name: 'Person', color: '#4363d8', kinds: ['span'] },
    ]);
    const form = screen.getByRole('form', { name: 'Add a class group' });
    await user.type(within(form).getByRole('textbox', { name: 'Group name' }), 'Tone');
    await user.click(within(form).getByRole('button', { name: 'Add group' }));
    await waitFor(async () =>
      expect((await repository.getProject(project.id))?.classGroups).toEqual([
        expect.objectContaining({ name: 'Tone', choice: 'one' }),
      ]),
    );
    await within(screen.getByRole('combobox', { name: 'Class group of Positive' })).findByRole(
      'option',
      { name: 'Tone' },
    );
    // Only class labels can join a group.
    expect(screen.queryByRole('combobox', { name: 'Class group of Person' })).toBeNull();
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Class group of Positive' }),
      'Tone',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Class group of Negative' }),
      'Tone',
    );
    const groupId = (await repository.getProject(project.id))!.classGroups[0]!.id;
    await waitFor(async () =>
      expect((await stored()).filter((l) => l.group === groupId).map((l) => l.name)).toEqual([
        'Positive',
        'Negative',
      ]),
    );

    await user.type(within(form).getByRole('textbox', { name: 'Group name' }), 'tone');
    await user.click(within(form).getByRole('button', { name: 'Add group' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'a class group named "tone" already exists',
    );

    await user.click(screen.getByRole('button', { name: 'Delete group Tone' }));
    await waitFor(async () =>
      expect((await repository.getProject(project.id))?.classGroups).toEqual([]),
    );
    expect((await stored()).map((l) => l.name)).toEqual(['Positive', 'Negative', 'Person']);
    expect((await stored()).some((l) => l.group !== undefined)).toBe(false);
  });
});
