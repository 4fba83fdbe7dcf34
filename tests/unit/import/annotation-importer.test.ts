import { describe, expect, it } from 'vitest';
import {
  commitAnnotationImport,
  prepareAnnotationImport,
} from '../../../src/import/annotation-importer.ts';
import type { ImageDecoder } from '../../../src/import/image.ts';
import type { SourceFile } from '../../../src/import/importer.ts';
import type { Label } from '../../../src/model/label.ts';
import { freshRepository, pngHeader, sourceFile } from '../../factories/files.ts';

const decodeImage: ImageDecoder = (bytes) =>
  Promise.resolve({
    width: new DataView(bytes.buffer).getUint32(16),
    height: new DataView(bytes.buffer).getUint32(20),
  });

const car: Label = { id: 'car', name: 'Car', color: '#4363d8', kinds: ['box'] };
const person: Label = { id: 'person', name: 'Person', color: '#e6194b', kinds: ['span'] };

async function run(
  files: SourceFile[],
  labels: Label[] = [car],
  setup?: (repo: ReturnType<typeof freshRepository>, projectId: string) => Promise<void>,
) {
  const repository = freshRepository();
  const project = await repository.createProject('P', labels);
  await setup?.(repository, project.id);
  const prepared = await prepareAnnotationImport(repository, project.id, files, decodeImage);
  return { repository, project, prepared };
}

const coco = JSON.stringify({
  images: [{ id: 1, file_name: 'street.png', width: 64, height: 48 }],
  categories: [
    { id: 1, name: 'car' },
    { id: 2, name: 'bus' },
  ],
  annotations: [
    {
      id: 1,
      image_id: 1,
      category_id: 1,
      bbox: [1, 2, 3, 4],
      segmentation: [],
      area: 12,
      iscrowd: 0,
    },
    {
      id: 2,
      image_id: 1,
      category_id: 2,
      bbox: [0, 0, 64, 48],
      segmentation: [],
      area: 1,
      iscrowd: 0,
    },
  ],
});

