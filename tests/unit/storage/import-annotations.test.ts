import { describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import type { NewItem } from '../../../src/storage/repository.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { Label } from '../../../src/model/label.ts';

const hash = (n: number) => n.toString(16).padStart(64, '0');

const image = (n: number): NewItem => ({
  id: `img-${n}`,
  kind: 'image',
  name: `img-${n}.png`,
  sha256: hash(n),
  mediaType: 'image/png',
  width: 10,
  height: 10,
  byteLength: 3,
  status: 'todo',
  note: '',
});

const text = (n: number, body: string): NewItem => ({
  id: `text-${n}`,
  kind: 'text',
  name: `doc-${n}`,
  text: body,
  sha256: hash(100 + n),
  status: 'todo',
  note: '',
});

function boxOn(
  projectId: string,
  itemId: string,
  label: string,
  id = `box-${itemId}-${label}`,
): Annotation {
  return {
    id,
    projectId,
    itemId,
    label,
    annotator: 'import:coco',
    createdAt: 'a',
    updatedAt: 'a',
    type: 'box',
    x: 1,
    y: 1,
    w: 2,
    h: 2,
  };
}

const person: Label = { id: 'person', name: 'Person', color: '#e6194b', kinds: ['span'] };
const car: Label = { id: 'car', name: 'Car', color: '#4363d8', kinds: ['box'] };

describe('repository.importAnnotations', () => {
  it('writes new labels, widened labels, new items with media, and annotations together', async () => {
    const repo = freshRepository();
    const project = await repo.createProject('P', [person]);
    await repo.addItems(project.id, [image(1)]);
    const widened = { ...person, kinds: [...person.kinds, 'box' as const] };
    await repo.importAnnotations(project.id, {
      addLabels: [car],
      changeLabels: [widened],
      items: [image(2), text(1, 'hello')],
      media: [{ sha256: hash(2), type: 'image/png', bytes: new ArrayBuffer(3) }],
      annotations: [boxOn(project.id, 'img-1', 'car'), boxOn(project.id, 'img-2', 'person')],
    });
    expect((await repo.getProject(project.id))!.labels).toEqual([widened, car]);
    const ids = await repo.itemIds(project.id);
    expect(ids).toEqual(['img-1', 'img-2', 'text-1']);
    expect((await repo.getItems(ids)).map((i) => i.seq)).toEqual([0, 1, 2]);
    expect(await repo.getMedia(hash(2))).toBeInstanceOf(Blob);
    expect((await repo.annotationsOf('img-2')).map((a) => a.label)).toEqual(['person']);
  });

  it('writes nothing at all when one annotation is on an item outside the project', async () => {
    const repo = freshRepository();
    const project = await repo.createProject('P', [person]);
    const other = await repo.createProject('Other', []);
    await repo.addItems(other.id, [image(9)]);
    await expect(
      repo.importAnnotations(project.id, {
        addLabels: [car],
        changeLabels: [],
        items: [image(3)],
        media: [{ sha256: hash(3), type: 'image/png', bytes: new ArrayBuffer(3) }],
        annotations: [boxOn(project.id, 'img-3', 'car'), boxOn(project.id, 'img-9', 'car')],
      }),
    ).rejects.toThrow(/item img-9, which is not in this project/);
    expect((await repo.getProject(project.id))!.labels).toEqual([person]);
    expect(await repo.itemIds(project.id)).toEqual([]);
    expect(await repo.getMedia(hash(3))).toBeUndefined();
    expect(await repo.countAnnotations(project.id)).toBe(0);
  });

  it('refuses an annotation with a label the project will not have', async () => {
    const repo = freshRepository();
    const project = await repo.createProject('P', []);
    await expect(
      repo.importAnnotations(project.id, {
        addLabels: [],
        changeLabels: [],
        items: [image(4)],
        media: [],
        annotations: [boxOn(project.id, 'img-4', 'ghost')],
      }),
    ).rejects.toThrow(/label ghost/);
    expect(await repo.itemIds(project.id)).toEqual([]);
  });
});
