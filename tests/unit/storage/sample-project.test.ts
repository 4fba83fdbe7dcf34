// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { seedSampleProject } from '../../../src/sample/sample-project.ts';
import { SAMPLE_TEXTS } from '../../../src/sample/sample-texts.ts';
import type { ImageDecoder } from '../../../src/import/image.ts';
import { freshRepository } from '../../factories/files.ts';
import { makePng } from '../../factories/png.ts';

// Node has no canvas to draw the sample pictures with: two small PNGs stand in for them. A
// start cut short by a reload is a drawing that never finishes.
const cut = { short: false };
vi.mock('../../../src/sample/sample-images.ts', () => ({
  drawSampleImages: () =>
    cut.short
      ? Promise.reject(new Error('the tab was closed'))
      : Promise.resolve([
          new File([new Uint8Array(makePng(8, 6, 1))], 'a.png', { type: 'image/png' }),
          new File([new Uint8Array(makePng(8, 6, 2))], 'b.png', { type: 'image/png' }),
        ]),
}));

const decodeImage: ImageDecoder = (bytes) =>
  Promise.resolve({
    width: new DataView(bytes.buffer, bytes.byteOffset).getUint32(16),
    height: new DataView(bytes.buffer, bytes.byteOffset).getUint32(20),
  });
const ALL = SAMPLE_TEXTS.length + 2;

describe('the sample project', () => {
  it('is created once, with every sample item', async () => {
    const repository = freshRepository();
    await seedSampleProject(repository, decodeImage);
    await seedSampleProject(repository, decodeImage);
    const projects = await repository.listProjects();
    expect(projects.map((p) => p.project.name)).toEqual(['Sample project']);
    expect(await repository.itemIds(projects[0]!.project.id)).toHaveLength(ALL);
  });

  it('is finished on the next start when a reload cut the first one short', async () => {
    const repository = freshRepository();
    cut.short = true;
    await expect(seedSampleProject(repository, decodeImage)).rejects.toThrow('the tab was closed');
    cut.short = false;
    const [started] = await repository.listProjects();
    expect(await repository.itemIds(started!.project.id)).toEqual([]);

    await seedSampleProject(repository, decodeImage);
    const projects = await repository.listProjects();
    expect(projects.map((p) => p.project.id)).toEqual([started!.project.id]);
    expect(await repository.itemIds(started!.project.id)).toHaveLength(ALL);
  });

  it('is not created again once deleted', async () => {
    const repository = freshRepository();
    await seedSampleProject(repository, decodeImage);
    const [sample] = await repository.listProjects();
    await repository.deleteProject(sample!.project.id);
    await seedSampleProject(repository, decodeImage);
    expect(await repository.listProjects()).toEqual([]);
  });
});
