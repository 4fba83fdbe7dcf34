import { describe, expect, it } from 'vitest';
import {
  SkeletonError,
  editSkeleton,
  renumbersNodes,
  type SkeletonEdit,
} from '../../../src/model/skeleton-edit.ts';
import type { Skeleton } from '../../../src/model/label.ts';

// head 0, neck 1, tail 2; head–neck, neck–tail.
const COW: Skeleton = {
  nodes: ['head', 'neck', 'tail'],
  edges: [
    [0, 1],
    [1, 2],
  ],
};

/** The edges by node names, so a test reads as the labeler sees them. */
const named = (s: Skeleton | undefined) =>
  s?.edges.map(([a, b]) => `${s.nodes[a]}–${s.nodes[b]}`) ?? [];

describe('editing a keypoints skeleton', () => {
  it('starts one from nothing, node by node', () => {
    const one = editSkeleton(undefined, { do: 'add-node', name: '  nose ' });
    expect(one).toEqual({ nodes: ['nose'], edges: [] });
    expect(editSkeleton(one, { do: 'add-node', name: 'eye' })?.nodes).toEqual(['nose', 'eye']);
  });

  it('refuses a node name already taken (case-blind) or blank, saying which', () => {
    expect(() => editSkeleton(COW, { do: 'add-node', name: 'Head' })).toThrow(
      new SkeletonError('a node named "head" already exists'),
    );
    expect(() => editSkeleton(COW, { do: 'rename-node', node: 2, name: 'NECK' })).toThrow(
      'a node named "neck" already exists',
    );
    expect(() => editSkeleton(COW, { do: 'add-node', name: '   ' })).toThrow('a node needs a name');
  });

  it('renames a node in place: same order, same edges', () => {
    const next = editSkeleton(COW, { do: 'rename-node', node: 1, name: 'withers' });
    expect(next?.nodes).toEqual(['head', 'withers', 'tail']);
    expect(named(next)).toEqual(['head–withers', 'withers–tail']);
    // Renaming to its own name in another case is not a clash with itself.
    expect(editSkeleton(COW, { do: 'rename-node', node: 0, name: 'Head' })?.nodes[0]).toBe('Head');
  });

  it('moves a node and keeps each edge between the same named nodes', () => {
    const next = editSkeleton(COW, { do: 'move-node', node: 2, to: 0 });
    expect(next?.nodes).toEqual(['tail', 'head', 'neck']);
    expect(named(next)).toEqual(['head–neck', 'neck–tail']);
    expect(next?.edges).toEqual([
      [1, 2],
      [2, 0],
    ]);
  });

  it('removes a node with its edges, renumbering the rest', () => {
    const next = editSkeleton(COW, { do: 'remove-node', node: 0 });
    expect(next).toEqual({ nodes: ['neck', 'tail'], edges: [[0, 1]] });
    expect(editSkeleton({ nodes: ['only'], edges: [] }, { do: 'remove-node', node: 0 })).toBe(
      undefined,
    );
  });

  it('adds an edge between two existing different nodes, once in either direction', () => {
    expect(named(editSkeleton(COW, { do: 'add-edge', from: 2, to: 0 }))).toEqual([
      'head–neck',
      'neck–tail',
      'tail–head',
    ]);
    expect(() => editSkeleton(COW, { do: 'add-edge', from: 1, to: 0 })).toThrow(
      '"neck" and "head" are already joined by an edge',
    );
    expect(() => editSkeleton(COW, { do: 'add-edge', from: 1, to: 1 })).toThrow(
      'an edge joins two different nodes',
    );
    expect(() => editSkeleton(COW, { do: 'add-edge', from: 0, to: 3 })).toThrow(
      'that node is no longer in the skeleton',
    );
  });

  it('removes an edge named either way round', () => {
    expect(named(editSkeleton(COW, { do: 'remove-edge', from: 2, to: 1 }))).toEqual(['head–neck']);
  });

  it('never changes the skeleton it is given', () => {
    const before = structuredClone(COW);
    editSkeleton(COW, { do: 'move-node', node: 0, to: 2 });
    editSkeleton(COW, { do: 'remove-node', node: 1 });
    expect(COW).toEqual(before);
  });

  it('says which edits change what each point of a pose means', () => {
    const edits: [SkeletonEdit, boolean][] = [
      [{ do: 'add-node', name: 'x' }, true],
      [{ do: 'move-node', node: 0, to: 1 }, true],
      [{ do: 'remove-node', node: 0 }, true],
      [{ do: 'rename-node', node: 0, name: 'x' }, false],
      [{ do: 'add-edge', from: 0, to: 2 }, false],
      [{ do: 'remove-edge', from: 0, to: 1 }, false],
    ];
    for (const [edit, renumbers] of edits) expect(renumbersNodes(edit)).toBe(renumbers);
  });
});
