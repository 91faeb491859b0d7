// A rubric as a grid of levels per criterion: teachers and peer reviewers click one level per
// criterion (a radio group each, so the keyboard works), learners see the levels they were given
// highlighted. The running total is shown under it either way.
import type { Rubric } from '@edumatrix/contracts';
import { Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { pts, rubricMax, rubricPoints } from './assignment-queries.ts';

type Props = {
  rubric: Rubric;
  /** Criterion id → level id. */
  value: Record<string, string>;
  /** Without it the grid is read-only. */
  onChange?: (next: Record<string, string>) => void;
  /** Names the grid for assistive technology and tests ("Rubric", "Your review's rubric"). */
  label?: string;
  /** Hides the total (a peer review gives no points). */
  withoutTotal?: boolean;
};

// Levels wrap as the width allows: as many side by side as fit, never squeezed mid-word.
const LEVELS = { display: 'flex', flexWrap: 'wrap', gap: 6 } as const;
const LEVEL = { flex: '1 1 130px', minWidth: 0 } as const;
const SELECTED = { borderColor: 'var(--mantine-primary-color-filled)', borderWidth: 2 } as const;

function LevelCard({ title, points, checked }: { title: string; points: number; checked: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={checked ? 700 : 500} style={{ overflowWrap: 'break-word' }}>
        {title}
      </Text>
      <Text size="xs" c={checked ? undefined : 'dimmed'}>
        {pts(points)} {points === 1 ? 'point' : 'points'}
      </Text>
    </Stack>
  );
}

export function RubricGrid({ rubric, value, onChange, label = 'Rubric', withoutTotal }: Props) {
  const total = rubricPoints(rubric, value);
  const chosen = rubric.filter((c) => value[c.id]).length;
  return (
    <Stack gap="sm" role="group" aria-label={label} data-rubric>
      {rubric.map((criterion) => {
        const head = (
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {criterion.title}
            </Text>
            {criterion.description && (
              <Text size="xs" c="dimmed">
                {criterion.description}
              </Text>
            )}
          </Stack>
        );
        if (!onChange)
          return (
            <Stack key={criterion.id} gap={6} data-criterion={criterion.title}>
              {head}
              <div style={LEVELS}>
                {criterion.levels.map((level) => {
                  const checked = value[criterion.id] === level.id;
                  return (
                    <Paper
                      key={level.id}
                      withBorder
                      radius="sm"
                      p="xs"
                      data-level={level.title}
                      data-selected={checked || undefined}
                      aria-current={checked ? 'true' : undefined}
                      bg={checked ? 'var(--mantine-primary-color-light)' : undefined}
                      style={{ ...LEVEL, ...(checked ? SELECTED : { opacity: 0.7 }) }}
                    >
                      <LevelCard title={level.title} points={level.points} checked={checked} />
                    </Paper>
                  );
                })}
              </div>
            </Stack>
          );
        return (
          <Radio.Group
            key={criterion.id}
            label={head}
            value={value[criterion.id] ?? null}
            onChange={(levelId) => onChange({ ...value, [criterion.id]: levelId })}
            data-criterion={criterion.title}
          >
            <div style={{ ...LEVELS, marginTop: 6 }}>
              {criterion.levels.map((level) => {
                const checked = value[criterion.id] === level.id;
                return (
                  <Radio.Card
                    key={level.id}
                    value={level.id}
                    radius="sm"
                    p="xs"
                    aria-label={`${criterion.title}: ${level.title}`}
                    data-level={level.title}
                    bg={checked ? 'var(--mantine-primary-color-light)' : undefined}
                    style={{ ...LEVEL, ...(checked ? SELECTED : {}) }}
                  >
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <Radio.Indicator size="xs" mt={3} />
                      <LevelCard title={level.title} points={level.points} checked={checked} />
                    </Group>
                  </Radio.Card>
                );
              })}
            </div>
          </Radio.Group>
        );
      })}
      {!withoutTotal && (
        <Text size="sm" fw={600} data-rubric-total aria-live="polite">
          Total: {pts(total)} / {pts(rubricMax(rubric))}
          {onChange && chosen < rubric.length ? ` (${rubric.length - chosen} of ${rubric.length} criteria left)` : ''}
        </Text>
      )}
    </Stack>
  );
}
