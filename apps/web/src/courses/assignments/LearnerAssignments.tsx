// Learners reach assignments from the course page: a short list of the published ones with the
// deadline and where their own work stands, each leading to the assignment's page.
import type { Assignment, Course, Institution } from '@edumatrix/contracts';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format.ts';
import { LoadError, Loading, Notice } from '../../ui/states.tsx';
import { assignmentPath, assignmentsQuery, countdownText, dueText } from './assignment-queries.ts';

type Props = { institution: Institution; course: Course };

/** Where the learner's work stands, in a word and a colour. */
export function standing(a: Assignment): { label: string; color: string } {
  const mine = a.mine;
  if (!mine || mine.status === 'not_submitted') {
    const late = a.dueAt !== null && new Date(a.dueAt).getTime() < Date.now();
    if (!late) return { label: 'To do', color: 'gray' };
    return a.latePolicy === 'refuse' ? { label: 'Missing', color: 'red' } : { label: 'Overdue', color: 'red' };
  }
  if (mine.status === 'graded' && a.releasedAt) return { label: 'Graded', color: 'teal' };
  return { label: mine.lateDays > 0 ? 'Handed in late' : 'Handed in', color: mine.lateDays > 0 ? 'orange' : 'blue' };
}

function Row({ institution, course, a }: Props & { a: Assignment }) {
  const s = standing(a);
  const countdown = a.mine?.status === 'not_submitted' || !a.mine ? countdownText(a.dueAt) : null;
  return (
    <Paper withBorder radius="md" p="sm" data-assignment={a.title}>
      <Group justify="space-between" align="center" gap="xs">
        <Stack gap={2} miw={0} style={{ flex: '1 1 220px' }}>
          <Group gap="xs">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {a.title}
            </Text>
            <Badge size="sm" color={s.color} variant="light" data-standing>
              {s.label}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {a.dueAt ? `Due ${dueText(a)}` : 'No due date'}
            {countdown && (
              <Text span size="sm" c={countdown.overdue ? 'red' : undefined} fw={500}>
                {' · '}
                {countdown.text}
              </Text>
            )}
          </Text>
          {a.mine?.submittedAt && (
            <Text size="xs" c="dimmed">
              Last handed in {formatDateTime(a.mine.submittedAt)}
            </Text>
          )}
        </Stack>
        <Button variant="light" component={Link} to={assignmentPath(institution.id, course.id, a.id)} aria-label={`Open ${a.title}`}>
          Open
        </Button>
      </Group>
    </Paper>
  );
}

/** Learners: the course's published assignments. */
export function LearnerAssignments({ institution, course }: Props) {
  const assignments = useQuery(assignmentsQuery(institution.id, course.id));
  if (assignments.isPending) return <Loading label="Loading the assignments" />;
  if (assignments.isError) return <LoadError error={assignments.error} title="Could not load the assignments" />;
  const shown = assignments.data.filter((a) => a.published);
  if (shown.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-label="Assignments">
      <Title order={3} size="h4">
        Assignments
      </Title>
      {!course.isEnrolled && <Notice>Enrol in the course to hand in its assignments.</Notice>}
      {shown.map((a) => (
        <Row key={a.id} institution={institution} course={course} a={a} />
      ))}
    </Stack>
  );
}