describe('annotation import', () => {
  it('imports a COCO file with its image, asking only about the unknown category', async () => {
    const { repository, project, prepared } = await run([
      sourceFile('street.png', pngHeader(64, 48)),
      sourceFile('coco.json', coco),
    ]);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
    expect(prepared.prepared.format).toBe('coco');
    expect(prepared.prepared.unknown.map((c) => c.name)).toEqual(['bus']);
    expect([...prepared.prepared.proposals.values()]).toEqual([{ action: 'create' }]);

    const done = await commitAnnotationImport(repository, prepared.prepared, new Map());
    expect(done).toEqual({
      ok: true,
      summary: {
        format: 'coco',
        annotations: 2,
        items: 1,
        newItems: 1,
        newLabels: ['bus'],
        widenedLabels: [],
        duplicates: 0,
        notes: [],
      },
    });
    const [itemId] = await repository.itemIds(project.id);
    const stored = (await repository.annotationsOf(itemId!)).sort((a, b) =>
      a.type === 'box' && b.type === 'box' ? b.x - a.x : 0,
    );
    expect(
      stored.map((a) => [a.type, a.annotator, a.type === 'box' ? [a.x, a.y, a.w, a.h] : []]),
    ).toEqual([
      ['box', 'import:coco', [1, 2, 3, 4]],
      ['box', 'import:coco', [0, 0, 64, 48]],
    ]);

    // The same file again adds nothing: every annotation is already there.
    const again = await prepareAnnotationImport(
      repository,
      project.id,
      [sourceFile('coco.json', coco)],
      decodeImage,
    );
    if (!again.ok) throw new Error('prepare failed');
    expect(again.prepared.unknown).toEqual([]);
    expect(await commitAnnotationImport(repository, again.prepared, new Map())).toMatchObject({
      ok: true,
      summary: { annotations: 0, duplicates: 2 },
    });
    expect(await repository.countAnnotations(project.id)).toBe(2);
  });

  it('imports a YOLO folder: images become items and their labels attach', async () => {
    const files = [
      sourceFile('data.yaml', 'names:\n  0: car\n', 'ds/data.yaml'),
      sourceFile('a.png', pngHeader(100, 50), 'ds/images/train/a.png'),
      sourceFile('b.png', pngHeader(10, 10, 1), 'ds/images/train/b.png'),
      sourceFile('a.txt', '0 0.5 0.5 0.2 0.4\n', 'ds/labels/train/a.txt'),
      // An image without objects has an empty label file (Airlock's export writes them too).
      sourceFile('b.txt', '', 'ds/labels/train/b.txt'),
    ];
    const { repository, project, prepared } = await run(files);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
    const done = await commitAnnotationImport(repository, prepared.prepared, new Map());
    expect(done).toMatchObject({
      ok: true,
      summary: { format: 'yolo', annotations: 1, newItems: 2 },
    });
    const items = await repository.getItems(await repository.itemIds(project.id));
    expect(items.map((i) => i.name)).toEqual(['ds/images/train/a.png', 'ds/images/train/b.png']);
    expect(await repository.annotationsOf(items[0]!.id)).toMatchObject([
      { type: 'box', x: 40, y: 15, w: 20, h: 20, label: 'car' },
    ]);
  });

  it('imports spans JSONL into an empty project as new texts with new labels', async () => {
    const line = JSON.stringify({
      id: 'memo',
      text: '👍 Ada',
      spans: [{ start: 2, end: 5, label: 'Person', text: 'Ada' }],
      classes: [],
    });
    const { repository, project, prepared } = await run(
      [sourceFile('spans.jsonl', `${line}\n`)],
      [],
    );
    if (!prepared.ok) throw new Error('prepare failed');
    expect(prepared.prepared.unknown.map((c) => [c.name, c.kinds])).toEqual([['Person', ['span']]]);
    expect(await commitAnnotationImport(repository, prepared.prepared, new Map())).toMatchObject({
      ok: true,
      summary: { newItems: 1, newLabels: ['Person'] },
    });
    const [item] = await repository.getItems(await repository.itemIds(project.id));
    expect(item).toMatchObject({ kind: 'text', name: 'memo', text: '👍 Ada' });
    expect(await repository.annotationsOf(item!.id)).toMatchObject([
      { type: 'span', start: 2, end: 5, text: 'Ada', annotator: 'import:spans-jsonl' },
    ]);
  });

  it('stores what a CoNLL file says beyond the text with the text item it makes', async () => {
    const file = '-DOCSTART- -X- O O\n\nChester-le-Street NNP I-NP I-LOC\nwon VBD I-VP O\n\n';
    const { repository, project, prepared } = await run([sourceFile('eng.testa', file)], []);
    if (!prepared.ok) throw new Error('prepare failed');
    await commitAnnotationImport(repository, prepared.prepared, new Map());
    const [item] = await repository.getItems(await repository.itemIds(project.id));
    expect(item).toMatchObject({
      kind: 'text',
      text: 'Chester-le-Street won',
      conll: { docstart: '-DOCSTART- -X- O O', scheme: 'IOB1', columns: ['NNP I-NP', 'VBD I-VP'] },
    });
  });

  it('writes nothing when an image is missing, and names it', async () => {
    const { repository, project, prepared } = await run([sourceFile('coco.json', coco)]);
    if (!prepared.ok) throw new Error('prepare failed');
    const done = await commitAnnotationImport(repository, prepared.prepared, new Map());
    expect(done).toEqual({
      ok: false,
      problems: [
        {
          file: 'coco.json',
          where: 'image "street.png"',
          reason:
            'names the image "street.png", which is not in this project; import the image first',
        },
      ],
    });
    expect((await repository.getProject(project.id))!.labels).toEqual([car]);
    expect(await repository.countAnnotations(project.id)).toBe(0);
  });

  it('sends the labeler back to the mapping when an answer breaks a label rule', async () => {
    const line = JSON.stringify({
      id: 'x',
      text: 'Ada',
      spans: [{ start: 0, end: 3, label: 'Car' }],
    });
    const { repository, prepared } = await run(
      [sourceFile('s.jsonl', line)],
      [
        car,
        { ...person, hotkey: '1' },
        { ...car, id: 'truck', name: 'Truck', hotkey: '1', kinds: ['box'] },
      ],
    );
    if (!prepared.ok) throw new Error('prepare failed');
    const done = await commitAnnotationImport(
      repository,
      prepared.prepared,
      new Map([['car', { action: 'map', labelId: 'person' }]]),
    );
    expect(done).toEqual({
      ok: true,
      summary: expect.objectContaining({ annotations: 1 }) as unknown,
    });
    const clash = await commitAnnotationImport(
      repository,
      prepared.prepared,
      new Map([['car', { action: 'create' }]]),
    );
    expect(clash).toEqual({ ok: false, mapping: ['"Car": a label named "Car" already exists'] });
  });

  it('names unreadable and unknown files before anything else', async () => {
    const { prepared } = await run([
      sourceFile('bad.json', new Uint8Array([0xff, 0xfe])),
      sourceFile('x.docx', 'x'),
    ]);
    expect(prepared).toEqual({
      ok: false,
      problems: [
        {
          file: 'bad.json',
          where: 'line 1',
          reason: 'is not valid UTF-8 text (first bad byte at offset 0)',
        },
      ],
    });
    const mixed = await run([sourceFile('a.xml', '<annotation/>'), sourceFile('b.conll', 'a O')]);
    expect(mixed.prepared).toMatchObject({
      ok: false,
      problems: [{ reason: expect.stringMatching(/mixes formats/) as unknown }],
    });
  });
});
