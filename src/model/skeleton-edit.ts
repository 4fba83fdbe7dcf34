import { Skeleton } from './label.ts';

// Pure edits of a keypoints label's skeleton: its nodes in order and the edges between them.
// Each returns a new skeleton (undefined once the last node is gone) or throws SkeletonError.

export class SkeletonError extends Error {
  override name = 'SkeletonError';
}

export type SkeletonEdit =
  | { do: 'add-node'; name: string }
  | { do: 'rename-node'; node: number; name: string }
  | { do: 'move-node'; node: number; to: number }
  | { do: 'remove-node'; node: number }
  | { do: 'add-edge'; from: number; to: number }
  | { do: 'remove-edge'; from: number; to: number };

/**
 * Whether the edit changes which point of a pose is which node: adding, moving or removing a
 * node does (a pose holds one point per node, in the skeleton's order); renaming and edges do not.
 */
export function renumbersNodes(edit: SkeletonEdit): boolean {
  return edit.do === 'add-node' || edit.do === 'move-node' || edit.do === 'remove-node';
}

const sameEdge = (a: readonly [number, number], b: readonly [number, number]) =>
  (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0]);

function nodeName(nodes: readonly string[], name: string, except?: number): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new SkeletonError('a node needs a name');
  if (trimmed.length > 100) throw new SkeletonError('a node name has at most 100 characters');
  const taken = nodes.findIndex(
    (n, i) => i !== except && n.toLowerCase() === trimmed.toLowerCase(),
  );
  if (taken >= 0) throw new SkeletonError(`a node named "${nodes[taken]}" already exists`);
  return trimmed;
}

function node(nodes: readonly string[], index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= nodes.length)
    throw new SkeletonError('that node is no longer in the skeleton');
  return index;
}

export function editSkeleton(
  skeleton: Skeleton | undefined,
  edit: SkeletonEdit,
): Skeleton | undefined {
  const nodes = skeleton?.nodes ?? [];
  const edges = skeleton?.edges ?? [];
  let next: Skeleton;
  switch (edit.do) {
    case 'add-node':
      next = { nodes: [...nodes, nodeName(nodes, edit.name)], edges };
      break;
    case 'rename-node': {
      const at = node(nodes, edit.node);
      const name = nodeName(nodes, edit.name, at);
      next = { nodes: nodes.map((n, i) => (i === at ? name : n)), edges };
      break;
    }
    case 'move-node': {
      const from = node(nodes, edit.node);
      const to = node(nodes, edit.to);
      // Where each old index lands, so edges keep joining the same named nodes.
      const order = nodes.map((_, i) => i);
      order.splice(to, 0, ...order.splice(from, 1));
      const newIndex = new Map(order.map((old, i) => [old, i]));
      next = {
        nodes: order.map((old) => nodes[old]!),
        edges: edges.map(([a, b]) => [newIndex.get(a)!, newIndex.get(b)!]),
      };
      break;
    }
    case 'remove-node': {
      const gone = node(nodes, edit.node);
      if (nodes.length === 1) return undefined;
      const shift = (i: number) => (i > gone ? i - 1 : i);
      next = {
        nodes: nodes.filter((_, i) => i !== gone),
        edges: edges
          .filter(([a, b]) => a !== gone && b !== gone)
          .map(([a, b]) => [shift(a), shift(b)]),
      };
      break;
    }
    case 'add-edge': {
      const edge: [number, number] = [node(nodes, edit.from), node(nodes, edit.to)];
      if (edge[0] === edge[1]) throw new SkeletonError('an edge joins two different nodes');
      if (edges.some((e) => sameEdge(e, edge)))
        throw new SkeletonError(
          `"${nodes[edge[0]]}" and "${nodes[edge[1]]}" are already joined by an edge`,
        );
      next = { nodes, edges: [...edges, edge] };
      break;
    }
    case 'remove-edge':
      next = { nodes, edges: edges.filter((e) => !sameEdge(e, [edit.from, edit.to])) };
      break;
  }
  const parsed = Skeleton.safeParse(next);
  if (!parsed.success)
    throw new SkeletonError(parsed.error.issues[0]?.message ?? 'invalid skeleton');
  return parsed.data;
}
