import { describe, expect, it } from 'vitest';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import { ImageView } from './pages/image-view.ts';

// A lead sets up a pose skeleton in the Labels tab (no import), a labeler places it node by
// node on the sample project's village-day.png (960 × 640).

const suite = appSuite();

interface Pose {
  label: string;
  points: [number, number, number][];
}

function storedPoses(view: ImageView): Promise<Pose[]> {
  return view.page.evaluate(async () => {
    const open = indexedDB.open('airlock');
    await new Promise((done) => (open.onsuccess = done));
    const request = open.result.transaction('annotations').objectStore('annotations').getAll();
    await new Promise((done) => (request.onsuccess = done));
    open.result.close();
    return (request.result as (Pose & { type: string })[]).filter((a) => a.type === 'keypoints');
  });
}

describe('a keypoints skeleton set up in the Labels tab', () => {
  it('is placed node by node in the image workbench, and guarded once poses use it', async () => {
    const bench = await suite.open();
    const page = bench.page;
    const view = new ImageView(page);
    await bench.projects.waitFor();
    await bench.addLabel('Dancer', '6', ['Keypoints']);

    await page.getByRole('button', { name: 'Skeleton of Dancer' }).click();
    const skeleton = page.getByRole('region', { name: 'Skeleton of Dancer' });
    const nodeField = skeleton
      .getByRole('form', { name: 'Add a node to Dancer' })
      .getByLabel('Node');
    // All by keyboard: type a name and Enter, for each node.
    for (const name of ['nose', 'foot', 'hand']) {
      await nodeField.fill(name);
      await nodeField.press('Enter');
      await expect.poll(() => nodeField.inputValue()).toBe('');
    }
    const names = () =>
      skeleton
        .getByRole('textbox', { name: /^Name of node/ })
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    await expect.poll(names).toEqual(['nose', 'foot', 'hand']);
    // Hand before foot: Alt+↑ in the hand's name.
    await skeleton.getByRole('textbox', { name: 'Name of node 3' }).press('Alt+ArrowUp');
    await expect.poll(names).toEqual(['nose', 'hand', 'foot']);
    // A name given twice is refused, saying why.
    await nodeField.fill('Nose');
    await nodeField.press('Enter');
    await expect
      .poll(() => skeleton.getByRole('alert').textContent())
      .toContain('a node named "nose" already exists');
    await nodeField.fill('');
    const edge = skeleton.getByRole('form', { name: 'Add an edge to Dancer' });
    for (const [from, to] of [
      ['nose', 'hand'],
      ['hand', 'foot'],
    ]) {
      await edge.getByLabel('From').selectOption({ label: from! });
      await edge.getByLabel('To').selectOption({ label: to! });
      await edge.getByRole('button', { name: 'Add edge' }).click();
    }
    await expect
      .poll(() => skeleton.getByRole('list', { name: 'Edges of Dancer' }).textContent())
      .toMatch(/nose – hand.*hand – foot/s);
    await screenshot(page, 'skeleton-editor');

    // The labeler: K, the label's key, then the nodes in order (hand hidden: Shift+click).
    await bench.tab('Items').click();
    await bench.item('village-day.png').click();
    await view.ready();
    await page.keyboard.press('k');
    await page.keyboard.press('6');
    await view.click([480, 200]);
    await view.click([500, 300], ['Shift']);
    await view.click([520, 420]);
    await expect.poll(async () => (await storedPoses(view)).length).toBe(1);
    const [pose] = await storedPoses(view);
    expect(pose!.points.map(([x, y, v]) => [Math.round(x), Math.round(y), v])).toEqual([
      [480, 200, 2],
      [500, 300, 1],
      [520, 420, 2],
    ]);
    await screenshot(page, 'skeleton-pose');

    // Now a pose uses it: removing a node is refused, renaming one is kept.
    await bench.tab('Labels').click();
    const again = page.getByRole('region', { name: 'Skeleton of Dancer' });
    if (!(await again.isVisible()))
      await page.getByRole('button', { name: 'Skeleton of Dancer' }).click();
    await again.getByRole('button', { name: 'Remove node foot' }).click();
    await expect
      .poll(() => again.getByRole('alert').textContent())
      .toContain('1 pose uses "Dancer" with 3 nodes');
    await expect.poll(names).toEqual(['nose', 'hand', 'foot']);
    const hand = again.getByRole('textbox', { name: 'Name of node 2' });
    await hand.fill('left hand');
    await hand.press('Enter');
    await expect.poll(() => again.getByRole('alert').count()).toBe(0);
    await bench.reload();
    await bench.tab('Labels').click();
    await page.getByRole('button', { name: 'Skeleton of Dancer' }).click();
    await expect.poll(names).toEqual(['nose', 'left hand', 'foot']);
    await screenshot(page, 'skeleton-in-use');
  });
});
