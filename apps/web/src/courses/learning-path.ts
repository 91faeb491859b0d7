import type { CourseGraph } from '@edumatrix/contracts';

export type PathNode = CourseGraph['nodes'][number];
export type NodeState = 'completed' | 'open' | 'locked' | 'draft' | 'archived';

export const NODE_STATES: Record<NodeState, { label: string; fill: string; stroke: string; text: string }> = {
  completed: {
    label: 'Completed',
    fill: 'var(--mantine-color-teal-light)',
    stroke: 'var(--mantine-color-teal-filled)',
    text: 'var(--mantine-color-text)',
  },
  open: {
    label: 'Open',
    fill: 'var(--mantine-color-blue-light)',
    stroke: 'var(--mantine-color-blue-filled)',
    text: 'var(--mantine-color-text)',
  },
  locked: {
    label: 'Locked',
    fill: 'var(--mantine-color-orange-light)',
    stroke: 'var(--mantine-color-orange-filled)',
    text: 'var(--mantine-color-text)',
  },
  draft: {
    label: 'Draft',
    fill: 'var(--mantine-color-default)',
    stroke: 'var(--mantine-color-gray-5)',
    text: 'var(--mantine-color-dimmed)',
  },
  archived: {
    label: 'Archived',
    fill: 'var(--mantine-color-default)',
    stroke: 'var(--mantine-color-gray-4)',
    text: 'var(--mantine-color-dimmed)',
  },
};

export function stateOf(node: PathNode): NodeState {
  if (node.status === 'draft') return 'draft';
  if (node.status === 'archived') return 'archived';
  if (node.completed) return 'completed';
  return node.lockedBy.length ? 'locked' : 'open';
}

export type Layout = {
  /** Columns left to right: a course sits one column after its deepest prerequisite. */
  layers: PathNode[][];
  position: Map<string, { layer: number; row: number }>;
  /** Each course's prerequisites, by title. */
  after: Map<string, string[]>;
};

/**
 * Longest-path layering: depth 0 for courses with no prerequisites, else one more than the
 * deepest prerequisite. The server keeps the graph acyclic; a cycle here would only stop the
 * walk (the `visiting` guard), never loop.
 */
export function layoutGraph(graph: CourseGraph): Layout {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges) {
    if (!byId.has(edge.from) || !byId.has(edge.to)) continue;
    incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge.from]);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const d = Math.max(-1, ...(incoming.get(id) ?? []).map(depthOf)) + 1;
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  const layers: PathNode[][] = [];
  for (const node of [...graph.nodes].sort((a, b) => a.title.localeCompare(b.title))) {
    const d = depthOf(node.id);
    while (layers.length <= d) layers.push([]);
    layers[d]?.push(node);
  }
  // Order each column by the mean row of its prerequisites, so edges cross less.
  const position = new Map<string, { layer: number; row: number }>();
  layers.forEach((layer, l) => {
    if (l > 0) {
      const meanRow = (n: PathNode) => {
        const rows = (incoming.get(n.id) ?? []).map((id) => position.get(id)?.row ?? 0);
        return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 0;
      };
      layer.sort((a, b) => meanRow(a) - meanRow(b) || a.title.localeCompare(b.title));
    }
    layer.forEach((node, row) => {
      position.set(node.id, { layer: l, row });
    });
  });
  const after = new Map(graph.nodes.map((n) => [n.id, (incoming.get(n.id) ?? []).map((id) => byId.get(id)?.title ?? '')]));
  return { layers, position, after };
}

/** "Algebra I, locked: complete Numbers first. After Numbers." */
export function describeNode(node: PathNode, after: string[]) {
  const state = stateOf(node);
  const parts = [`${node.title}, ${NODE_STATES[state].label.toLowerCase()}`];
  if (state === 'locked') parts[0] += `: complete ${node.lockedBy.map((p) => p.title).join(' and ')} first`;
  if (after.length) parts.push(`After ${after.join(' and ')}`);
  return `${parts.join('. ')}.`;
}
