import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import LabelEditorHost from './LabelEditorHost.svelte';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import type { Label } from '../../src/model/label.ts';
import { freshRepository } from '../factories/files.ts';

// The class map in the Labels tab: shape labels' YOLO index, COCO id and supercategory.

const LABELS: Label[] = [
  { id: 'car', name: 'Car', color: '#e6194b', kinds: ['box'] },
  { id: 'person', name: 'Person', color: '#3cb44b', kinds: ['box', 'polygon'], cocoId: 1 },
  { id: 'topic', name: 'Topic', color: '#4363d8', kinds: ['span'] },
];

async function setup() {
  const repository = freshRepository();
  const project = await repository.createProject('Street', LABELS);
  const workspace = new Workspace(repository);
  await workspace.load();
  const user = userEvent.setup();
  render(LabelEditorHost, { props: { workspace } });
  const stored = async () => (await repository.getProject(project.id))?.labels ?? [];
  const numbers = async () =>
    (await stored()).map((l) => [l.name, l.classIndex, l.cocoId, l.supercategory]);
  return { user, numbers };
}

const input = (name: string) => screen.getByRole<HTMLInputElement>('spinbutton', { name });

describe('ClassMapEditor', () => {
  it('lists every shape label with the numbers exports write, and no span label', async () => {
    await setup();
    const section = screen.getByRole('region', { name: 'Class map' });
    expect(section).toBeInTheDocument();
    expect(input('YOLO index of Car')).toHaveValue(0);
    expect(input('YOLO index of Person')).toHaveValue(1);
    // Person keeps its stored COCO id 1; Car is numbered after it.
    expect(input('COCO id of Person')).toHaveValue(1);
    expect(input('COCO id of Car')).toHaveValue(2);
    expect(screen.queryByRole('spinbutton', { name: 'YOLO index of Topic' })).toBeNull();
  });

  it('saves an edit at once, fixing the other labels’ numbers as shown; Undo puts them back', async () => {
    const { user, numbers } = await setup();
    await user.clear(input('YOLO index of Person'));
    await user.type(input('YOLO index of Person'), '7');
    await user.tab();
    await waitFor(async () =>
      expect(await numbers()).toEqual([
        ['Car', 0, 2, undefined],
        ['Person', 7, 1, undefined],
        ['Topic', undefined, undefined, undefined],
      ]),
    );
    await user.type(screen.getByRole('textbox', { name: 'Supercategory of Car' }), 'vehicle');
    await user.tab();
    await waitFor(async () => expect((await numbers())[0]).toEqual(['Car', 0, 2, 'vehicle']));

    await user.click(screen.getByRole('button', { name: 'Undo class map change' }));
    await waitFor(async () => expect((await numbers())[0]).toEqual(['Car', 0, 2, undefined]));
    expect(await numbers()).toContainEqual(['Person', 7, 1, undefined]);
    expect(screen.getByRole('button', { name: 'Undo class map change' })).toBeDisabled();
  });

  it('refuses a number another label holds, or a negative one, and keeps what was stored', async () => {
    const { user, numbers } = await setup();
    await user.clear(input('COCO id of Car'));
    await user.type(input('COCO id of Car'), '1');
    await user.tab();
    expect(await screen.findByRole('alert')).toHaveTextContent('COCO id 1 is already "Person"\'s');
    expect(input('COCO id of Car')).toHaveValue(2);

    await user.clear(input('YOLO index of Car'));
    await user.type(input('YOLO index of Car'), '-3');
    await user.tab();
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'the class index of "Car" must be a whole number from 0',
      ),
    );
    expect(await numbers()).toEqual([
      ['Car', undefined, undefined, undefined],
      ['Person', undefined, 1, undefined],
      ['Topic', undefined, undefined, undefined],
    ]);
  });
});
