import { describe, expect, it } from 'vitest';
import { formatExports } from '../../../src/formats/exports.ts';
import {
  box,
  fileText,
  imageItem,
  label,
  point,
  polygon,
  project,
  relation,
  spanOver,
  textClass,
  textItem,
} from '../../factories/annotations.ts';

const person = label('Person', ['span']);
const knows = label('Knows', ['relation']);
const urgent = label('Urgent', ['text_class']);
const car = label('Car', ['box', 'polygon', 'point']);
const night = label('Night', ['image_class']);
const labels = [person, knows, urgent, car, night];

const anyId: unknown = expect.any(String);

type Task = {
  id: number;
  data: Record<string, string>;
  meta: Record<string, string>;
  annotations: { result: Record<string, unknown>[] }[];
};

describe('Label Studio export', () => {
  it('writes text regions with code point offsets, choices and relations', () => {
    const memo = textItem('memo', '🇨🇭 Ada knows Grace');
    const ada = spanOver(memo, person.id, 'Ada');
    const grace = spanOver(memo, person.id, 'Grace');
    const files = formatExports({
      project: project(labels),
      items: [memo],
      annotations: [grace, ada, textClass(memo, urgent.id), relation(ada, grace, knows.id)],
    });
    const [task] = JSON.parse(fileText(files, 'exports/label-studio.json')) as Task[];
    expect(task!.data).toEqual({ text: '🇨🇭 Ada knows Grace' });
    expect(task!.meta).toEqual({ airlock_item_id: memo.id, name: 'memo', sha256: memo.sha256 });
    expect(task!.annotations[0]!.result).toEqual([
      {
        id: ada.id,
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        value: { start: 3, end: 6, text: 'Ada', labels: ['Person'] },
      },
      {
        id: grace.id,
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        value: { start: 13, end: 18, text: 'Grace', labels: ['Person'] },
      },
      {
        id: anyId,
        from_name: 'class',
        to_name: 'text',
        type: 'choices',
        value: { choices: ['Urgent'] },
      },
      {
        id: anyId,
        type: 'relation',
        from_id: ada.id,
        to_id: grace.id,
        direction: 'right',
        labels: ['Knows'],
      },
    ]);
  });

  it('writes image regions in percent of the original size', () => {
    const img = imageItem('cars/one.png', 400, 200);
    const files = formatExports({
      project: project(labels),
      items: [img],
      annotations: [
        box(img, car.id, 40, 20, 200, 100),
        polygon(img, car.id, [
          [0, 0],
          [400, 0],
          [200, 200],
        ]),
        point(img, car.id, 100, 50),
        textClass(img, night.id),
      ],
    });
    const [task] = JSON.parse(fileText(files, 'exports/label-studio.json')) as Task[];
    expect(task!.data).toEqual({ image: 'cars/one.png' });
    const size = { original_width: 400, original_height: 200, image_rotation: 0 };
    expect(task!.annotations[0]!.result.map(({ id: _, ...r }) => r)).toEqual([
      {
        from_name: 'box',
        to_name: 'image',
        type: 'rectanglelabels',
        ...size,
        value: { x: 10, y: 10, width: 50, height: 50, rotation: 0, rectanglelabels: ['Car'] },
      },
      {
        from_name: 'polygon',
        to_name: 'image',
        type: 'polygonlabels',
        ...size,
        value: {
          points: [
            [0, 0],
            [100, 0],
            [50, 100],
          ],
          closed: true,
          polygonlabels: ['Car'],
        },
      },
      {
        from_name: 'point',
        to_name: 'image',
        type: 'keypointlabels',
        ...size,
        value: { x: 25, y: 25, width: 0.5, keypointlabels: ['Car'] },
      },
      {
        from_name: 'image_class',
        to_name: 'image',
        type: 'choices',
        value: { choices: ['Night'] },
      },
    ]);
  });

  it('gives an item without annotations a task with none', () => {
    const files = formatExports({
      project: project(labels),
      items: [textItem('t', 'x')],
      annotations: [],
    });
    const [task] = JSON.parse(fileText(files, 'exports/label-studio.json')) as Task[];
    expect(task!.annotations).toEqual([]);
  });
});
