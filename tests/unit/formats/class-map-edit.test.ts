import { describe, expect, it } from 'vitest';
import {
  editClassNumbers,
  restoreClassNumbers,
  storedClassNumbers,
} from '../../../src/formats/class-map-edit.ts';
import { exportFormats } from '../../../src/formats/exports.ts';
import { LabelSchemaError } from '../../../src/model/label-schema.ts';
import { box, fileText, imageItem, label, project } from '../../factories/annotations.ts';

const car = label('Car', ['box']);
const person = { ...label('Person', ['box']), cocoId: 5 };
const tree = label('Tree', ['polygon']);
const topic = label('Topic', ['span']);
const labels = [car, person, tree, topic];
const numbers = (ls: typeof labels) =>
  ls.map((l) => [l.name, l.classIndex, l.cocoId, l.supercategory ?? '']);

describe('editing the class map', () => {
  it('stores the edited numbers and every other shape label’s current ones', () => {
    const edited = editClassNumbers(labels, car.id, { classIndex: 4, supercategory: ' vehicle ' });
    expect(numbers(edited)).toEqual([
      ['Car', 4, 6, 'vehicle'],
      ['Person', 1, 5, ''],
      ['Tree', 2, 7, ''],
      ['Topic', undefined, undefined, ''],
    ]);
  });

  it('refuses a taken number, a negative or fractional one, and a label that is not a shape', () => {
    const refuse = (fn: () => unknown, message: string) =>
      expect(fn).toThrow(new LabelSchemaError(message));
    refuse(
      () => editClassNumbers(labels, car.id, { cocoId: 5 }),
      'COCO id 5 is already "Person"\'s',
    );
    refuse(
      () => editClassNumbers(labels, tree.id, { classIndex: 0 }),
      'class index 0 is already "Car"\'s',
    );
    refuse(
      () => editClassNumbers(labels, car.id, { classIndex: -1 }),
      'the class index of "Car" must be a whole number from 0',
    );
    refuse(
      () => editClassNumbers(labels, car.id, { cocoId: 1.5 }),
      'the COCO id of "Car" must be a whole number from 1',
    );
    refuse(
      () => editClassNumbers(labels, topic.id, { classIndex: 3 }),
      'only box, polygon and point labels have class numbers',
    );
  });

  it('puts the stored numbers back on undo', () => {
    const before = storedClassNumbers(labels);
    const edited = editClassNumbers(labels, person.id, { cocoId: 90, supercategory: 'person' });
    expect(restoreClassNumbers(edited, before)).toEqual(labels);
  });

  it('is what COCO and YOLO exports write, unused classes included', () => {
    const edited = editClassNumbers(
      editClassNumbers(labels, person.id, { classIndex: 3, cocoId: 1, supercategory: 'person' }),
      car.id,
      { classIndex: 0, cocoId: 3, supercategory: 'vehicle' },
    );
    const image = imageItem('street.jpg', 100, 80);
    const { files } = exportFormats({
      project: project(edited),
      items: [image],
      annotations: [box(image, person.id, 10, 10, 20, 30)],
    });
    const coco = JSON.parse(fileText(files, 'exports/coco.json')) as {
      categories: { id: number; name: string; supercategory: string }[];
      annotations: { category_id: number }[];
    };
    expect(coco.categories).toEqual([
      { id: 1, name: 'Person', supercategory: 'person' },
      { id: 3, name: 'Car', supercategory: 'vehicle' },
      { id: 7, name: 'Tree', supercategory: '' },
    ]);
    expect(coco.annotations.map((a) => a.category_id)).toEqual([1]);
    expect(fileText(files, 'exports/yolo/labels/street.txt')).toMatch(/^3 /);
    expect(fileText(files, 'exports/yolo/data.yaml')).toContain('nc: 4');
  });
});
