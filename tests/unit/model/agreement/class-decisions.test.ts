import { describe, expect, it } from 'vitest';
import {
  classQuestions,
  type AgreementItem,
} from '../../../../src/model/agreement/class-decisions.ts';
import type { ClassGroup } from '../../../../src/model/class-group.ts';
import type { Label, LabelKind } from '../../../../src/model/label.ts';
import { annotator } from '../../../factories/agreement.ts';

const label = (id: string, kind: LabelKind, group?: string): Label => ({
  id,
  name: id,
  color: '#000000',
  kinds: [kind],
  ...(group !== undefined && { group }),
});

const classGroups: ClassGroup[] = [
  { id: 'tone', name: 'Tone', choice: 'one' },
  { id: 'topics', name: 'Topics', choice: 'any' },
];
const labels = [
  label('positive', 'text_class', 'tone'),
  label('negative', 'text_class', 'tone'),
  label('sports', 'text_class', 'topics'),
  label('urgent', 'text_class'),
  label('blurry', 'image_class'),
  label('PER', 'span'),
];
const ann = annotator('ann');
const bob = annotator('bob');

function questions(items: AgreementItem[], annotations = choices) {
  const { groups, labels: perLabel } = classQuestions({
    labels,
    classGroups,
    annotators: ['ann', 'bob'],
    items,
    annotations,
  });
  const byKey = new Map([
    ...groups.map((q) => [q.group!, q] as const),
    ...perLabel.map((q) => [q.label!, q] as const),
  ]);
  return (key: string) => {
    const q = byKey.get(key);
    if (!q) throw new Error(`no question ${key}`);
    return Object.fromEntries(q.itemIds.map((id, i) => [id, q.ratings[i]]));
  };
}

// t1: Ann positive + sports; Bob negative + sports + urgent. t2: only Ann labeled it.
// img: Ann blurry, Bob nothing.
const choices = [
  ann.chose('t1', 'positive'),
  ann.chose('t1', 'sports'),
  bob.chose('t1', 'negative'),
  bob.chose('t1', 'sports'),
  bob.chose('t1', 'urgent'),
  ann.chose('t2', 'positive'),
  ann.chose('img', 'blurry'),
];
const items: AgreementItem[] = [
  { id: 't1', kind: 'text' },
  { id: 't2', kind: 'text', annotators: ['ann'] },
  { id: 'img', kind: 'image' },
];

describe('class decisions', () => {
  it('asks a "choose one" group once per item, the chosen label as category', () => {
    expect(questions(items)('tone')).toStrictEqual({
      t1: ['positive', 'negative'],
      t2: ['positive', undefined], // Bob did not label t2
    });
  });

  it('asks every class label as present or absent', () => {
    const ask = questions(items);
    expect(ask('sports')).toStrictEqual({ t1: ['present', 'present'], t2: ['absent', undefined] });
    expect(ask('urgent')).toStrictEqual({ t1: ['absent', 'present'], t2: ['absent', undefined] });
    expect(ask('positive')).toStrictEqual({
      t1: ['present', 'absent'],
      t2: ['present', undefined],
    });
  });

  it('asks text classes of text items and image classes of image items', () => {
    expect(questions(items)('blurry')).toStrictEqual({ img: ['present', 'absent'] });
    // Without a kind, an item is asked everything.
    expect(questions([{ id: 'img' }])('tone')).toStrictEqual({ img: [undefined, undefined] });
  });

  it('takes no choice in a "choose one" group as no answer, not as a category', () => {
    const ask = questions([{ id: 't3' }], [bob.chose('t3', 'positive')]);
    expect(ask('tone')).toStrictEqual({ t3: [undefined, 'positive'] });
    expect(ask('negative')).toStrictEqual({ t3: [undefined, 'absent'] });
    // In a "choose any" group, choosing nothing is a decision.
    expect(ask('sports')).toStrictEqual({ t3: ['absent', 'absent'] });
  });

  it('makes two choices in a "choose one" group a category of their own', () => {
    const ask = questions(
      [{ id: 't4' }],
      [ann.chose('t4', 'positive'), ann.chose('t4', 'negative'), bob.chose('t4', 'positive')],
    );
    expect(ask('tone')).toStrictEqual({ t4: ['["negative","positive"]', 'positive'] });
    expect(ask('positive')).toStrictEqual({ t4: ['present', 'present'] });
  });

  it('leaves out labels that are not classes and groups without labels', () => {
    const { groups, labels: perLabel } = classQuestions({
      labels,
      classGroups: [...classGroups, { id: 'empty', name: 'Empty', choice: 'one' }],
      annotators: ['ann', 'bob'],
      items,
      annotations: choices,
    });
    expect(groups.map((q) => q.group)).toStrictEqual(['tone']);
    expect(perLabel.map((q) => q.label)).toStrictEqual([
      'positive',
      'negative',
      'sports',
      'urgent',
      'blurry',
    ]);
  });
});
