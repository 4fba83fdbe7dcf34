import { describe, expect, it } from 'vitest';
import {
  addGroup,
  pickClass,
  removeGroup,
  updateGroup,
  type ClassGroup,
} from '../../../src/model/class-group.ts';
import type { ClassAnnotation } from '../../../src/model/annotation.ts';
import type { Label } from '../../../src/model/label.ts';
import { applyChange, invert } from '../../../src/model/history.ts';
import { LabelSchemaError } from '../../../src/model/label-schema.ts';

const groups: ClassGroup[] = [
  { id: 'tone', name: 'Tone', choice: 'one' },
  { id: 'topics', name: 'Topics', choice: 'any' },
];
const label = (id: string, group?: string): Label => ({
  id,
  name: id,
  color: '#000000',
  kinds: ['text_class'],
  ...(group ? { group } : {}),
});
const labels = [
  label('positive', 'tone'),
  label('negative', 'tone'),
  label('sports', 'topics'),
  label('politics', 'topics'),
  label('urgent'),
];
const byId = (id: string) => labels.find((l) => l.id === id)!;

let n = 0;
const chosen = (labelId: string): ClassAnnotation => ({
  id: `a${++n}`,
  type: 'class',
  label: labelId,
  projectId: 'p',
  itemId: 'i',
  annotator: 'k',
  createdAt: 't',
  updatedAt: 't',
});
const pick = (current: ClassAnnotation[], id: string) =>
  pickClass(current, byId(id), labels, groups, () => chosen(id));
const labelsOf = (list: readonly { label: string }[]) => list.map((a) => a.label).sort();

describe('picking classes', () => {
  it('in a "choose one" group replaces the previous choice in one step', () => {
    const current = [chosen('positive'), chosen('sports')];
    const change = pick(current, 'negative');
    const after = applyChange(current, change) as ClassAnnotation[];
    expect(labelsOf(after)).toEqual(['negative', 'sports']);
    // One undo brings the previous choice back.
    expect(labelsOf(applyChange(after, invert(change)))).toEqual(['positive', 'sports']);
  });

  it('in a "choose any" group adds beside the others', () => {
    const current = [chosen('sports'), chosen('positive')];
    expect(labelsOf(applyChange(current, pick(current, 'politics')))).toEqual([
      'politics',
      'positive',
      'sports',
    ]);
  });

  it('unpicks a class already chosen, in any group or none', () => {
    for (const id of ['positive', 'sports', 'urgent']) {
      const current = [chosen(id)];
      expect(applyChange(current, pick(current, id))).toEqual([]);
    }
  });

  it('treats a label whose group was deleted as a class of its own', () => {
    const orphan = label('stale', 'gone');
    const current = [chosen('positive')];
    const change = pickClass(current, orphan, [...labels, orphan], groups, () => chosen('stale'));
    expect(change.before).toEqual([]);
  });
});

describe('editing class groups', () => {
  it('adds, renames and switches choice, refusing empty and duplicate names', () => {
    const added = addGroup(groups, 'Language', 'any');
    expect(added.map((g) => g.name)).toEqual(['Tone', 'Topics', 'Language']);
    const renamed = updateGroup(added, 'tone', { name: 'Sentiment', choice: 'any' });
    expect(renamed[0]).toEqual({ id: 'tone', name: 'Sentiment', choice: 'any' });
    expect(() => addGroup(groups, ' tone ', 'one')).toThrow(LabelSchemaError);
    expect(() => addGroup(groups, '  ', 'one')).toThrow('a class group needs a name');
    expect(() => updateGroup(groups, 'tone', { name: 'topics' })).toThrow('already exists');
  });

  it('removing a group keeps its labels, as classes of their own', () => {
    const result = removeGroup(groups, labels, 'tone');
    expect(result.groups.map((g) => g.id)).toEqual(['topics']);
    expect(result.labels.find((l) => l.id === 'positive')).not.toHaveProperty('group');
    expect(result.labels.find((l) => l.id === 'sports')?.group).toBe('topics');
  });
});
