import { describe, expect, it } from 'vitest';
import { formatExports } from '../../../src/formats/exports.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import { box, fileText, imageItem, label, project } from '../../factories/annotations.ts';

describe('COCO keypoints export', () => {
  it('writes x, y, v per node, num_keypoints, and the category’s nodes and 1-based skeleton', () => {
    const person = {
      ...label('person', ['keypoints']),
      skeleton: {
        nodes: ['nose', 'left eye', 'right eye'],
        edges: [
          [0, 1],
          [0, 2],
        ] as [number, number][],
      },
    };
    const img = imageItem('pose.png', 100, 80);
    const pose = {
      ...box(img, person.id, 0, 0, 1, 1),
      type: 'keypoints',
      // The left eye is not labeled (v 0, at 0, 0 by COCO's convention); the right one hidden.
      points: [
        [10, 10, 2],
        [0, 0, 0],
        [20, 30, 1],
      ],
      attributes: { occluded: true },
    } as Annotation;
    const files = formatExports({ project: project([person]), items: [img], annotations: [pose] });
    const coco = JSON.parse(fileText(files, 'exports/coco.json')) as {
      annotations: Record<string, unknown>[];
      categories: Record<string, unknown>[];
    };
    expect(coco.annotations).toEqual([
      expect.objectContaining({
        category_id: 1,
        keypoints: [10, 10, 2, 0, 0, 0, 20, 30, 1],
        num_keypoints: 2,
        // The labeled nodes only: (10, 10) to (20, 30).
        bbox: [10, 10, 10, 20],
        area: 200,
        iscrowd: 0,
        attributes: { occluded: true },
      }),
    ]);
    expect(coco.categories).toEqual([
      {
        id: 1,
        name: 'person',
        supercategory: '',
        keypoints: ['nose', 'left eye', 'right eye'],
        skeleton: [
          [1, 2],
          [1, 3],
        ],
      },
    ]);
  });
});
