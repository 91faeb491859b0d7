import type { CourseGraph } from '@edumatrix/contracts';
import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { PageHeader } from '../structure/PageHeader.tsx';
import { usePhone } from '../ui/FormActions.tsx';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { CoursesNav } from './CoursesNav.tsx';
import classes from './LearningPath.module.css';
import { describeNode, type Layout, layoutGraph, NODE_STATES, type NodeState, stateOf } from './learning-path.ts';
import { learningPathQuery } from './queries.ts';

const NODE_W = 184;
const NODE_H = 58;
const COL_GAP = 64;
const ROW_GAP = 22;
const PAD = 12;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

const COLORS: Record<NodeState, string> = {
  completed: 'teal',
  open: 'blue',
  locked: 'orange',
  draft: 'gray',
  archived: 'gray',
};

/** The states the path shows, in a fixed order. */
function Legend({ graph }: { graph: CourseGraph }) {
  const present = new Set(graph.nodes.map(stateOf));
  return (
    <Group gap="xs" aria-label="Legend" role="list">
      {(Object.keys(NODE_STATES) as NodeState[])
        .filter((s) => present.has(s))
        .map((state) => (
          <Badge key={state} role="listitem" color={COLORS[state]} variant="light" size="sm">
            {NODE_STATES[state].label}
          </Badge>
        ))}
    </Group>
  );
}

/** Courses left to right by prerequisite depth; each box a link to its course. */
function PathDiagram({ graph, layout, coursePath }: { graph: CourseGraph; layout: Layout; coursePath: (id: string) => string }) {
  const navigate = useNavigate();
  const rows = Math.max(1, ...layout.layers.map((l) => l.length));
  const width = PAD * 2 + layout.layers.length * NODE_W + (layout.layers.length - 1) * COL_GAP;
  const height = PAD * 2 + rows * NODE_H + (rows - 1) * ROW_GAP;
  const at = (id: string) => {
    const p = layout.position.get(id);
    if (!p) return null;
    const columnHeight = (layout.layers[p.layer]?.length ?? 1) * (NODE_H + ROW_GAP) - ROW_GAP;
    const top = PAD + (height - PAD * 2 - columnHeight) / 2;
    return { x: PAD + p.layer * (NODE_W + COL_GAP), y: top + p.row * (NODE_H + ROW_GAP) };
  };
  const open = (event: MouseEvent, to: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    void navigate(to);
  };

  return (
    <div className={classes.scroller}>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; "group" names the set of course links */}
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={`Learning path: ${graph.nodes.length} ${graph.nodes.length === 1 ? 'course' : 'courses'}`}
        data-learning-path
        style={{ display: 'block', minWidth: width }}
      >
        <defs>
          <marker id="path-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--mantine-color-gray-6)" />
          </marker>
        </defs>
        <g>
          {graph.edges.map((edge) => {
            const a = at(edge.from);
            const b = at(edge.to);
            if (!a || !b) return null;
            const x1 = a.x + NODE_W;
            const y1 = a.y + NODE_H / 2;
            const x2 = b.x - 2;
            const y2 = b.y + NODE_H / 2;
            const bend = Math.max(24, (x2 - x1) / 2);
            const from = graph.nodes.find((n) => n.id === edge.from)?.title;
            const to = graph.nodes.find((n) => n.id === edge.to)?.title;
            return (
              <path
                key={`${edge.from}-${edge.to}`}
                d={`M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`}
                fill="none"
                stroke="var(--mantine-color-gray-6)"
                strokeWidth={1.5}
                markerEnd="url(#path-arrow)"
                data-edge={`${from} → ${to}`}
              />
            );
          })}
        </g>
        {graph.nodes.map((node) => {
          const p = at(node.id);
          if (!p) return null;
          const state = stateOf(node);
          const look = NODE_STATES[state];
          const to = coursePath(node.id);
          return (
            <a
              key={node.id}
              href={to}
              onClick={(event) => open(event, to)}
              className={classes.node}
              aria-label={describeNode(node, layout.after.get(node.id) ?? [])}
              data-node={node.title}
              data-state={state}
            >
              <rect
                className={classes.box}
                x={p.x}
                y={p.y}
                width={NODE_W}
                height={NODE_H}
                rx={10}
                fill={look.fill}
                stroke={look.stroke}
                strokeWidth={1.5}
                strokeDasharray={state === 'draft' || state === 'archived' ? '5 4' : undefined}
              />
              <text x={p.x + 12} y={p.y + 24} fontSize={14} fontWeight={600} fill={look.text}>
                {clip(node.title, 22)}
              </text>
              <text x={p.x + 12} y={p.y + 44} fontSize={12} fill="var(--mantine-color-dimmed)">
                {state === 'locked'
                  ? clip(`Locked · after ${node.lockedBy.map((l) => l.title).join(', ')}`, 26)
                  : state === 'completed'
                    ? '✓ Completed'
                    : look.label}
              </text>
            </a>
          );
        })}
      </svg>
    </div>
  );
}

/** On a phone: the same path as steps, one under the other. */
function PathSteps({ layout, coursePath }: { layout: Layout; coursePath: (id: string) => string }) {
  return (
    <Stack gap="md" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Learning path">
      {layout.layers.map((layer, index) => (
        <Stack key={layer[0]?.id ?? index} gap={6} component="li">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            Step {index + 1}
          </Text>
          {layer.map((node) => {
            const state = stateOf(node);
            const after = layout.after.get(node.id) ?? [];
            return (
              <Paper key={node.id} withBorder radius="md" p="sm" data-node={node.title} data-state={state}>
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Stack gap={2} miw={0}>
                    <Anchor
                      component={Link}
                      to={coursePath(node.id)}
                      fw={600}
                      aria-label={describeNode(node, after)}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {node.title}
                    </Anchor>
                    {after.length > 0 && (
                      <Text size="xs" c="dimmed">
                        After {after.join(', ')}
                      </Text>
                    )}
                  </Stack>
                  <Badge color={COLORS[state]} variant="light" size="sm" style={{ flexShrink: 0 }}>
                    {NODE_STATES[state].label}
                  </Badge>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      ))}
    </Stack>
  );
}

export function LearningPathPage() {
  const institution = useInstitutionContext();
  usePageTitle(`Learning path · ${institution.name}`);
  const phone = usePhone();
  const graph = useQuery(learningPathQuery(institution.id));
  const coursePath = (id: string) => `/institutions/${institution.id}/courses/${id}`;
  const layout = graph.data ? layoutGraph(graph.data) : null;

  return (
    <Stack gap="md">
      <CoursesNav institutionId={institution.id} />
      <PageHeader
        title="Learning path"
        hint="Which courses open which: each course comes after the courses to complete before it. Open one to start it."
      />
      {graph.isPending ? (
        <Loading label="Loading the learning path" />
      ) : graph.isError ? (
        <LoadError error={graph.error} title="Could not load the learning path" />
      ) : !layout || graph.data.nodes.length === 0 ? (
        <Notice>No courses yet. Once courses exist, and teachers link them with prerequisites, the path appears here.</Notice>
      ) : (
        <>
          <Legend graph={graph.data} />
          {graph.data.edges.length === 0 && (
            <Text size="sm" c="dimmed">
              No course has prerequisites yet: every course can be taken on its own. Teachers set them on a course’s Prerequisites tab.
            </Text>
          )}
          {phone ? (
            <PathSteps layout={layout} coursePath={coursePath} />
          ) : (
            <Paper withBorder radius="md" p="sm">
              <PathDiagram graph={graph.data} layout={layout} coursePath={coursePath} />
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}
