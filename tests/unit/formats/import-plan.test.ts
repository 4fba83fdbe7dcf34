import { describe, expect, it } from 'vitest';
import {
  applyCategoryChoices,
  categoriesOf,
  proposedChoice,
  unknownCategories,
} from '../../../src/formats/category-map.ts';
import { buildAnnotations, matchRecords } from '../../../src/formats/import-plan.ts';
import type { ImportedRecord } from '../../../src/formats/import-records.ts';
import { box, imageItem, label } from '../../factories/annotations.ts';

const rec = (
  target: ImportedRecord['target'],
  annotations: ImportedRecord['annotations'] = [],
): ImportedRecord => ({
  file: 'f',
  where: 'here',
  target,
  annotations,
});
const boxOf = (category: string) => ({
  category,
  where: 'x',
  geometry: { type: 'box' as const, x: 1, y: 2, w: 3, h: 4 },
});

describe('category mapping', () => {
  const person = { ...label('Person', ['span']), hotkey: '1' };
  const house = { ...label('House', ['box']), hotkey: '1' };
  const records = [
    rec({ kind: 'image', fileName: 'a.png' }, [
      boxOf('person'),
      boxOf('house'),
      boxOf('Tree'),
      boxOf('HOUSE'),
    ]),
    rec({ kind: 'text', text: 't', name: 't' }, [
      { category: 'Place_of_birth', where: 'y', geometry: { type: 'span', start: 0, end: 1 } },
    ]),
  ];

  it('collects categories case-insensitively with the kinds they are drawn as', () => {
    expect(categoriesOf(records)).toEqual([
      { key: 'person', name: 'person', kinds: ['box'], count: 1 },
      { key: 'house', name: 'house', kinds: ['box'], count: 2 },
      { key: 'tree', name: 'Tree', kinds: ['box'], count: 1 },
      { key: 'place_of_birth', name: 'Place_of_birth', kinds: ['span'], count: 1 },
    ]);
  });

  it('asks only about categories no same-named label covers, proposing that label or a new one', () => {
    const birth = label('Place of birth', ['span']);
    const labels = [person, house, birth];
    const unknown = unknownCategories(labels, categoriesOf(records));
    expect(unknown.map((c) => c.name)).toEqual(['person', 'Tree']);
    expect(unknown.map((c) => proposedChoice(labels, c))).toEqual([
      { action: 'map', labelId: person.id },
      { action: 'create' },
    ]);
  });

  it('creates labels, widens mapped ones, and refuses a widening that breaks hotkeys', () => {
    const categories = categoriesOf(records);
    const refused = applyCategoryChoices([person, house], categories, new Map());
    expect(refused).toEqual({
      ok: false,
      problems: ['"person": hotkey "1" is already used by "House"'],
    });

    const mapped = applyCategoryChoices(
      [person, house],
      categories,
      new Map([['person', { action: 'map', labelId: house.id }]]),
    );
    if (!mapped.ok) throw new Error(mapped.problems.join());
    expect(mapped.created.map((l) => [l.name, l.kinds])).toEqual([
      ['Tree', ['box']],
      ['Place_of_birth', ['span']],
    ]);
    expect(mapped.labelIdOf.get('person')).toBe(house.id);
    expect(mapped.labelIdOf.get('house')).toBe(house.id);
    expect(mapped.labels.map((l) => l.name)).toEqual(['Person', 'House', 'Tree', 'Place_of_birth']);
    expect(mapped.widened).toEqual([]);
  });

  it('refuses to create a label whose name is taken', () => {
    const out = applyCategoryChoices(
      [house],
      categoriesOf([rec({ kind: 'image' }, [boxOf('house')])]),
      new Map([['house', { action: 'create' }]]),
    );
    expect(out).toEqual({ ok: false, problems: ['"house": a label named "house" already exists'] });
  });
});

describe('matching images', () => {
  const items = [
    imageItem('photos/a.jpg', 40, 30, 1),
    imageItem('other/a.jpg', 40, 30, 2),
    imageItem('set/images/train/b.png', 10, 10, 3),
    imageItem('c.png', 10, 10, 4),
    imageItem('My Photo.png', 10, 10, 5),
  ];
  const match = (target: ImportedRecord['target']) => {
    const out = matchRecords([rec(target)], items, new Map(), () => 'new');
    return out.ok ? out.items[0]!.name : out.problems[0]!.reason;
  };

  it('finds an image by SHA-256, name, label path, stem or base name', () => {
    expect(match({ kind: 'image', sha256: items[3]!.sha256, fileName: 'whatever' })).toBe('c.png');
    expect(match({ kind: 'image', fileName: 'other/a.jpg' })).toBe('other/a.jpg');
    expect(match({ kind: 'image', stem: 'b', labelPath: 'set/labels/train/b.txt' })).toBe(
      'set/images/train/b.png',
    );
    expect(match({ kind: 'image', stem: 'My_Photo' })).toBe('My Photo.png');
    expect(match({ kind: 'image', fileName: '/data/upload/3/0a1b2c3d-c.png' })).toBe('c.png');
  });

  it('says when an image is missing, ambiguous, or of another size', () => {
    expect(match({ kind: 'image', fileName: 'zzz.png' })).toBe(
      'names the image "zzz.png", which is not in this project; import the image first',
    );
    expect(match({ kind: 'image', fileName: 'a.jpg' })).toMatch(
      /^matches 2 image items by file name \("photos\/a.jpg", "other\/a.jpg"\)/,
    );
    expect(match({ kind: 'image', fileName: 'c.png', width: 20, height: 10 })).toBe(
      'is 20×10 in the file, but the image item "c.png" is 10×10 pixels, so its coordinates would not fit',
    );
  });
});

describe('building annotations', () => {
  const car = label('car', ['box']);
  const img = imageItem('a.png', 100, 50, 1);

  it('scales relative shapes, skips what is already there, and stamps the import', () => {
    const records = [
      rec({ kind: 'image' }, [
        boxOf('car'),
        {
          category: 'car',
          where: 'r',
          geometry: { type: 'box', x: 0.5, y: 0.5, w: 0.5, h: 0.5, relative: true },
        },
      ]),
    ];
    const built = buildAnnotations({
      projectId: 'p',
      records,
      items: [img],
      labelIdOf: new Map([['car', car.id]]),
      existing: new Map([[img.id, [box(img, car.id, 1, 2, 3, 4)]]]),
      annotator: 'import:coco',
      at: 'now',
      newId: () => 'fresh',
    });
    expect(built).toEqual({
      ok: true,
      duplicates: 1,
      annotations: [
        {
          id: 'fresh',
          projectId: 'p',
          itemId: img.id,
          label: car.id,
          annotator: 'import:coco',
          createdAt: 'now',
          updatedAt: 'now',
          type: 'box',
          x: 50,
          y: 25,
          w: 50,
          h: 25,
        },
      ],
    });
  });

  it('refuses a relation to a region the item does not have', () => {
    const built = buildAnnotations({
      projectId: 'p',
      records: [
        rec({ kind: 'image' }, [
          { category: 'car', where: 'rel', geometry: { type: 'relation', from: 'a', to: 'b' } },
        ]),
      ],
      items: [img],
      labelIdOf: new Map([['car', car.id]]),
      existing: new Map(),
      annotator: 'x',
      at: 'now',
      newId: () => 'id',
    });
    expect(built).toEqual({
      ok: false,
      problems: [
        {
          file: 'f',
          where: 'rel',
          reason: 'links region "a", which is not among this item\'s regions',
        },
      ],
    });
  });
});
