// After the deadline a learner reviews classmates' work without knowing whose: read the text,
// download the file, pick rubric levels and write a comment. Reviews can be edited once written.
import type { Assignment, ReviewTask } from '@edumatrix/contracts';
import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../../api.ts';
import { errorMessage, notifySuccess, problemOf } from '../../ui/problem.ts';
import { LoadError, Loading, Notice } from '../../ui/states.tsx';
import { assignmentKeys, peerReviewsQuery } from './assignment-queries.ts';
import { FileDownload } from './FileDownload.tsx';
import { RubricGrid } from './RubricGrid.tsx';

type Props = { institutionId: string; assignment: Assignment };

function TaskCard({ institutionId, assignment, task }: Props & { task: ReviewTask }) {
  const queryClient = useQueryClient();
  const [comment, setComment] = useState(task.comment ?? '');
  const [rubric, setRubric] = useState<Record<string, string>>(task.rubric);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => client.assignments.review(institutionId, assignment.courseId, assignment.id, task.id, { comment, rubric }),
    onMutate: () => setFieldError(null),
    onSuccess: async () => {
      notifySuccess(`Your review of ${task.label} was saved.`);
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.peerReviews(institutionId, assignment.courseId, assignment.id) });
    },
    onError: (error) =>
      setFieldError(
        problemOf(error)
          ?.errors?.map((e) => `${e.field}: ${e.message}`)
          .join('; ') || errorMessage(error),
      ),
  });
  const done = task.submittedAt !== null;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="article" aria-label={task.label} data-review-task={task.label}>
      <Stack gap="sm">
        <Group gap="xs" justify="space-between">
          <Title order={4} size="h5">
            {task.label}
          </Title>
          <Badge color={done ? 'teal' : 'gray'} variant="light">
            {done ? 'Reviewed' : 'To review'}
          </Badge>
        </Group>
        {task.text ? (
          <Paper withBorder radius="sm" p="sm" bg="var(--mantine-color-default-hover)">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-review-text>
              {task.text}
            </Text>
          </Paper>
        ) : (
          <Text size="sm" c="dimmed">
            No text was handed in.
          </Text>
        )}
        {task.file && (
          <FileDownload
            file={task.file}
            label={`Download the file (${task.file.name})`}
            fetchFile={() => client.assignments.reviewFile(institutionId, assignment.courseId, assignment.id, task.id)}
          />
        )}
        {assignment.rubric.length > 0 && (
          <RubricGrid rubric={assignment.rubric} value={rubric} onChange={setRubric} label={`Rubric for ${task.label}`} withoutTotal />
        )}
        <Textarea
          label="Your review"
          description="Be specific and kind: what works, and one thing to improve. Your name is not shown."
          autosize
          minRows={3}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={fieldError}
        />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!comment.trim()}>
            {done ? 'Update review' : 'Send review'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The learner's peer review tasks for one assignment. */
export function PeerReviewTasks({ institutionId, assignment }: Props) {
  const reviews = useQuery(peerReviewsQuery(institutionId, assignment.courseId, assignment.id));
  return (
    <Stack gap="sm" component="section" aria-label="Peer review">
      <Title order={3} size="h4">
        Peer review
      </Title>
      {reviews.isPending ? (
        <Loading label="Loading your reviews" />
      ) : reviews.isError ? (
        <LoadError error={reviews.error} title="Could not load your reviews" />
      ) : !reviews.data.open ? (
        <Notice>
          After the deadline you will review {assignment.peerReviews} {assignment.peerReviews === 1 ? 'classmate’s' : 'classmates’'} work,
          without names on either side. Hand in your own work to take part.
        </Notice>
      ) : reviews.data.tasks.length === 0 ? (
        <Notice>You have no reviews to write: only those who handed in work take part.</Notice>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {reviews.data.tasks.filter((t) => t.submittedAt).length} of {reviews.data.tasks.length} reviewed
          </Text>
          {reviews.data.tasks.map((task) => (
            <TaskCard key={task.id} institutionId={institutionId} assignment={assignment} task={task} />
          ))}
        </>
      )}
    </Stack>
  );
}
