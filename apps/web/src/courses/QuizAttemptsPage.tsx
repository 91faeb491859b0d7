import type { QuizAttempt } from '@edumatrix/contracts';
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { formatDateTime } from '../ui/format.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { BackLink } from './CoursePage.tsx';
import { PublishedBadge, quizFacts } from './QuizForm.tsx';
import { attemptPath } from './QuizzesPanel.tsx';
import { courseQuery } from './queries.ts';
import { attemptsQuery, isOpen, quizzesQuery, scoreText } from './quiz-queries.ts';

/** Editors: every attempt at one quiz, with the student's name, score and whether an answer waits for grading. */
export function QuizAttemptsPage() {
  const institution = useInstitutionContext();
  const { courseId = '', quizId = '' } = useParams();
  const outline = useQuery(courseQuery(institution.id, courseId));
  const quizzes = useQuery(quizzesQuery(institution.id, courseId));
  const attempts = useQuery(attemptsQuery(institution.id, courseId, quizId));
  const quiz = quizzes.data?.find((q) => q.id === quizId);
  usePageTitle(quiz ? `Attempts · ${quiz.title}` : 'Attempts');
  const back = <BackLink to={`/institutions/${institution.id}/courses/${courseId}?tab=quizzes`}>Quizzes</BackLink>;

  if (outline.isPending || quizzes.isPending || attempts.isPending) return <Loading label="Loading the attempts" />;
  const error = outline.error ?? quizzes.error ?? attempts.error;
  if (error) return <LoadError error={error} title="Could not load the attempts" />;
  if (!quiz)
    return (
      <Stack gap="sm">
        {back}
        <Notice>This quiz does not exist.</Notice>
      </Stack>
    );
  // Editors get each learner's name with the attempt; a learner sees only their own.
  const nameOf = (a: QuizAttempt) => a.displayName ?? 'You';
  const rows = [...(attempts.data ?? [])].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const waiting = rows.filter((a) => a.needsReview).length;

  return (
    <Stack gap="md">
      {back}
      <Stack gap={4}>
        <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {quiz.title}
        </Title>
        <Group gap="xs">
          <PublishedBadge published={quiz.published} />
          <Text size="sm" c="dimmed">
            {quizFacts(quiz).join(' · ')}
          </Text>
        </Group>
      </Stack>
      {rows.length === 0 ? (
        <Notice>No attempts yet.</Notice>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {rows.length} {rows.length === 1 ? 'attempt' : 'attempts'}
            {waiting ? ` · ${waiting} waiting for grading` : ''}
          </Text>
          <Table.ScrollContainer minWidth={340}>
            <Table verticalSpacing="xs" aria-label="Attempts" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Student</Table.Th>
                  <Table.Th>Score</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => {
                  const name = nameOf(a);
                  return (
                    <Table.Tr key={a.id} data-attempt={name}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          Attempt {a.number} · {a.submittedAt ? `submitted ${formatDateTime(a.submittedAt)}` : 'in progress'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {scoreText(a.score, a.maxScore)}
                        </Text>
                        {a.needsReview && (
                          <Text size="xs" c="yellow.9" fw={600} style={{ whiteSpace: 'nowrap' }}>
                            Needs grading
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {!isOpen(a) && (
                          <Anchor
                            component={Link}
                            to={attemptPath(institution.id, courseId, quizId, a.id)}
                            size="sm"
                            aria-label={`${a.needsReview ? 'Grade' : 'Open'} the attempt of ${name}`}
                          >
                            {a.needsReview ? 'Grade' : 'Open'}
                          </Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
