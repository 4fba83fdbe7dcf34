// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { seedSampleProject } from '../../../src/sample/sample-project.ts';
import { SAMPLE_TEXTS } from '../../../src/sample/sample-texts.ts';
import type { ImageDecoder } from '../../../src/import/image.ts';
import { freshRepository } from '../../factories/files.ts';
import { makePng } from '../../factories/png.ts';
import type * as Adding from '../../../src/sample/add-sample-conversations.ts';

// Node has no canvas to draw the sample pictures with: two small PNGs stand in for them. A
// start cut short by a reload is a drawing that never finishes.
const cut = { short: false, conversations: false };
vi.mock('../../../src/sample/sample-images.ts', () => ({
  drawSampleImages: () =>
    cut.short
      ? Promise.reject(new Error('the tab was closed'))
      : Promise.resolve([
          new File([new Uint8Array(makePng(8, 6, 1))], 'a.png', { type: 'image/png' }),
          new File([new Uint8Array(makePng(8, 6, 2))], 'b.png', { type: 'image/png' }),
        ]),
}));

// A reload while the conversations are imported: after the project exists, before its items.
vi.mock('../../../src/sample/add-sample-conversations.ts', async (original) => {
  const real = await original<typeof Adding>();
  return {
    ...real,
    addSampleConversations: (...args: Parameters<typeof real.addSampleConversations>) =>
      cut.conversations
        ? Promise.reject(new Error('the tab was closed'))
        : real.addSampleConversations(...args),
  };
});

const decodeImage: ImageDecoder = (bytes) =>
  Promise.resolve({
    width: new DataView(bytes.buffer, bytes.byteOffset).getUint32(16),
    height: new DataView(bytes.buffer, bytes.byteOffset).getUint32(20),
  });
const ALL = SAMPLE_TEXTS.length + 2;
const CONVERSATIONS = 3;

describe('the sample project', () => {
  it('is created once, with every sample item, and the sample conversations with their questions', async () => {
    const repository = freshRepository();
    await seedSampleProject(repository, decodeImage);
    await seedSampleProject(repository, decodeImage);
    const projects = await repository.listProjects();
    expect(projects.map((p) => p.project.name)).toEqual(['Sample project', 'Sample conversations']);
    expect(await repository.itemIds(projects[0]!.project.id)).toHaveLength(ALL);
    const judging = projects[1]!.project;
    expect(await repository.itemIds(judging.id)).toHaveLength(CONVERSATIONS);
    expect(judging.labels.map((l) => l.kinds[0])).toContain('preference');
  });

  it('finishes the sample conversations on the next start when a reload cut them short', async () => {
    const repository = freshRepository();
    cut.conversations = true;
    await expect(seedSampleProject(repository, decodeImage)).rejects.toThrow('the tab was closed');
    cut.conversations = false;
    const first = await repository.listProjects();
    expect(first.map((p) => p.project.name)).toEqual(['Sample project', 'Sample conversations']);
    expect(await repository.itemIds(first[1]!.project.id)).toEqual([]);

    await seedSampleProject(repository, decodeImage);
    const projects = await repository.listProjects();
    expect(projects.map((p) => p.project.id)).toEqual(first.map((p) => p.project.id));
    expect(await repository.itemIds(projects[1]!.project.id)).toHaveLength(CONVERSATIONS);
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
    expect(projects.map((p) => p.project.id)).toEqual([
      started!.project.id,
      projects[1]!.project.id,
    ]);
    expect(await repository.itemIds(started!.project.id)).toHaveLength(ALL);
  });

  it('is not created again once deleted', async () => {
    const repository = freshRepository();
    await seedSampleProject(repository, decodeImage);
    for (const { project } of await repository.listProjects())
      await repository.deleteProject(project.id);
    await seedSampleProject(repository, decodeImage);
    expect(await repository.listProjects()).toEqual([]);
  });
});
