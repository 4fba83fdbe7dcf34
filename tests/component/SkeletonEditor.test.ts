import { describe, expect, it } from 'vitest';
import { configure, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import LabelEditorHost from './LabelEditorHost.svelte';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import type { Label } from '../../src/model/label.ts';
import type { KeypointsAnnotation } from '../../src/model/annotation.ts';
import { freshRepository } from '../factories/files.ts';

// Each edit is a transaction in (fake) IndexedDB and a re-read of the projects: on a shared,
// loaded machine that can take over the default second.
configure({ asyncUtilTimeout: 5000 });

const COW: Label = {
  id: 'cow',
  name: 'Cow',
  color: '#e6194b',
  hotkey: '1',
  kinds: ['keypoints'],
  skeleton: { nodes: ['head', 'back', 'tail'], edges: [[0, 1]] },
};
const CAR: Label = { id: 'car', name: 'Car', color: '#3cb44b', kinds: ['box'] };

async function setup({ poses = 0 } = {}) {
  const repository = freshRepository();
  const project = await repository.createProject('Farm', [COW, CAR]);
  const at = new Date().toISOString();
  for (let i = 0; i < poses; i++)
    await repository.db.annotations.put(<KeypointsAnnotation>{
      id: `pose-${i}`,
      projectId: project.id,
      itemId: 'photo',
      label: 'cow',
      annotator: 'ann',
      createdAt: at,
      updatedAt: at,
      type: 'keypoints',
      points: [
        [10, 10, 2],
        [20, 20, 2],
        [30, 30, 1],
      ],
    });
  const workspace = new Workspace(repository);
  await workspace.load();
  const user = userEvent.setup();
  render(LabelEditorHost, { props: { workspace } });
  const stored = async () =>
    (await repository.getProject(project.id))?.labels.find((l) => l.id === 'cow')?.skeleton;
  await user.click(screen.getByRole('button', { name: 'Skeleton of Cow' }));
  const section = screen.getByRole('region', { name: 'Skeleton of Cow' });
  const nodeNames = () =>
    within(section)
      .getAllByRole('textbox', { name: /^Name of node/ })
      .map((i) => (i as HTMLInputElement).value);
  return { user, stored, section, nodeNames };
}

describe('the skeleton of a keypoints label (Labels tab)', () => {
  it('is offered on keypoints labels only, with its node count', async () => {
    await setup();
    expect(screen.getByRole('button', { name: 'Skeleton of Cow' })).toHaveTextContent(
      'Skeleton (3)',
    );
    expect(screen.queryByRole('button', { name: 'Skeleton of Car' })).toBeNull();
  });

  it('adds, renames and removes nodes, each saved at once', async () => {
    const { user, stored, section, nodeNames } = await setup();
    const add = within(section).getByRole('form', { name: 'Add a node to Cow' });
    await user.type(within(add).getByRole('textbox', { name: 'Node' }), 'hoof{Enter}');
    await waitFor(async () =>
      expect((await stored())?.nodes).toEqual(['head', 'back', 'tail', 'hoof']),
    );
    const back = within(section).getByRole('textbox', { name: 'Name of node 2' });
    await user.clear(back);
    await user.type(back, 'withers');
    await user.tab();
    await waitFor(async () =>
      expect((await stored())?.nodes).toEqual(['head', 'withers', 'tail', 'hoof']),
    );
    await user.click(within(section).getByRole('button', { name: 'Remove node head' }));
    await waitFor(async () =>
      expect(await stored()).toEqual({ nodes: ['withers', 'tail', 'hoof'], edges: [] }),
    );
    await waitFor(() => expect(nodeNames()).toEqual(['withers', 'tail', 'hoof']));
  });

  it('reorders nodes by button and by Alt+arrow, the keyboard staying on the moved node', async () => {
    const { user, stored, section, nodeNames } = await setup();
    await user.click(within(section).getByRole('button', { name: 'Move node tail up' }));
    await waitFor(() => expect(nodeNames()).toEqual(['head', 'tail', 'back']));
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(section).getByRole('button', { name: 'Move node tail up' }),
      ),
    );
    await user.keyboard('{Enter}');
    await waitFor(() => expect(nodeNames()).toEqual(['tail', 'head', 'back']));
    // First now, its up button is disabled: the keyboard goes to its name.
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(section).getByRole('textbox', { name: 'Name of node 1' }),
      ),
    );
    // The edge still joins head and back, now nodes 2 and 3.
    expect(within(section).getByRole('list', { name: 'Edges of Cow' })).toHaveTextContent(
      'head – back',
    );
    const back = within(section).getByRole('textbox', { name: 'Name of node 3' });
    back.focus();
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(nodeNames()).toEqual(['tail', 'back', 'head']));
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(section).getByRole('textbox', { name: 'Name of node 2' }),
      ),
    );
    expect(document.activeElement).toBe(
      within(section).getByRole('textbox', { name: 'Name of node 2' }),
    );
    expect(await stored()).toEqual({ nodes: ['tail', 'back', 'head'], edges: [[2, 1]] });
  });

  it('refuses a duplicate node name, saying why, and shows the kept name again', async () => {
    const { user, stored, section } = await setup();
    const tail = within(section).getByRole('textbox', { name: 'Name of node 3' });
    await user.clear(tail);
    await user.type(tail, 'Head');
    await user.tab();
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'a node named "head" already exists',
    );
    expect(within(section).getByRole('textbox', { name: 'Name of node 3' })).toHaveValue('tail');
    expect((await stored())?.nodes).toEqual(['head', 'back', 'tail']);
  });

  it('adds and removes edges between existing nodes, refusing one twice', async () => {
    const { user, stored, section } = await setup();
    const form = within(section).getByRole('form', { name: 'Add an edge to Cow' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'From' }), 'back');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'To' }), 'tail');
    await user.click(within(form).getByRole('button', { name: 'Add edge' }));
    await waitFor(async () =>
      expect((await stored())?.edges).toEqual([
        [0, 1],
        [1, 2],
      ]),
    );
    await user.selectOptions(within(form).getByRole('combobox', { name: 'From' }), 'back');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'To' }), 'head');
    await user.click(within(form).getByRole('button', { name: 'Add edge' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      '"back" and "head" are already joined by an edge',
    );
    await user.click(within(section).getByRole('button', { name: 'Remove edge head – back' }));
    await waitFor(async () => expect((await stored())?.edges).toEqual([[1, 2]]));
  });

  it('undoes edits one by one, by button and by Ctrl+Z', async () => {
    const { user, stored, section, nodeNames } = await setup();
    await user.click(within(section).getByRole('button', { name: 'Remove node back' }));
    await waitFor(() => expect(nodeNames()).toEqual(['head', 'tail']));
    await user.click(within(section).getByRole('button', { name: 'Move node tail up' }));
    // The keyboard stays on the moved node (its name, its up button being disabled); from its
    // down button Ctrl+Z undoes the move (in a name field it would undo typing instead).
    await waitFor(() => expect(nodeNames()).toEqual(['tail', 'head']));
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(section).getByRole('textbox', { name: 'Name of node 1' }),
      ),
    );
    await user.tab();
    expect(document.activeElement).toBe(
      within(section).getByRole('button', { name: 'Move node tail down' }),
    );
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(nodeNames()).toEqual(['head', 'tail']));
    await user.click(within(section).getByRole('button', { name: 'Undo skeleton change' }));
    await waitFor(async () => expect(await stored()).toEqual(COW.skeleton));
    await waitFor(() =>
      expect(within(section).getByRole('button', { name: 'Undo skeleton change' })).toBeDisabled(),
    );
    expect(nodeNames()).toEqual(['head', 'back', 'tail']);
  });

  it('while poses use the label, refuses adding, moving or removing nodes but renames them', async () => {
    const { user, stored, section } = await setup({ poses: 2 });
    await user.click(within(section).getByRole('button', { name: 'Remove node back' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      '2 poses use "Cow" with 3 nodes in this order',
    );
    await user.click(within(section).getByRole('button', { name: 'Move node tail up' }));
    const add = within(section).getByRole('form', { name: 'Add a node to Cow' });
    await user.type(within(add).getByRole('textbox', { name: 'Node' }), 'hoof{Enter}');
    await waitFor(() =>
      expect(within(section).getByRole('alert')).toHaveTextContent('adding, moving or removing'),
    );
    expect(await stored()).toEqual(COW.skeleton);
    const back = within(section).getByRole('textbox', { name: 'Name of node 2' });
    await user.clear(back);
    await user.type(back, 'withers');
    await user.tab();
    await waitFor(async () => expect((await stored())?.nodes).toEqual(['head', 'withers', 'tail']));
    await waitFor(() => expect(within(section).queryByRole('alert')).toBeNull());
  });
});
