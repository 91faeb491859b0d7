import type { DashboardLesson } from '@edumatrix/contracts';
import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Today's lessons in time order: what and where on one line (with an optional badge on the right),
 * when below, so the list stays readable in a narrow card.
 */
export function LessonList({
  lessons,
  aside,
  empty,
}: {
  lessons: DashboardLesson[];
  aside?: (l: DashboardLesson) => ReactNode;
  empty: string;
}) {
  if (lessons.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {lessons.map((l) => (
        <li key={l.periodId} data-lesson={l.className}>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
              {l.subjectName ?? 'Lesson'} · {l.className}
            </Text>
            {aside?.(l)}
          </Group>
          <Text size="xs" c="dimmed">
            {l.startsAt}–{l.endsAt}
            {l.room ? ` · Room ${l.room}` : ''}
          </Text>
        </li>
      ))}
    </Stack>
  );
}
