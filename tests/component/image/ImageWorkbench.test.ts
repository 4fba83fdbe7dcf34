import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { ImageAnnotator } from '../../../src/state/image-annotator.svelte.ts';
import type { ItemEditor } from '../../../src/state/item-editor.svelte.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { ImageItem } from '../../../src/model/item.ts';
import type { Label } from '../../../src/model/label.ts';
import ImageWorkbench from '../../../src/ui/image/ImageWorkbench.svelte';

// jsdom has no layout: sizes stay 0, and bind:clientHeight needs a ResizeObserver to exist.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

vi.mock('../../../src/ui/image/ImageStage.svelte', async () => ({
  default: (await import('./StageStub.svelte')).default,
}));

const labels: Label[] = [
  { id: 'car', name: 'Car <b>', color: '#e6194b', hotkey: '1', kinds: ['box', 'polygon'] },
  { id: 'eye', name: 'Eye', color: '#4363d8', hotkey: '2', kinds: ['point'] },
];
const stamp = { projectId: 'p', itemId: 'i', annotator: 'a', updatedAt: 't' };
const shapes: Annotation[] = [
  { ...stamp, id: 'b1', createdAt: '1', label: 'car', type: 'box', x: 10, y: 20, w: 30.25, h: 40 },
  {
    ...stamp,
    id: 'p1',
    createdAt: '2',
    label: 'car',
    type: 'polygon',
    points: [
      [0, 0],
      [5, 0],
      [5, 5],
    ],
  },
  { ...stamp, id: 'e1', createdAt: '3', label: 'eye', type: 'point', x: 7, y: 8 },
];

function setup() {
  const editor = { annotations: shapes } as unknown as ItemEditor;
  const item = { id: 'i', kind: 'image', width: 100, height: 100 } as ImageItem;
  const annotator = new ImageAnnotator(editor, item, () => labels);
  render(ImageWorkbench, {
    props: {
      annotator,
      shapeLabels: labels,
      picture: {
        preview: Promise.resolve(undefined),
        full: Promise.resolve(undefined),
        readOriginal: () => undefined,
        close: () => undefined,
      },
      name: 'street.png',
    },
  });
  return { annotator, user: userEvent.setup() };
}

/** The shape list's rows (each row's main button; the other one hides the shape). */
const shapeRows = () =>
  within(screen.getByRole('list', { name: 'Shapes on this image' }))
    .getAllByRole('button')
    .filter((b) => b.classList.contains('shape'));

describe('ImageWorkbench', () => {
  it('lists every shape beside the canvas, names shown as text, and selects from the list', async () => {
    const { annotator, user } = setup();
    const rows = shapeRows();
    expect(rows.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Box Car <b> 30×40 at 10,20',
      'Polygon Car <b> 3 vertices',
      'Point Eye at 7,8',
    ]);
    await user.click(rows[1]!);
    expect(annotator.selected).toEqual(['p1']);
    expect(rows[1]).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('status')).toHaveTextContent(/Selected: Car <b> polygon/);
    // A point label does not apply to a polygon: its button is off while the polygon is selected.
    const labelButtons = within(screen.getByRole('group', { name: 'Shape labels' }));
    expect(labelButtons.getByRole('button', { name: /Eye/ })).toBeDisabled();
    expect(labelButtons.getByRole('button', { name: /Car/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('switches tools with the radio group and tells the labeler what to do', async () => {
    const { annotator, user } = setup();
    await user.click(screen.getByRole('radio', { name: /Polygon/ }));
    expect(annotator.toolName).toBe('polygon');
    expect(screen.getByRole('radio', { name: /Polygon/ })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('Click to place the first vertex.');
    // After the first vertex, the hint turns to closing the polygon.
    annotator.resize({ width: 200, height: 200 });
    const at = { x: annotator.view.x + 50, y: annotator.view.y + 50 };
    annotator.pointerDown({ ...at, button: 0, shift: false, alt: false });
    annotator.pointerUp({ ...at, button: 0, shift: false, alt: false });
    await expect
      .poll(() => screen.getByRole('status').textContent)
      .toMatch(/click the first vertex or press Enter to close/);
  });

  it('hides a label: its shapes dim in the list and cannot be selected', async () => {
    const { annotator, user } = setup();
    await user.click(screen.getByRole('checkbox', { name: 'Show Car <b>' }));
    expect(annotator.hidden.has('car')).toBe(true);
    const rows = shapeRows();
    expect(rows[0]).toBeDisabled();
    expect(rows[2]).toBeEnabled();
  });

  it('while a drawing tool is active, the label bar follows the tool, not the selection', async () => {
    const { annotator, user } = setup();
    annotator.select(['e1']); // a point is selected…
    await user.click(screen.getByRole('radio', { name: /Box/ })); // …and the box tool picked
    const bar = within(screen.getByRole('group', { name: 'Shape labels' }));
    expect(bar.getByRole('button', { name: /Car/ })).toBeEnabled();
    expect(bar.getByRole('button', { name: /Car/ })).toHaveAttribute('aria-pressed', 'true');
    expect(bar.getByRole('button', { name: /Eye/ })).toHaveAttribute('aria-pressed', 'false');
  });

  it('hides one shape from the list, and locks it and sends it back from its context menu', async () => {
    const { annotator, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Hide this Car <b> box' }));
    expect(annotator.visible.map((s) => s.id)).toEqual(['p1', 'e1']);
    expect(shapeRows()[0]).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Show this Car <b> box' }));
    expect(annotator.visible).toHaveLength(3);

    // Right-click a row: its actions, in a menu.
    await user.pointer({ keys: '[MouseRight]', target: shapeRows()[1]! });
    const menu = screen.getByRole('menu', { name: 'Shape actions' });
    expect(annotator.selected).toEqual(['p1']);
    const committed: unknown[] = [];
    annotator.commit = (change) => void committed.push(change);
    await user.click(within(menu).getByRole('menuitem', { name: 'Lock shape' }));
    expect(committed).toMatchObject([{ after: [{ id: 'p1', locked: true }] }]);
    expect(screen.queryByRole('menu')).toBeNull();
    await user.pointer({ keys: '[MouseRight]', target: shapeRows()[1]! });
    await user.click(screen.getByRole('menuitem', { name: 'Send to back' }));
    expect(committed[1]).toMatchObject({ after: [{ id: 'p1', z: -1 }] });
  });

  it('shows the picture adjustments and folds into focus mode', async () => {
    const { annotator, user } = setup();
    await user.click(screen.getByText('Picture'));
    const adjust = screen.getByRole('group', { name: 'Picture adjustments (display only)' });
    expect(within(adjust).getAllByRole('slider')).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: /Focus/ }));
    expect(annotator.display.focus).toBe(true);
    annotator.display.focus = false;
  });
});
