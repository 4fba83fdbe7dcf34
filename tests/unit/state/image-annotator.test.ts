import { describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { ItemEditor } from '../../../src/state/item-editor.svelte.ts';
import { ImageAnnotator, type PointerInput } from '../../../src/state/image-annotator.svelte.ts';
import type { ImageItem } from '../../../src/model/item.ts';
import type { Label } from '../../../src/model/label.ts';
import { toScreen } from '../../../src/model/viewport.ts';

// The image annotator driven headless, as the stage drives it: screen pixels in, stored
// annotations in image pixels out, through the real editor and storage.

const labels: Label[] = [
  { id: 'car', name: 'Car', color: '#e6194b', hotkey: '1', kinds: ['box', 'polygon'] },
  { id: 'bus', name: 'Bus', color: '#3cb44b', hotkey: '2', kinds: ['box'] },
  { id: 'eye', name: 'Eye', color: '#4363d8', hotkey: '3', kinds: ['point'] },
];

async function setup() {
  const repository = freshRepository();
  const project = await repository.createProject('Street', labels);
  await repository.addItems(project.id, [
    {
      id: 'img',
      kind: 'image',
      name: 'street.png',
      mediaType: 'image/png',
      width: 4000,
      height: 3000,
      byteLength: 1,
      sha256: 'b'.repeat(64),
      status: 'todo',
      note: '',
    },
  ]);
  const editor = new ItemEditor(
    repository,
    () => 'labeler',
    (write) => write(),
  );
  await editor.open('img');
  const annotator = new ImageAnnotator(editor, editor.item as ImageItem, () => labels);
  annotator.resize({ width: 800, height: 600 });
  const stored = async () =>
    (await repository.annotationsOf('img')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  /** A pointer at an image pixel, in screen pixels at the current zoom. */
  const at = (x: number, y: number, extra: Partial<PointerInput> = {}): PointerInput => ({
    ...toScreen(annotator.view, { x, y }),
    button: 0,
    shift: false,
    alt: false,
    ...extra,
  });
  const drag = (from: [number, number], to: [number, number], button = 0) => {
    annotator.pointerDown(at(...from, { button }));
    annotator.pointerMove(at((from[0] + to[0]) / 2, (from[1] + to[1]) / 2, { button }));
    annotator.pointerMove(at(...to, { button }));
    annotator.pointerUp(at(...to, { button }));
  };
  const settle = () => new Promise((done) => setTimeout(done, 20));
  return { editor, annotator, stored, at, drag, settle };
}

describe('ImageAnnotator', () => {
  it('fits a 4000 × 3000 image into the view and maps the pointer to original pixels', async () => {
    const { annotator, drag, stored, settle } = await setup();
    expect(annotator.view.scale).toBeCloseTo(568 / 3000);
    annotator.setTool('box');
    drag([1000, 500], [3000, 2500]);
    await settle();
    const [box] = await stored();
    expect(box).toMatchObject({ type: 'box', label: 'car', itemId: 'img', annotator: 'labeler' });
    expect(box).toMatchObject({ x: 1000, y: 500, w: 2000, h: 2000 });
  });

  it('relabels the selection by hotkey only to labels of its kind; undo restores', async () => {
    const { annotator, editor, drag, stored, settle } = await setup();
    annotator.setTool('box');
    drag([100, 100], [400, 400]);
    expect(annotator.selected).toHaveLength(1);
    annotator.chooseLabel('eye'); // a point label: not for a box
    annotator.chooseLabel('bus');
    await settle();
    expect((await stored()).map((a) => a.label)).toEqual(['bus']);
    await editor.undo();
    expect((await stored()).map((a) => a.label)).toEqual(['car']);
  });

  it('with nothing selected, a label hotkey picks the label and tool for new shapes', async () => {
    const { annotator, at, stored, settle } = await setup();
    annotator.chooseLabel('eye');
    expect(annotator.toolName).toBe('point');
    annotator.pointerDown(at(50, 60));
    annotator.pointerUp(at(50, 60));
    await settle();
    expect(await stored()).toMatchObject([{ type: 'point', label: 'eye', x: 50, y: 60 }]);
  });

  it('nudges, copies and pastes offset copies, deletes, each one undo step', async () => {
    const { annotator, editor, drag, stored, settle } = await setup();
    annotator.setTool('box');
    drag([100, 100], [200, 200]);
    annotator.nudge(10, -1);
    annotator.copy();
    annotator.paste();
    await settle();
    const [original, copy] = await stored();
    expect(original).toMatchObject({ x: 110, y: 99 });
    expect(copy).toMatchObject({ x: 120, y: 109, w: 100, h: 100, label: 'car' });
    expect(copy!.id).not.toBe(original!.id);
    expect(annotator.selected).toEqual([copy!.id]);
    annotator.deleteSelected();
    await settle();
    expect(await stored()).toHaveLength(1);
    await editor.undo();
    await editor.undo();
    await editor.undo();
    expect(await stored()).toMatchObject([{ x: 100, y: 100 }]);
  });

  it('Escape cancels a drag in progress; hidden labels cannot be touched', async () => {
    const { annotator, at, drag, stored, settle } = await setup();
    annotator.setTool('box');
    drag([100, 100], [200, 200]);
    annotator.setTool('select');
    annotator.pointerDown(at(150, 150));
    annotator.pointerMove(at(600, 600));
    expect(annotator.preview?.shapes).toHaveLength(1);
    annotator.escape();
    annotator.pointerUp(at(600, 600));
    await settle();
    expect(await stored()).toMatchObject([{ x: 100, y: 100 }]);
    annotator.escape();
    expect(annotator.selected).toEqual([]);
    annotator.toggleHidden('car');
    annotator.pointerDown(at(150, 150));
    annotator.pointerUp(at(150, 150));
    expect(annotator.selectedShapes).toEqual([]);
  });

  it('pans with the middle button or Space whatever the tool, without editing', async () => {
    const { annotator, stored, settle } = await setup();
    annotator.setTool('box');
    const before = annotator.view;
    // A pan moves the picture with the pointer, in screen pixels.
    const screenDrag = (dx: number, dy: number, button: number) => {
      const input = { x: 300, y: 300, button, shift: false, alt: false };
      annotator.pointerDown(input);
      annotator.pointerMove({ ...input, x: 300 + dx / 2, y: 300 + dy / 2 });
      annotator.pointerUp({ ...input, x: 300 + dx, y: 300 + dy });
    };
    screenDrag(100, 0, 1);
    expect(annotator.view.x).toBeCloseTo(before.x + 100);
    annotator.spaceHeld = true;
    screenDrag(0, -40, 0);
    expect(annotator.view.y).toBeCloseTo(before.y - 40);
    await settle();
    expect(await stored()).toEqual([]);
  });

  it('zooms around the pointer, fits, and shows 1:1', async () => {
    const { annotator } = await setup();
    annotator.zoomAt({ x: 100, y: 100 }, 2);
    expect(annotator.view.scale).toBeCloseTo((2 * 568) / 3000);
    annotator.actualSize();
    expect(annotator.view.scale).toBe(1);
    annotator.fit();
    expect(annotator.view.scale).toBeCloseTo(568 / 3000);
  });

  it('while only a preview is shown, zooms in no further than it, and does a 1:1 asked for then once the original is there', async () => {
    const { annotator, drag, stored } = await setup();
    const fitScale = 568 / 3000;
    // A 1672-px preview of the 4000-px image: one preview pixel per screen pixel at 0.418.
    annotator.limitZoom(1672 / 4000);
    expect(annotator.view.scale).toBeCloseTo(fitScale); // fit is below the limit: untouched
    for (let i = 0; i < 10; i++) annotator.zoomAt({ x: 400, y: 300 }, 1.25);
    expect(annotator.view.scale).toBeCloseTo(1672 / 4000);
    annotator.zoomAt({ x: 400, y: 300 }, 0.8); // zooming out is never held back
    expect(annotator.view.scale).toBeCloseTo((1672 / 4000) * 0.8);
    annotator.actualSize();
    expect(annotator.view.scale).toBeCloseTo(1672 / 4000);
    // Drawing on the preview stores image pixels, as ever.
    annotator.setTool('box');
    drag([1000, 1000], [1400, 1300]);
    await expect.poll(stored).toMatchObject([{ x: 1000, y: 1000, w: 400, h: 300 }]);
    // The original arrives: the 1:1 that was asked for happens, on whole pixels.
    annotator.limitZoom(undefined);
    expect(annotator.view.scale).toBe(1);
    expect(Number.isInteger(annotator.view.x) && Number.isInteger(annotator.view.y)).toBe(true);
  });

  it('forgets a held 1:1 when the labeler zooms or pans meanwhile; a preview arriving zoomed in zooms out to it', async () => {
    const { annotator } = await setup();
    annotator.limitZoom(0.25);
    annotator.actualSize();
    annotator.zoomAt({ x: 10, y: 10 }, 0.5);
    annotator.limitZoom(undefined);
    expect(annotator.view.scale).toBeCloseTo(0.125);
    annotator.actualSize();
    annotator.limitZoom(0.25);
    expect(annotator.view.scale).toBeCloseTo(0.25);
  });

  it('1:1 is exactly scale 1 on whole pixels after any zoom and pan; rotation keeps the pointer mapping', async () => {
    const { annotator, drag, stored } = await setup();
    annotator.zoomAt({ x: 333.3, y: 201.7 }, 1.25 ** 3);
    annotator.pan(0.37, -0.61);
    annotator.actualSize();
    expect(annotator.view.scale).toBe(1);
    expect(Number.isInteger(annotator.view.x) && Number.isInteger(annotator.view.y)).toBe(true);
    // Turned a quarter, a box drawn between two image points is stored unturned.
    annotator.fit();
    annotator.rotate();
    expect(annotator.view.rotation).toBe(90);
    annotator.setTool('box');
    drag([1000, 500], [3000, 2500]);
    await expect.poll(stored).toMatchObject([{ x: 1000, y: 500, w: 2000, h: 2000 }]);
  });

  it('with a shape selected and a drawing tool active, a label key picks the next label (and relabels what it fits)', async () => {
    const { annotator, at, drag, stored } = await setup();
    annotator.setTool('box');
    drag([100, 100], [200, 200]); // selected, labelled Car
    annotator.chooseLabel('bus'); // a box label: relabels it, and is the label for the next box
    expect(annotator.drawLabelId).toBe('bus');
    annotator.chooseLabel('eye'); // a point label: nothing to relabel, switches to points
    expect(annotator.toolName).toBe('point');
    annotator.pointerDown(at(50, 60));
    annotator.pointerUp(at(50, 60));
    await expect
      .poll(async () => (await stored()).map((a) => `${a.type} ${a.label}`).sort())
      .toEqual(['box bus', 'point eye']);
  });

  it('a locked shape is selected but not moved, nudged or deleted; z-order survives a reload', async () => {
    const { annotator, editor, at, drag, stored } = await setup();
    annotator.setTool('box');
    drag([100, 100], [200, 200]);
    drag([150, 150], [300, 300]);
    // Drawn in the same millisecond, their list order may tie: find them by place.
    const first = annotator.all.find((s) => s.type === 'box' && s.x === 100);
    const second = annotator.all.find((s) => s.type === 'box' && s.x === 150);
    annotator.select([first!.id]);
    annotator.toggleLock();
    annotator.nudge(5, 5);
    annotator.deleteSelected();
    annotator.setTool('select');
    annotator.pointerDown(at(110, 110));
    annotator.pointerMove(at(400, 400));
    annotator.pointerUp(at(400, 400));
    await expect
      .poll(async () => (await stored()).find((a) => a.id === first!.id))
      .toMatchObject({
        x: 100,
        y: 100,
        locked: true,
      });
    // Bring the first drawn to the front: it is now on top, here and after a reload.
    annotator.select([first!.id]);
    annotator.bringToFront();
    await expect.poll(async () => (await stored()).find((a) => a.id === first!.id)?.z).toBe(1);
    expect(annotator.all.map((s) => s.id)).toEqual([second!.id, first!.id]);
    await editor.open('img');
    expect(editor.annotations.find((a) => a.id === first!.id)).toMatchObject({ z: 1 });
  });
});
