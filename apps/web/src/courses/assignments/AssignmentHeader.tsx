// The top of an assignment's page for everyone: title, the due moment on the institution's clock
// with how long is left (or how late it is), and the late policy in plain words.
import type { Assignment } from '@edumatrix/contracts';
import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { PublishedBadge } from '../QuizForm.tsx';
import { countdownText, dueText, latePolicyText } from './assignment-queries.ts';

export function AssignmentHeader({ assignment, forEditors }: { assignment: Assignment; forEditors: boolean }) {
  const countdown = countdownText(assignment.dueAt);
  return (
    <Stack gap={6}>
      <Group gap="xs" align="center">
        <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {assignment.title}
        </Title>
        {forEditors && <PublishedBadge published={assignment.published} />}
      </Group>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500} data-due>
          {assignment.dueAt ? `Due ${dueText(assignment)}` : 'No due date'}
        </Text>
        {countdown && (
          <Badge color={countdown.overdue ? 'red' : 'blue'} variant="light" data-countdown>
            {countdown.overdue && (forEditors || assignment.mine?.status !== 'not_submitted') ? 'Deadline passed' : countdown.text}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" data-late-policy>
        {latePolicyText(assignment)}
      </Text>
    </Stack>
  );
}
