// The grader's form: a level per rubric criterion (or points), overall feedback, and the inline
// comments made on the text. After saving it shows what the server worked out: penalty, final percent.
import type { Annotation, Assignment, Submission } from '@edumatrix/contracts';
import { Button, Group, NumberInput, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../../api.ts';
import { FormAlert } from '../../ui/FormAlert.tsx';
import { errorMessage, notifySuccess, problemOf } from '../../ui/problem.ts';
import { assignmentKeys, pts } from './assignment-queries.ts';
import { GradeSummary } from './GradeSummary.tsx';
import { RubricGrid } from './RubricGrid.tsx';

type Props = {
  institutionId: string;
  assignment: Assignment;
  submission: Submission;
  annotations: Annotation[];
  /** Saved: the server's answer, with the annotations as stored. */
  onSaved: (next: Submission) => void;
};

export function GradeForm({ institutionId, assignment, submission, annotations, onSaved }: Props) {
  const queryClient = useQueryClient();
  const { courseId, id } = assignment;
  const hasRubric = assignment.rubric.length > 0;
  const [rubric, setRubric] = useState<Record<string, string>>(submission.grade?.rubric ?? {});
  const [points, setPoints] = useState<number | string>(submission.grade && !hasRubric ? submission.grade.points : '');
  const [feedback, setFeedback] = useState(submission.grade?.feedback ?? '');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const left = assignment.rubric.filter((c) => !rubric[c.id]).length;

  async function save() {
    setError(null);
    setFieldErrors({});
    if (hasRubric && left > 0) return setError(`Pick a level for every criterion (${left} left).`);
    if (!hasRubric && points === '') return setFieldErrors({ points: 'Enter the points' });
    setSaving(true);
    try {
      const next = await client.assignments.grade(institutionId, courseId, id, submission.userId, {
        rubric: hasRubric ? rubric : {},
        points: hasRubric ? null : Number(points),
        feedback,
        annotations,
      });
      queryClient.setQueryData(assignmentKeys.submission(institutionId, courseId, id, submission.userId), next);
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.submissions(institutionId, courseId, id), exact: true });
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.one(institutionId, courseId, id), exact: true });
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.all(institutionId, courseId), exact: true });
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.gradebook(institutionId, courseId) });
      notifySuccess(
        `${submission.displayName}’s grade was saved${assignment.releasedAt ? '' : '; learners see it once you release grades'}.`,
      );
      onSaved(next);
    } catch (err) {
      const errors: Record<string, string> = {};
      for (const e of problemOf(err)?.errors ?? []) {
        const key = e.field.replace(/^\/?(body[./])?/, '').split(/[./]/)[0] ?? '';
        errors[key] = errors[key] ? `${errors[key]}; ${e.message}` : e.message;
      }
      setFieldErrors(errors);
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Grade">
      <Stack gap="md">
        <Title order={3} size="h4">
          Grade
        </Title>
        {hasRubric ? (
          <>
            <RubricGrid rubric={assignment.rubric} value={rubric} onChange={setRubric} />
            {fieldErrors.rubric && (
              <Text size="sm" c="red">
                {fieldErrors.rubric}
              </Text>
            )}
          </>
        ) : (
          <NumberInput
            label={`Points (out of ${pts(assignment.maxPoints)})`}
            min={0}
            max={assignment.maxPoints}
            decimalScale={2}
            allowNegative={false}
            value={points}
            onChange={setPoints}
            error={fieldErrors.points}
            w={200}
          />
        )}
        <Textarea
          label="Overall feedback"
          autosize
          minRows={3}
          value={feedback}
          onChange={(e) => setFeedback(e.currentTarget.value)}
          error={fieldErrors.feedback}
        />
        <Text size="xs" c="dimmed">
          {annotations.length} inline {annotations.length === 1 ? 'comment' : 'comments'} on the text will be saved with the grade.
        </Text>
        <FormAlert message={error ?? (fieldErrors.annotations ? `Comments: ${fieldErrors.annotations}` : null)} />
        <Group justify="flex-end">
          <Button onClick={save} loading={saving}>
            Save grade
          </Button>
        </Group>
        {submission.grade && (
          <Paper radius="sm" p="sm" bg="var(--mantine-color-default-hover)" aria-label="Saved grade" component="section">
            <GradeSummary grade={submission.grade} latestVersion={submission.version} />
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}
