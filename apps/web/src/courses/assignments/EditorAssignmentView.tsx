// Editors' assignment page: every learner's submission (status, when, how late, grade) with a link
// to grade it, the button that releases grades to learners, and who reviewed whom.
import type { Assignment, Institution, Submission } from '@edumatrix/contracts';
import { Anchor, Badge, Button, Group, Paper, Spoiler, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { client } from '../../api.ts';
import { formatDateTime } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/problem.ts';
import { LoadError, Loading, Notice } from '../../ui/states.tsx';
import { Markdown } from '../Markdown.tsx';
import { AssignmentHeader } from './AssignmentHeader.tsx';
import { assignmentFacts } from './AssignmentsPanel.tsx';
import { assignmentKeys, graderPath, lateText, peerReviewsQuery, pts, submissionsQuery } from './assignment-queries.ts';

type Props = { institution: Institution; assignment: Assignment };

const STATUS: Record<Submission['status'], { label: string; color: string }> = {
  not_submitted: { label: 'Not handed in', color: 'gray' },
  submitted: { label: 'To grade', color: 'yellow' },
  graded: { label: 'Graded', color: 'teal' },
};

function SubmissionsTable({ institution, assignment }: Props) {
  const submissions = useQuery(submissionsQuery(institution.id, assignment.courseId, assignment.id));
  if (submissions.isPending) return <Loading label="Loading the submissions" />;
  if (submissions.isError) return <LoadError error={submissions.error} title="Could not load the submissions" />;
  if (submissions.data.length === 0) return <Notice>No learners are enrolled yet.</Notice>;
  const rows = [...submissions.data].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing="xs" aria-label="Submissions" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Learner</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Handed in</Table.Th>
            <Table.Th>Late</Table.Th>
            <Table.Th>Grade</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((s) => {
            const status = STATUS[s.status];
            return (
              <Table.Tr key={s.userId} data-submission={s.displayName}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {s.displayName}
                  </Text>
                  {s.version > 1 && (
                    <Text size="xs" c="dimmed">
                      {s.version} versions
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={status.color} variant="light" data-status>
                    {status.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {s.submittedAt ? formatDateTime(s.submittedAt) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={s.lateDays > 0 ? 'orange.8' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                    {s.submittedAt ? lateText(s.lateDays) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }} data-grade-cell>
                    {s.grade ? `${pts(s.grade.points)} / ${pts(s.grade.maxPoints)} · ${pts(s.grade.percent)}%` : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {s.version > 0 && (
                    <Anchor
                      component={Link}
                      to={graderPath(institution.id, assignment.courseId, assignment.id, s.userId)}
                      size="sm"
                      aria-label={`${s.grade ? 'Open' : 'Grade'} the work of ${s.displayName}`}
                    >
                      {s.grade ? 'Open' : 'Grade'}
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PeerReviewOverview({ institution, assignment }: Props) {
  const reviews = useQuery(peerReviewsQuery(institution.id, assignment.courseId, assignment.id));
  return (
    <Stack gap="xs" component="section" aria-label="Peer reviews">
      <Title order={3} size="h4">
        Peer reviews
      </Title>
      {reviews.isPending ? (
        <Loading label="Loading the peer reviews" />
      ) : reviews.isError ? (
        <LoadError error={reviews.error} title="Could not load the peer reviews" />
      ) : !reviews.data.open || reviews.data.all.length === 0 ? (
        <Notice>
          Each learner who handed in reviews {assignment.peerReviews} {assignment.peerReviews === 1 ? 'classmate' : 'classmates'} once the
          deadline has passed.
        </Notice>
      ) : (
        <Stack gap={6}>
          {reviews.data.all.map((r) => (
            <Paper key={r.id} withBorder radius="sm" p="xs" data-peer-review={`${r.reviewerName} → ${r.authorName}`}>
              <Text size="sm" fw={500}>
                {r.reviewerName} reviews {r.authorName}
              </Text>
              <Text size="sm" c={r.comment ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {r.comment ?? 'Not written yet.'}
              </Text>
              {r.submittedAt && (
                <Text size="xs" c="dimmed">
                  {formatDateTime(r.submittedAt)}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function EditorAssignmentView({ institution, assignment }: Props) {
  const queryClient = useQueryClient();
  const release = useMutation({
    mutationFn: () => client.assignments.release(institution.id, assignment.courseId, assignment.id),
    onSuccess: async (next) => {
      queryClient.setQueryData(assignmentKeys.one(institution.id, assignment.courseId, assignment.id), next);
      notifySuccess('Grades and feedback are now visible to learners.');
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.all(institution.id, assignment.courseId) });
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.gradebook(institution.id, assignment.courseId) });
    },
    onError: (error) => notifyError(error, 'Could not release the grades'),
  });
  const stats = assignment.stats;
  return (
    <Stack gap="md">
      <AssignmentHeader assignment={assignment} forEditors />
      <Text size="xs" c="dimmed">
        {assignmentFacts(assignment).join(' · ')}
      </Text>
      {assignment.instructions.trim() && (
        <Paper withBorder radius="md" p="sm" component="section" aria-label="Instructions">
          <Spoiler maxHeight={120} showLabel="Show all instructions" hideLabel="Show less">
            <Markdown text={assignment.instructions} />
          </Spoiler>
        </Paper>
      )}
      <Group justify="space-between" gap="sm" align="center">
        <Stack gap={0}>
          <Title order={3} size="h4">
            Submissions
          </Title>
          {stats && (
            <Text size="sm" c="dimmed" data-stats>
              {stats.submitted} / {stats.learners} handed in · {stats.graded} graded
            </Text>
          )}
        </Stack>
        {assignment.releasedAt ? (
          <Badge color="blue" variant="light" size="lg" data-released>
            Grades released {formatDateTime(assignment.releasedAt)}
          </Badge>
        ) : (
          <Button loading={release.isPending} onClick={() => release.mutate()} disabled={!stats?.graded}>
            Release grades
          </Button>
        )}
      </Group>
      <SubmissionsTable institution={institution} assignment={assignment} />
      {assignment.peerReviews > 0 && <PeerReviewOverview institution={institution} assignment={assignment} />}
    </Stack>
  );
}
