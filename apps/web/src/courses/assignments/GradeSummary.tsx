// A grade as numbers: points out of the maximum, the late penalty taken, and the final percent.
// Shared by the learner's released grade and the grader's saved one, so both read the same.
import type { SubmissionGrade } from '@edumatrix/contracts';
import { Group, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../ui/format.ts';
import { pts } from './assignment-queries.ts';

export function GradeSummary({ grade, latestVersion }: { grade: SubmissionGrade; latestVersion: number }) {
  return (
    <Stack gap={4} data-grade>
      <Group gap="lg" wrap="wrap" align="baseline">
        <Text size="xl" fw={700} data-final-percent>
          {pts(grade.percent)}%
        </Text>
        <Text size="sm" data-grade-points>
          {pts(grade.points)} / {pts(grade.maxPoints)} points
        </Text>
        {grade.penaltyPercent > 0 && (
          <Text size="sm" c="orange.8" fw={500} data-penalty>
            −{pts(grade.penaltyPercent)}% late penalty
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        Graded {formatDateTime(grade.gradedAt)} on version {grade.version}
        {grade.version < latestVersion ? ` (version ${latestVersion} was handed in since)` : ''}
      </Text>
    </Stack>
  );
}
