// The editors' Assignments tab on the course page: every assignment with its due moment on the
// institution's clock and how far handing in and marking are, and the modal to create or edit one.
import type { Assignment, Course, Institution } from '@edumatrix/contracts';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { client } from '../../api.ts';
import { ConfirmDeleteModal } from '../../people/ConfirmDeleteModal.tsx';
import { notifySuccess } from '../../ui/problem.ts';
import { LoadError, Loading, Notice } from '../../ui/states.tsx';
import { PublishedBadge } from '../QuizForm.tsx';
import { AssignmentFormModal } from './AssignmentForm.tsx';
import { assignmentKeys, assignmentPath, assignmentsQuery, dueText, gradebookQuery, pts } from './assignment-queries.ts';

type Props = { institution: Institution; course: Course };

/** "Rubric · 12 points · text or a file · 2 peer reviews" */
export function assignmentFacts(a: Assignment): string[] {
  const ways = [a.allowText && 'text', a.allowFiles && 'a file'].filter(Boolean).join(' or ');
  return [
    a.rubric.length ? `Rubric, ${pts(a.maxPoints)} points` : `${pts(a.maxPoints)} points`,
    `Hand in ${ways}`,
    ...(a.peerReviews ? [`${a.peerReviews} peer ${a.peerReviews === 1 ? 'review' : 'reviews'} each`] : []),
  ];
}

function StatsLine({ stats, released }: { stats: Assignment['stats']; released: boolean }) {
  if (!stats) return null;
  return (
    <Group gap="xs">
      <Text size="sm" data-stats>
        {stats.submitted} / {stats.learners} handed in · {stats.graded} graded
      </Text>
      {released && (
        <Badge size="sm" color="blue" variant="light">
          Grades released
        </Badge>
      )}
    </Group>
  );
}

export function AssignmentsPanel({ institution, course }: Props) {
  const queryClient = useQueryClient();
  const assignments = useQuery(assignmentsQuery(institution.id, course.id));
  const gradebook = useQuery(gradebookQuery(institution.id, course.id));
  const [editing, setEditing] = useState<Assignment | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Assignment | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: assignmentKeys.all(institution.id, course.id) });

  return (
    <Stack gap="sm" component="section" aria-label="Assignments">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h4">
          Assignments
        </Title>
        <Button onClick={() => setEditing('new')}>New assignment</Button>
      </Group>
      {assignments.isPending ? (
        <Loading label="Loading the assignments" />
      ) : assignments.isError ? (
        <LoadError error={assignments.error} title="Could not load the assignments" />
      ) : assignments.data.length === 0 ? (
        <Notice>No assignments yet. Create one: learners hand in text or a file, and you grade it with points or a rubric.</Notice>
      ) : (
        <Stack gap="xs">
          {assignments.data.map((a) => (
            <Paper key={a.id} withBorder radius="md" p="sm" data-assignment={a.title}>
              <Group justify="space-between" align="flex-start" gap="xs">
                <Stack gap={4} miw={0} style={{ flex: '1 1 260px' }}>
                  <Group gap="xs">
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {a.title}
                    </Text>
                    <PublishedBadge published={a.published} />
                  </Group>
                  <Text size="sm" data-due>
                    {a.dueAt ? `Due ${dueText(a)}` : 'No due date'}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {assignmentFacts(a).join(' · ')}
                  </Text>
                  <StatsLine stats={a.stats} released={a.releasedAt !== null} />
                </Stack>
                <Group gap={4}>
                  <Button size="compact-sm" variant="light" component={Link} to={assignmentPath(institution.id, course.id, a.id)}>
                    Submissions
                  </Button>
                  <Button size="compact-sm" variant="subtle" onClick={() => setEditing(a)} aria-label={`Edit ${a.title}`}>
                    Edit
                  </Button>
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(a)} aria-label={`Delete ${a.title}`}>
                    Delete
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <AssignmentFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        institutionId={institution.id}
        courseId={course.id}
        timeZone={institution.timezone}
        assignment={editing === 'new' ? null : editing}
        categories={gradebook.data?.categories ?? []}
        onSaved={refresh}
      />
      <ConfirmDeleteModal
        opened={deleting !== null}
        what="assignment"
        name={deleting?.title ?? ''}
        consequence="Its submissions, grades and reviews go with it."
        onDelete={async () => {
          if (!deleting) return;
          await client.assignments.remove(institution.id, course.id, deleting.id);
          notifySuccess(`${deleting.title} was deleted.`);
          await refresh();
        }}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
