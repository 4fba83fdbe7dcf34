import { describe, expect, it } from 'vitest';
import { screenshot } from './harness.ts';
import { appSuite } from './suite.ts';

const suite = appSuite();

describe('class map', () => {
  it('edits a shape label’s YOLO index, COCO id and supercategory, refuses a taken id, and keeps them after a reload', async () => {
    const bench = await suite.open();
    const page = bench.page;
    await bench.createProject('Street scenes');
    await bench.addLabel('Car', '1', ['Box']);
    await bench.addLabel('Pedestrian', '2', ['Box', 'Polygon']);
    const map = page.getByRole('region', { name: 'Class map' });
    const field = (name: string) => map.getByRole('spinbutton', { name });
    expect(await field('COCO id of Pedestrian').inputValue()).toBe('2');

    await field('COCO id of Pedestrian').fill('1');
    await field('COCO id of Pedestrian').press('Enter');
    await expect
      .poll(() => map.getByRole('alert').textContent())
      .toBe('COCO id 1 is already "Car"\'s');

    await field('YOLO index of Pedestrian').fill('5');
    await field('YOLO index of Pedestrian').press('Enter');
    await map.getByRole('textbox', { name: 'Supercategory of Car' }).fill('vehicle');
    await map.getByRole('textbox', { name: 'Supercategory of Car' }).press('Enter');
    await expect.poll(() => map.getByRole('alert').count()).toBe(0);
    await map.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'class-map-editor');

    await bench.waitForWrites();
    await bench.reload();
    await bench.tab('Labels').click();
    await expect.poll(() => field('YOLO index of Pedestrian').inputValue()).toBe('5');
    expect(await field('COCO id of Pedestrian').inputValue()).toBe('2');
    expect(await map.getByRole('textbox', { name: 'Supercategory of Car' }).inputValue()).toBe(
      'vehicle',
    );
  });
});
