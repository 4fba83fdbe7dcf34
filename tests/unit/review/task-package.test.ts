// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readTaskPackage, writeTaskPackage } from '../../../src/review/task-package.ts';
import { bytesAccess } from '../../../src/bundle/zip-reader.ts';
import { splitIntoBatches } from '../../../src/model/batches.ts';
import { freshRepository } from '../../factories/files.ts';
import { memorySink } from '../../factories/zip.ts';
import { imageItem, png, project, rebuild, textItem } from '../../factories/bundle.ts';

async function leadPackage() {
  const sink = memorySink();
  await writeTaskPackage(sink, project, [textItem, imageItem], { index: 1, count: 2 }, (sha) =>
    Promise.resolve(sha === imageItem.sha256 ? png : undefined),
  );
  return sink.bytes();
}

describe('task packages', () => {
  it('carry the schema and items with their ids, hashes and image bytes to a labeler', async () => {
    const pkg = await readTaskPackage(bytesAccess(await leadPackage()));
    expect(pkg.project).toEqual(project);
    expect(pkg.batch).toEqual({ index: 1, count: 2 });
    expect(pkg.items.map((i) => [i.id, i.sha256, i.status, i.note])).toEqual([
      [textItem.id, textItem.sha256, 'todo', ''],
      [imageItem.id, imageItem.sha256, 'todo', ''],
    ]);
    expect(pkg.media.map((m) => [m.sha256, m.type, new Uint8Array(m.bytes)])).toEqual([
      [imageItem.sha256, 'image/png', new Uint8Array(png)],
    ]);

    const labeler = freshRepository();
    const media = pkg.media;
    expect(await labeler.openTaskPackage(pkg.project, pkg.items, media)).toBe(2);
    const [text, image] = await labeler.getItems([textItem.id, imageItem.id]);
    expect(text).toMatchObject({ projectId: project.id, kind: 'text', sha256: textItem.sha256 });
    expect(image).toMatchObject({ projectId: project.id, kind: 'image', width: 64 });
    expect(new Uint8Array(await (await labeler.getMedia(imageItem.sha256))!.arrayBuffer())).toEqual(
      new Uint8Array(png),
    );
    // Opening it again adds nothing and keeps what the labeler did.
    await labeler.setStatus(textItem.id, 'done');
    expect(await labeler.openTaskPackage(pkg.project, pkg.items, media)).toBe(0);
    expect((await labeler.getItem(textItem.id))?.status).toBe('done');
  });

  it('refuses a package whose image does not match its hash, naming the entry', async () => {
    const damaged = await rebuild(await leadPackage(), (entries) => {
      const name = [...entries.keys()].find((n) => n.startsWith('media/'))!;
      const bytes = entries.get(name)!.slice();
      bytes[bytes.length - 1]! ^= 1;
      entries.set(name, bytes);
    });
    await expect(readTaskPackage(bytesAccess(damaged))).rejects.toThrow(
      /media\/[0-9a-f]{64}\.png does not match its SHA-256/,
    );
  });

  it('refuses a ZIP that is not a task package', async () => {
    const other = await rebuild(await leadPackage(), (entries) =>
      entries.delete('airlock-task.json'),
    );
    await expect(readTaskPackage(bytesAccess(other))).rejects.toThrow(
      /airlock-task.json is missing/,
    );
    await expect(readTaskPackage(bytesAccess(new Uint8Array(10)))).rejects.toThrow(
      /not a readable ZIP/,
    );
  });

  it('batches with overlap give each labeler the shared items', () => {
    const { batches } = splitIntoBatches([textItem.id, imageItem.id, 'c', 'd'], 2, 1);
    expect(batches.every((b) => b.includes(textItem.id))).toBe(true);
  });
});
