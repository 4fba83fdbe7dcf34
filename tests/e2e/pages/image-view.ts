import type { Locator, Page } from 'playwright-core';

type Xy = [number, number];

// The image workbench as a labeler uses it, aimed in image pixels: each helper turns image
// coordinates into the screen position where that pixel is shown right now.

export interface StoredShape {
  id: string;
  type: string;
  label: string;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  points?: Xy[];
}

export class ImageView {
  constructor(readonly page: Page) {}

  get stage(): Locator {
    return this.page.getByTestId('image-stage');
  }

  get shapeList(): Locator {
    return this.page.getByRole('list', { name: 'Shapes on this image' });
  }

  /** Adds a label for one kind of shape in the Labels tab. */
  async addLabel(name: string, hotkey: string, kind: 'Box' | 'Polygon' | 'Point'): Promise<void> {
    await this.page.getByRole('tab', { name: 'Labels' }).click();
    const form = this.page.getByRole('form', { name: 'Add a label' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Hotkey').fill(hotkey);
    await form.getByRole('checkbox', { name: 'Span' }).uncheck();
    await form.getByRole('checkbox', { name: kind, exact: true }).check();
    await form.getByRole('button', { name: 'Add label' }).click();
    await this.page.getByRole('textbox', { name: `Name of ${name}` }).waitFor();
  }

  /** Waits until the picture is decoded and shown. */
  async ready(): Promise<void> {
    await this.page.locator('[data-testid=image-stage][aria-busy=false]').waitFor();
  }

  async tool(name: 'Select' | 'Box' | 'Polygon' | 'Point' | 'Pan'): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: 'Tools' })
      .getByRole('radio', { name: new RegExp(`^${name}`) })
      .click();
  }

  /** Screen position of an image pixel. */
  async at([x, y]: Xy): Promise<Xy> {
    const [view, box] = await Promise.all([
      this.stage.getAttribute('data-view'),
      this.stage.boundingBox(),
    ]);
    const [scale, ox, oy] = (view ?? '1 0 0').split(' ').map(Number) as [number, number, number];
    return [box!.x + ox + x * scale, box!.y + oy + y * scale];
  }

  async scale(): Promise<number> {
    return Number((await this.stage.getAttribute('data-view'))?.split(' ')[0]);
  }

  async click(p: Xy, modifiers: ('Alt' | 'Shift')[] = []): Promise<void> {
    for (const m of modifiers) await this.page.keyboard.down(m);
    await this.page.mouse.click(...(await this.at(p)));
    for (const m of modifiers) await this.page.keyboard.up(m);
  }

  async drag(
    from: Xy,
    to: Xy,
    { release = true, button = 'left' }: { release?: boolean; button?: 'left' | 'middle' } = {},
  ) {
    const a = await this.at(from);
    const b = await this.at(to);
    await this.page.mouse.move(...a);
    await this.page.mouse.down({ button });
    await this.page.mouse.move(...b, { steps: 6 });
    if (release) await this.page.mouse.up({ button });
  }

  /** The shapes of the open project as stored in IndexedDB, oldest first. */
  storedShapes(): Promise<StoredShape[]> {
    return this.page.evaluate(async () => {
      const open = indexedDB.open('airlock');
      await new Promise((done) => (open.onsuccess = done));
      const request = open.result.transaction('annotations').objectStore('annotations').getAll();
      await new Promise((done) => (request.onsuccess = done));
      open.result.close();
      return (request.result as (StoredShape & { createdAt: string })[])
        .filter((a) => ['box', 'polygon', 'point'].includes(a.type))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    });
  }

  /** The rows of the shape list, as read (each row's main button, not its hide button). */
  rows(): Promise<string[]> {
    return this.shapeList
      .getByRole('listitem')
      .evaluateAll((rows) =>
        rows.map((r) => (r.querySelector('.shape')?.textContent ?? '').replace(/\s+/g, ' ').trim()),
      );
  }

  /**
   * Reads the picture's canvas over a `size`-px square at the centre of the view and checks
   * each screen pixel against a 1-px black and white checkerboard (white where x + y is odd)
   * at the view's scale and offset. Returns how many pixels were read and how many differ
   * from the true one (grey from resampling, or a neighbour's colour from a fractional
   * offset or a stretched tile).
   */
  checkerboardAt1to1(size = 200): Promise<{ read: number; wrong: number; grey: number }> {
    return this.page.evaluate((size) => {
      const stage = document.querySelector<HTMLElement>('[data-testid=image-stage]')!;
      const [scale, ox, oy] = stage.dataset.view!.split(' ').map(Number) as [
        number,
        number,
        number,
      ];
      const canvas = stage.querySelector('canvas')!;
      const ratio = canvas.width / stage.clientWidth;
      const left = Math.round(stage.clientWidth / 2 - size / 2);
      const top = Math.round(stage.clientHeight / 2 - size / 2);
      const data = canvas
        .getContext('2d')!
        .getImageData(left * ratio, top * ratio, size * ratio, size * ratio).data;
      let wrong = 0;
      let grey = 0;
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++) {
          const r = data[(y * ratio * size * ratio + x * ratio) * 4]!;
          if (r !== 0 && r !== 255) grey++;
          const ix = Math.floor((left + x + 0.5 - ox) / scale);
          const iy = Math.floor((top + y + 0.5 - oy) / scale);
          if (r !== ((ix + iy) & 1 ? 255 : 0)) wrong++;
        }
      return { read: size * size, wrong, grey };
    }, size);
  }
}
