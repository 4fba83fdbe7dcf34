import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import LabelEditorHost from './LabelEditorHost.svelte';
import AttributeFields from '../../src/ui/AttributeFields.svelte';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import type { Label } from '../../src/model/label.ts';
import { freshRepository } from '../factories/files.ts';

const CAR: Label = { id: 'car', name: 'Car', color: '#e6194b', hotkey: '1', kinds: ['box'] };
const PERSON: Label = { id: 'person', name: 'Person', color: '#3cb44b', kinds: ['span'] };

async function setup() {
  const repository = freshRepository();
  const project = await repository.createProject('Streets', [CAR, PERSON]);
  const workspace = new Workspace(repository);
  await workspace.load();
  const user = userEvent.setup();
  render(LabelEditorHost, { props: { workspace } });
  const stored = async (id: string) =>
    (await repository.getProject(project.id))?.labels.find((l) => l.id === id)?.attributes;
  return { user, stored };
}

describe('attributes declared on a label (Labels tab)', () => {
  it('are added by name and type, and saved with the label', async () => {
    const { user, stored } = await setup();
    await user.click(screen.getByRole('button', { name: 'Attributes of Car' }));
    const section = screen.getByRole('region', { name: 'Attributes of Car' });
    const form = within(section).getByRole('form', { name: 'Add an attribute to Car' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'colour');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Type' }), 'Choice');
    await user.type(within(form).getByRole('textbox', { name: 'Choices' }), 'red, blue');
    await user.click(within(form).getByRole('button', { name: 'Add attribute' }));
    await waitFor(async () =>
      expect(await stored('car')).toEqual([
        { name: 'colour', type: 'choice', choices: ['red', 'blue'] },
      ]),
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Attributes of Car' })).toHaveTextContent(
        'Attributes (1)',
      ),
    );
  });

  it('offer the formats’ attributes in one click for image labels, with Q for occluded', async () => {
    const { user, stored } = await setup();
    await user.click(screen.getByRole('button', { name: 'Attributes of Car' }));
    await user.click(
      screen.getByRole('button', { name: 'Add occluded, truncated, difficult, iscrowd' }),
    );
    await waitFor(async () =>
      expect((await stored('car'))?.map((d) => d.name)).toEqual([
        'occluded',
        'truncated',
        'difficult',
        'iscrowd',
      ]),
    );
    expect(await screen.findByRole('textbox', { name: 'Hotkey of occluded' })).toHaveValue('q');
    await user.click(screen.getByRole('button', { name: 'Attributes of Person' }));
    const person = screen.getByRole('region', { name: 'Attributes of Person' });
    expect(within(person).queryByRole('button', { name: /iscrowd/ })).toBeNull();
  });

  it('refuse a second attribute of the same name, saying why, and keep the first', async () => {
    const { user, stored } = await setup();
    await user.click(screen.getByRole('button', { name: 'Attributes of Car' }));
    const form = screen.getByRole('form', { name: 'Add an attribute to Car' });
    const name = within(form).getByRole('textbox', { name: 'Name' });
    await user.type(name, 'parked');
    await user.click(within(form).getByRole('button', { name: 'Add attribute' }));
    await waitFor(() => expect(name).toHaveValue(''));
    await user.type(name, 'parked');
    await user.click(within(form).getByRole('button', { name: 'Add attribute' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'an attribute named "parked" already exists',
    );
    expect(await stored('car')).toEqual([{ name: 'parked', type: 'boolean' }]);
  });

  it('are removed', async () => {
    const { user, stored } = await setup();
    await user.click(screen.getByRole('button', { name: 'Attributes of Car' }));
    const form = screen.getByRole('form', { name: 'Add an attribute to Car' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'parked');
    await user.click(within(form).getByRole('button', { name: 'Add attribute' }));
    await user.click(await screen.findByRole('button', { name: 'Remove attribute parked' }));
    await waitFor(async () => expect(await stored('car')).toEqual([]));
  });
});

describe('AttributeFields', () => {
  it('shows each declared attribute as a field and reports each change', async () => {
    const user = userEvent.setup();
    const onchange = vi.fn();
    render(AttributeFields, {
      props: {
        subject: 'Car 3',
        defs: [
          { name: 'occluded', type: 'boolean', hotkey: 'q' },
          { name: 'doors', type: 'number' },
          { name: 'plate', type: 'text' },
          { name: 'colour', type: 'choice', choices: ['red', 'blue'] },
        ],
        values: { doors: 4, colour: 'red' },
        onchange,
      },
    });
    const group = screen.getByRole('group', { name: 'Attributes of Car 3' });
    expect(within(group).getByRole('spinbutton', { name: 'doors' })).toHaveValue(4);
    expect(within(group).getByRole('combobox', { name: 'colour' })).toHaveValue('red');
    await user.click(within(group).getByRole('checkbox', { name: /occluded/ }));
    expect(onchange).toHaveBeenLastCalledWith('occluded', true);
    await user.selectOptions(within(group).getByRole('combobox', { name: 'colour' }), 'blue');
    expect(onchange).toHaveBeenLastCalledWith('colour', 'blue');
    await user.clear(within(group).getByRole('spinbutton', { name: 'doors' }));
    await user.tab();
    expect(onchange).toHaveBeenLastCalledWith('doors', undefined);
    await user.type(within(group).getByRole('textbox', { name: 'plate' }), '<b>AB 12</b>');
    await user.tab();
    expect(onchange).toHaveBeenLastCalledWith('plate', '<b>AB 12</b>');
  });
});
