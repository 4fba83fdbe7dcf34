import { describe, expect, it } from 'vitest';
import { ImageAnnotator } from '../../../src/state/image-annotator.svelte.ts';
import type { ItemEditor } from '../../../src/state/item-editor.svelte.ts';
import type { ImageItem } from '../../../src/model/item.ts';
import type { Label } from '../../../src/model/label.ts';
import { imageCommands } from '../../../src/ui/image-commands.ts';
import { dispatch } from '../../../src/ui/commands.ts';

const item = { id: 'i', kind: 'image', width: 100, height: 100 } as ImageItem;
const labels: Label[] = [
  // "b" is also the Box tool's key: the label must win.
  { id: 'bike', name: 'Bike', color: '#e6194b', hotkey: 'b', kinds: ['box', 'polygon'] },
  { id: 'dot', name: 'Dot', color: '#3cb44b', hotkey: '2', kinds: ['point'] },
];

const stamp = { projectId: 'p', itemId: 'i', annotator: 'a', createdAt: 't', updatedAt: 't' };

function setup() {
  // Two boxes, the small one inside the big one.
  const editor = {
    annotations: [
      { ...stamp, id: 'big', label: 'bike', type: 'box', x: 0, y: 0, w: 80, h: 80 },
      { ...stamp, id: 'small', label: 'bike', type: 'box', x: 10, y: 10, w: 10, h: 10 },
    ],
  } as unknown as ItemEditor;
  const annotator = new ImageAnnotator(editor, item, () => labels);
  const keys = new Set(labels.map((l) => l.hotkey!));
  const commands = imageCommands(annotator, labels, keys);
  const press = (key: string, init: KeyboardEventInit = {}) =>
    dispatch(commands, new KeyboardEvent('keydown', { key, ...init }));
  return { annotator, commands, press };
}

describe('image commands', () => {
  it('gives a key to a label over a tool, and keeps the tool reachable by its button', () => {
    const { annotator, commands, press } = setup();
    expect(commands.find((c) => c.name === 'Draw boxes')!.keys).toEqual([]);
    expect(press('b')).toBe(true);
    expect(annotator.drawLabelId).toBe('bike');
    expect(annotator.toolName).toBe('box');
    expect(press('p')).toBe(true);
    expect(annotator.toolName).toBe('polygon');
  });

  it('switches tools, zooms and fits by key', () => {
    const { annotator, press } = setup();
    annotator.resize({ width: 400, height: 400 });
    press('o');
    expect(annotator.toolName).toBe('point');
    const fitted = annotator.view.scale;
    press('+');
    expect(annotator.view.scale).toBeCloseTo(fitted * 1.25);
    press('!', { shiftKey: true, code: 'Digit1' });
    expect(annotator.view.scale).toBeCloseTo(fitted);
    press(')', { shiftKey: true, code: 'Digit0' });
    expect(annotator.view.scale).toBe(1);
  });

  it('nudges only when something is selected, so arrows stay free otherwise', () => {
    const { press } = setup();
    expect(press('ArrowLeft')).toBe(false);
  });

  it('walks overlapping shapes with Tab only after a click on them, and leaves Tab alone otherwise', () => {
    const { annotator, press } = setup();
    annotator.resize({ width: 100, height: 100 });
    expect(press('Tab')).toBe(false);
    const at = {
      x: annotator.view.x + 15 * annotator.view.scale,
      y: annotator.view.y + 15 * annotator.view.scale,
    };
    annotator.pointerDown({ ...at, button: 0, shift: false, alt: false });
    annotator.pointerUp({ ...at, button: 0, shift: false, alt: false });
    expect(annotator.selected).toEqual(['small']);
    expect(press('Tab')).toBe(true);
    expect(annotator.selected).toEqual(['big']);
  });

  it('Ctrl+Z while drawing a polygon takes back its last vertex instead of undoing an edit', () => {
    const { annotator, press } = setup();
    annotator.resize({ width: 100, height: 100 });
    annotator.setTool('polygon');
    for (const x of [30, 60]) {
      const at = {
        x: annotator.view.x + x * annotator.view.scale,
        y: annotator.view.y + 50 * annotator.view.scale,
      };
      annotator.pointerDown({ ...at, button: 0, shift: false, alt: false });
      annotator.pointerUp({ ...at, button: 0, shift: false, alt: false });
    }
    expect(press('z', { ctrlKey: true })).toBe(true);
    expect(annotator.preview?.polygon?.points).toHaveLength(1);
    press('z', { ctrlKey: true });
    expect(annotator.tool.busy).toBe(false);
    expect(press('z', { ctrlKey: true })).toBe(false);
  });
});
