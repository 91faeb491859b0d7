// What a learner sees once the teacher releases grades: the grade, the rubric levels they reached,
// the overall feedback, the text with the teacher's inline comments, and classmates' reviews.
import type { Assignment, Submission, SubmissionGrade } from '@edumatrix/contracts';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { formatDateTime } from '../../ui/format.ts';
import { AnnotatedText } from './AnnotatedText.tsx';
import { GradeSummary } from './GradeSummary.tsx';
import { RubricGrid } from './RubricGrid.tsx';

type Props = { assignment: Assignment; submission: Submission; grade: SubmissionGrade };

export function LearnerGrade({ assignment, submission, grade }: Props) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Your grade">
      <Stack gap="md">
        <Title order={3} size="h4">
          Your grade
        </Title>
        <GradeSummary grade={grade} latestVersion={submission.version} />
        {assignment.rubric.length > 0 && <RubricGrid rubric={assignment.rubric} value={grade.rubric} label="Rubric levels reached" />}
        {grade.feedback.trim() && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Feedback
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-feedback>
              {grade.feedback}
            </Text>
          </Stack>
        )}
        {assignment.allowText && submission.text && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {grade.annotations.length ? 'Your text, with comments' : 'Your text'}
            </Text>
            <AnnotatedText text={submission.text} annotations={grade.annotations} />
          </Stack>
        )}
        {submission.reviews.length > 0 && (
          <Stack gap="xs" component="section" aria-label="Peer reviews of your work">
            <Text size="sm" fw={600}>
              What classmates said
            </Text>
            {submission.reviews.map((r) => (
              <Paper key={`${r.submittedAt}-${r.comment}`} withBorder radius="sm" p="xs" data-received-review>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {r.comment}
                </Text>
                {assignment.rubric.length > 0 && Object.keys(r.rubric).length > 0 && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {assignment.rubric.map((c) => `${c.title}: ${c.levels.find((l) => l.id === r.rubric[c.id])?.title ?? '—'}`).join(' · ')}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt={2}>
                  Anonymous classmate · {formatDateTime(r.submittedAt)}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
