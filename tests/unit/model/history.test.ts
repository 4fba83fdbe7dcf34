import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src/model/annotation.ts';
import {
  applyChange,
  History,
  invert,
  isEmpty,
  toWrite,
  type Change,
} from '../../../src/model/history.ts';

const common = {
  projectId: 'p1',
  itemId: 'i1',
  label: 'l1',
  annotator: '0123456789abcdef',
  createdAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
};

const box = (id: string, x = 0): Annotation => ({
  ...common,
  id,
  type: 'box',
  x,
  y: 0,
  w: 1,
  h: 1,
});
const span = (id: string, start: number, end: number): Annotation => ({
  ...common,
  id,
  type: 'span',
  start,
  end,
  text: 'x'.repeat(end - start),
});

const list = (): Annotation[] => [box('a'), span('b', 0, 3), box('c', 5)];

describe('changes', () => {
  it('round-trips an add', () => {
    const start = list();
    const change: Change = { before: [], after: [box('d', 9)] };
    const done = applyChange(start, change);
    expect(done.map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(applyChange(done, invert(change))).toEqual(start);
  });

  it('round-trips an update in place', () => {
    const start = list();
    const change: Change = { before: [span('b', 0, 3)], after: [span('b', 1, 4)] };
    const done = applyChange(start, change);
    expect(done.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(done[1]).toMatchObject({ start: 1, end: 4 });
    expect(applyChange(done, invert(change))).toEqual(start);
  });

  it('round-trips a remove', () => {
    const start = list();
    const change: Change = { before: [box('c', 5)], after: [] };
    const done = applyChange(start, change);
    expect(done.map((a) => a.id)).toEqual(['a', 'b']);
    expect(applyChange(done, invert(change))).toEqual(start);
  });

  it('brings back a removed middle annotation at the end (order is not recorded)', () => {
    const start = list();
    const change: Change = { before: [span('b', 0, 3)], after: [] };
    const back = applyChange(applyChange(start, change), invert(change));
    expect(back.map((a) => a.id)).toEqual(['a', 'c', 'b']);
    expect(back).toEqual(expect.arrayContaining(start));
  });

  it('round-trips a mixed gesture', () => {
    const start = list();
    const change: Change = {
      before: [box('a'), box('c', 5)],
      after: [box('a', 2), box('e', 7)],
    };
    const done = applyChange(start, change);
    expect(done.map((a) => a.id)).toEqual(['a', 'b', 'e']);
    expect(applyChange(done, invert(change))).toEqual([box('a'), span('b', 0, 3), box('c', 5)]);
  });

  it('does not mutate the input list', () => {
    const start = list();
    const copy = structuredClone(start);
    applyChange(start, { before: [box('a')], after: [] });
    expect(start).toEqual(copy);
  });

  it('treats no-op changes as empty', () => {
    expect(isEmpty({ before: [], after: [] })).toBe(true);
    expect(isEmpty({ before: [box('a')], after: [box('a')] })).toBe(true);
    expect(isEmpty({ before: [box('a')], after: [box('a', 1)] })).toBe(false);
    expect(isEmpty({ before: [], after: [box('a')] })).toBe(false);
    expect(isEmpty({ before: [box('a')], after: [] })).toBe(false);
    expect(isEmpty({ before: [box('a')], after: [box('b')] })).toBe(false);
  });

  it('turns each kind of change into storage writes', () => {
    expect(toWrite({ before: [], after: [box('a')] })).toEqual({ put: [box('a')], remove: [] });
    expect(toWrite({ before: [box('a')], after: [box('a', 3)] })).toEqual({
      put: [box('a', 3)],
      remove: [],
    });
    expect(toWrite({ before: [box('a')], after: [] })).toEqual({ put: [], remove: ['a'] });
    expect(toWrite({ before: [box('a'), box('b')], after: [box('b', 1), box('c')] })).toEqual({
      put: [box('b', 1), box('c')],
      remove: ['a'],
    });
  });
});

describe('History', () => {
  const add = (id: string): Change => ({ before: [], after: [box(id)] });

  it('undoes and redoes several steps in order', () => {
    const h = new History();
    let state: Annotation[] = [];
    for (const id of ['a', 'b', 'c']) {
      const change = add(id);
      state = applyChange(state, change);
      h.record(change);
    }
    expect(h.canUndo).toBe(true);
    expect(h.canRedo).toBe(false);

    state = applyChange(state, h.undo()!);
    expect(state.map((a) => a.id)).toEqual(['a', 'b']);
    state = applyChange(state, h.undo()!);
    expect(state.map((a) => a.id)).toEqual(['a']);
    expect(h.canRedo).toBe(true);

    state = applyChange(state, h.redo()!);
    expect(state.map((a) => a.id)).toEqual(['a', 'b']);
    state = applyChange(state, h.redo()!);
    expect(state.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(h.redo()).toBeUndefined();

    for (let i = 0; i < 3; i++) state = applyChange(state, h.undo()!);
    expect(state).toEqual([]);
    expect(h.undo()).toBeUndefined();
    expect(h.canUndo).toBe(false);
  });

  it('returns the inverse on undo and the change itself on redo', () => {
    const h = new History();
    const change: Change = { before: [box('a')], after: [box('a', 4)] };
    h.record(change);
    expect(h.undo()).toEqual(invert(change));
    expect(h.redo()).toEqual(change);
  });

  it('clears redo when a new step is recorded after undo', () => {
    const h = new History();
    h.record(add('a'));
    h.record(add('b'));
    h.undo();
    expect(h.canRedo).toBe(true);
    h.record(add('c'));
    expect(h.canRedo).toBe(false);
    expect(h.redo()).toBeUndefined();
    expect(h.undo()).toEqual(invert(add('c')));
    expect(h.undo()).toEqual(invert(add('a')));
  });

  it('ignores empty changes without clearing redo', () => {
    const h = new History();
    h.record(add('a'));
    h.undo();
    h.record({ before: [box('x')], after: [box('x')] });
    expect(h.canRedo).toBe(true);
    expect(h.canUndo).toBe(false);
  });

  it('drops the oldest steps past the limit', () => {
    const h = new History(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) h.record(add(id));
    const undone: Change[] = [];
    for (let c = h.undo(); c; c = h.undo()) undone.push(c);
    expect(undone).toEqual(['e', 'd', 'c'].map((id) => invert(add(id))));
  });

  it('is not affected by the caller reusing the recorded arrays', () => {
    const h = new History();
    const change = add('a');
    h.record(change);
    change.after.push(box('z'));
    expect(h.undo()).toEqual(invert(add('a')));
  });

  it('clears both stacks', () => {
    const h = new History();
    h.record(add('a'));
    h.record(add('b'));
    h.undo();
    h.clear();
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
  });
});

describe('status changes', () => {
  it('are undone and redone like annotation edits', () => {
    const history = new History();
    const done: Change = { before: [], after: [], status: { before: 'todo', after: 'done' } };
    expect(isEmpty(done)).toBe(false);
    expect(isEmpty({ before: [], after: [], status: { before: 'done', after: 'done' } })).toBe(
      true,
    );
    history.record(done);
    expect(history.undo()?.status).toEqual({ before: 'done', after: 'todo' });
    expect(history.redo()?.status).toEqual({ before: 'todo', after: 'done' });
  });
});

describe('suggestions in a change', () => {
  const ada = { id: 's1', label: 'l1', start: 0, end: 3, text: 'Ada' };

  it('counts a change of the waiting list alone as an edit, and inverts it', () => {
    const accept: Change = { before: [], after: [], suggestions: { before: [ada], after: [] } };
    expect(isEmpty(accept)).toBe(false);
    expect(isEmpty({ ...accept, suggestions: { before: [], after: [] } })).toBe(true);
    expect(invert(accept).suggestions).toEqual({ before: [], after: [ada] });
    const history = new History();
    history.record(accept);
    expect(history.undo()?.suggestions?.after).toEqual([ada]);
  });
});
